import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every oversized request is answered, whichever route it was sent to. */
export function bodyTooLargeAnswer(limitBytes: number): { error: string; message: string; limitBytes: number } {
  return { error: 'body_too_large', message: `The request body is larger than the limit of ${limitBytes} bytes`, limitBytes };
}

export function sendBodyTooLarge(response: ServerResponse, limitBytes: number, extraHeaders: Record<string, string> = {}): void {
  const payload = JSON.stringify(bodyTooLargeAnswer(limitBytes));
  response.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  response.end(payload);
}

/** A declared `Content-Length` over the limit: refused before a byte of the body is read. */
export function declaresBodyOver(request: IncomingMessage, limitBytes: number): boolean {
  const declared = request.headers['content-length'];
  return declared !== undefined && Number(declared) > limitBytes;
}

type Next = (error?: unknown) => void;

/**
 * Express middleware for every route: a body declared larger than the limit is answered 413
 * at once, whatever its content type (the JSON parser would only catch JSON ones).
 */
export function refuseDeclaredLargeBodies(limitBytes: number) {
  return (request: IncomingMessage, response: ServerResponse, next: Next): void => {
    if (declaresBodyOver(request, limitBytes)) sendBodyTooLarge(response, limitBytes);
    else next();
  };
}

/**
 * Express error middleware after the body parser: a body found too large while it streamed
 * in (chunked, no length declared) gets the same JSON 413 rather than an HTML error page.
 */
export function answerBodyParserOverflow(limitBytes: number) {
  return (error: unknown, _request: IncomingMessage, response: ServerResponse, next: Next): void => {
    if ((error as { type?: unknown } | null)?.type === 'entity.too.large') sendBodyTooLarge(response, limitBytes);
    else next(error);
  };
}
