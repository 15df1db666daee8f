import type { Redis } from 'ioredis';

/** A click is unique when it is the visitor's first on the link within this window. */
export const UNIQUE_WINDOW_MS = 3_600_000;

/**
 * Judges clicks on one link against their visitors' windows, by the clicks' own times, so a
 * batch stored late (after an outage) or out of order is judged as if on time.
 *
 * KEYS: each click's window (its visitor on the link), holding `<opened at>:<click id>` of
 * the click that opened it; a visitor may appear more than once, in click order. ARGV: the
 * window (ms), now (ms), then each click's id and time (ms).
 * Returns, per click, 1 when it opens a window (it is unique) and 0 when it falls inside
 * one. The click that opened a window reads back its own id, so a batch stored twice is
 * judged the same way twice. A window is kept for its length past whichever is later of the
 * click and now, so a late batch still finds the windows it opens.
 */
const UNIQUE_WINDOWS_SCRIPT = `
local window, now = tonumber(ARGV[1]), tonumber(ARGV[2])
local results = {}
for i, key in ipairs(KEYS) do
  local id, at = ARGV[2 * i + 1], tonumber(ARGV[2 * i + 2])
  local opens = 1
  local opened = redis.call('GET', key)
  if opened then
    local separator = string.find(opened, ':', 1, true)
    local openedAt = tonumber(string.sub(opened, 1, separator - 1))
    if string.sub(opened, separator + 1) == id then
      opens = 2
    elseif math.abs(at - openedAt) < window then
      opens = 0
    elseif at < openedAt then
      opens = 2
    end
  end
  if opens == 1 then
    redis.call('SET', key, at .. ':' .. id, 'PX', window + math.max(0, now - at))
  end
  results[i] = opens > 0 and 1 or 0
end
return results
`;

type WithUniqueWindows = Redis & { uniqueWindows(...keysThenArgs: (string | number)[]): Promise<number[]> };

export interface WindowedClick {
  id: string;
  visitorHash: string;
  clickedAt: number;
}

/**
 * Which of one link's clicks open a window, in one script call: the keys share the link as
 * their hash tag, so the call stays on one node of a Redis Cluster.
 */
export async function openedWindows(redis: Redis, prefix: string, linkId: string, clicks: readonly WindowedClick[], now = Date.now()): Promise<boolean[]> {
  if (!('uniqueWindows' in redis)) redis.defineCommand('uniqueWindows', { lua: UNIQUE_WINDOWS_SCRIPT });
  const keys = clicks.map((click) => `${prefix}:trk:uq:{${linkId}}:${click.visitorHash}`);
  const args = clicks.flatMap((click) => [click.id, click.clickedAt]);
  const results = await (redis as WithUniqueWindows).uniqueWindows(keys.length, ...keys, UNIQUE_WINDOW_MS, now, ...args);
  return results.map((opened) => opened === 1);
}
