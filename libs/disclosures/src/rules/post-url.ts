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
