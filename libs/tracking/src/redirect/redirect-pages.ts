/** The redirector's own pages: small, static, no scripts, no details of what went wrong inside. */
function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
</head><body><h1>${title}</h1><p>${message}</p></body></html>
`;
}

export const NOT_FOUND_PAGE = page('Link not found', 'This link does not exist. Check that it was copied completely.');
export const GONE_PAGE = page('This link has expired', 'The offer behind this link has ended or the link was turned off.');
export const UNAVAILABLE_PAGE = page('Please try again', 'This link cannot be opened right now. Please try again in a moment.');
