import { Platform } from '@app/creators';

/** The registered domains each platform serves posts from; `www.` and `m.` are allowed in front. */
const PLATFORM_HOSTS: Record<Exclude<Platform, Platform.BLOG | Platform.PINTEREST>, readonly string[]> = {
  [Platform.INSTAGRAM]: ['instagram.com'],
  [Platform.TIKTOK]: ['tiktok.com'],
  [Platform.YOUTUBE]: ['youtube.com', 'youtu.be'],
  [Platform.FACEBOOK]: ['facebook.com'],
  [Platform.SNAPCHAT]: ['snapchat.com'],
  [Platform.X]: ['x.com', 'twitter.com'],
  [Platform.TWITCH]: ['twitch.tv'],
};

/** Pinterest serves every country from its own domain: pinterest.com, pinterest.de, pinterest.co.uk. */
const PINTEREST_HOST = /^pinterest\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;
const OPTIONAL_SUBDOMAIN = /^(?:www\.|m\.)/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_URL_LENGTH = 2048;

/**
 * Null when `url` can be a post on `platform`, else why not. Any https page will do for a BLOG;
 * a social post must be on the platform's own host, so look-alikes (`instagram.com.evil.example`,
 * `evilinstagram.com`) and addresses that hide their target (credentials, IP hosts) are refused.
 */
export function checkPostUrl(platform: Platform, url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH) return `url must be an https address of at most ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return `url is not a valid address (got "${trimmed}")`;
  }
  if (parsed.protocol !== 'https:') return `url must start with https:// (got "${parsed.protocol}")`;
  if (parsed.username !== '' || parsed.password !== '') return 'url must not contain a user name or password';
  if (parsed.port !== '') return 'url must not name a port';
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  if (host.startsWith('[') || /^\d+$/.test(labels.at(-1) ?? '')) return 'url must name a host, not an IP address';
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) return `url has an invalid host (got "${host}")`;
  if (platform === Platform.BLOG) return null;

  const registered = host.replace(OPTIONAL_SUBDOMAIN, '');
  const onPlatform = platform === Platform.PINTEREST ? PINTEREST_HOST.test(registered) : PLATFORM_HOSTS[platform].includes(registered);
  if (!onPlatform) return `url must be the address of a post on ${platform} (got host "${host}")`;
  if (parsed.pathname === '/' || parsed.pathname === '') return `url must be the address of a post on ${platform}, not its home page`;
  return null;
}

/** Query parameters that name the post itself rather than who shared it or how. */
const IDENTIFYING_PARAMETERS: Partial<Record<Platform, readonly string[]>> = {
  [Platform.YOUTUBE]: ['v'],
  [Platform.FACEBOOK]: ['story_fbid', 'id', 'v', 'fbid'],
};
const TRACKING_PARAMETER = /^(?:utm_|fbclid$|gclid$|igsh|igshid$|si$|ref$|ref_src$|s$|t$|feature$|share)/i;

/**
 * What names the post in a URL `checkPostUrl` accepted, so one post can't be recorded twice
 * through a share link: the host without `www.`/`m.`, the path without a trailing slash, and
 * only the query parameters that identify the post (for a blog, every parameter except
 * trackers, sorted). Scheme, fragment and share trackers (`?igsh=`, `utm_*`) are dropped.
 */
export function postUrlKey(platform: Platform, url: string): string {
  const parsed = new URL(url.trim());
  let host = parsed.hostname.toLowerCase().replace(/\.$/, '').replace(OPTIONAL_SUBDOMAIN, '');
  let path = parsed.pathname.replace(/\/+$/, '');
  // One post, several addresses: X's old domain, YouTube's short links and Shorts, Instagram reels.
  if (host === 'twitter.com') host = 'x.com';
  const youtubeId = host === 'youtu.be' ? path.slice(1) : host === 'youtube.com' ? /^\/shorts\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (youtubeId) {
    host = 'youtube.com';
    path = '/watch';
    parsed.searchParams.set('v', youtubeId);
  }
  if (host === 'instagram.com') path = path.replace(/^\/(?:reels?|tv)\//, '/p/');
  const keep = IDENTIFYING_PARAMETERS[platform];
  const parameters = [...parsed.searchParams.entries()]
    .filter(([name]) => (platform === Platform.BLOG ? !TRACKING_PARAMETER.test(name) : (keep ?? []).includes(name)))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = new URLSearchParams(parameters).toString();
  // Paths are case-sensitive on most platforms (YouTube and TikTok ids are); hosts are not.
  return `${host}${path}${query ? `?${query}` : ''}`;
}
