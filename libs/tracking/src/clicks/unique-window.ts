import type { ChainableCommander, Redis } from 'ioredis';

/** A click is unique when it is the visitor's first on the link within this window. */
export const UNIQUE_WINDOW_MS = 3_600_000;

/**
 * Judges one click against its visitor's window on a link, by the clicks' own times, so a
 * batch stored late (after an outage) or out of order is judged as if on time.
 *
 * KEYS[1]: the visitor's window on the link, holding `<opened at>:<click id>` of the click
 * that opened it. ARGV: click id, click time (ms), window (ms), now (ms).
 * Returns 1 when the click opens a window (it is unique), 0 when it falls inside one. The
 * click that opened the window reads back its own id, so a batch stored twice is judged the
 * same way twice. A window is kept for its length past whichever is later of the click and
 * now, so a late batch still finds the windows it opens.
 */
const UNIQUE_WINDOW_SCRIPT = `
local id, at, window, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local opened = redis.call('GET', KEYS[1])
if opened then
  local separator = string.find(opened, ':', 1, true)
  local openedAt = tonumber(string.sub(opened, 1, separator - 1))
  if string.sub(opened, separator + 1) == id then return 1 end
  if math.abs(at - openedAt) < window then return 0 end
  if at < openedAt then return 1 end
end
redis.call('SET', KEYS[1], at .. ':' .. id, 'PX', window + math.max(0, now - at))
return 1
`;

type WithUniqueWindow<T> = T & { uniqueWindow(key: string, clickId: string, at: number, window: number, now: number): T };

/** The pipeline command `uniqueWindow`, defined once on the client. */
export function uniqueWindows(redis: Redis): WithUniqueWindow<ChainableCommander> {
  if (!('uniqueWindow' in redis)) redis.defineCommand('uniqueWindow', { numberOfKeys: 1, lua: UNIQUE_WINDOW_SCRIPT });
  return redis.pipeline() as WithUniqueWindow<ChainableCommander>;
}
