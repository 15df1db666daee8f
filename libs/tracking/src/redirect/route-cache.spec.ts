import type { AppConfig } from '@app/core';
import type { Redis } from 'ioredis';
import type { LinkRoute } from './link-route.js';
import type { RedirectMetrics } from './redirect-metrics.js';
import { RouteCache } from './route-cache.js';
import type { LoadedRoutes, RouteLoader } from './route-loader.js';

const route = (linkId: string): LinkRoute => ({
  linkId,
  enrollmentId: 'e',
  campaignId: 'c',
  organizationId: 'o',
  creatorId: 'r',
  head: `https://shop.example/?cid=`,
  tail: '',
  active: true,
  endsAt: null,
  fallbackUrl: null,
});

/** Just enough of Redis: strings with GET and SET, and pipelines of SETs. */
function fakeRedis(): Redis & { store: Map<string, string> } {
  const store = new Map<string, string>();
  const redis = {
    store,
    get: async (key: string) => store.get(key) ?? null,
    set: async (key: string, value: string) => {
      store.set(key, value);
      return 'OK';
    },
    pipeline() {
      const queued: [string, string][] = [];
      const pipeline = {
        set: (key: string, value: string) => {
          queued.push([key, value]);
          return pipeline;
        },
        exec: async () => queued.map(([key, value]) => (store.set(key, value), [null, 'OK'])),
      };
      return pipeline;
    },
  };
  return redis as unknown as Redis & { store: Map<string, string> };
}

function setup(links: Record<string, { slug?: LinkRoute; alias?: LinkRoute }>) {
  const redis = fakeRedis();
  let reads = 0;
  let gate: Promise<void> = Promise.resolve();
  const loader = {
    load: async (key: string): Promise<LoadedRoutes> => {
      reads += 1;
      const snapshot = links[key] ?? links[key.toLowerCase()];
      await gate;
      return { bySlug: links[key]?.slug ?? null, byAlias: snapshot?.alias ?? null };
    },
  } as unknown as RouteLoader;
  const metrics = { routeReadFromDatabase: () => undefined } as unknown as RedirectMetrics;
  const config = { redis: { keyPrefix: 't' }, tracking: { linkCacheSize: 1_000 } } as AppConfig;
  const cache = new RouteCache(config, redis, loader, metrics);
  return {
    cache,
    redis,
    reads: () => reads,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

describe('RouteCache', () => {
  it('loads a link once, then answers from memory', async () => {
    const { cache, reads } = setup({ Abc123XyZ0: { slug: route('link-1') } });
    expect(cache.peek('Abc123XyZ0')).toBeUndefined();
    expect(await cache.load('Abc123XyZ0')).toMatchObject({ linkId: 'link-1' });
    expect(cache.peek('Abc123XyZ0')).toMatchObject({ linkId: 'link-1' });
    expect(reads()).toBe(1);
  });

  it('finds an alias in any case, and remembers that no slug has that name', async () => {
    const { cache, redis } = setup({ 'maya-ridge': { alias: route('link-2') } });
    expect(await cache.load('Maya-Ridge')).toMatchObject({ linkId: 'link-2' });
    expect(cache.peek('Maya-Ridge')).toMatchObject({ linkId: 'link-2' });
    expect(redis.store.get('t:trk:route:a:maya-ridge')).toContain('link-2');
    expect(redis.store.get('t:trk:route:s:Maya-Ridge')).toBe('-');
  });

  it('remembers keys that are no link, and forgets them when told', async () => {
    const { cache } = setup({});
    expect(await cache.load('nothing')).toBeNull();
    expect(cache.peek('nothing')).toBeNull();
    cache.forget(['s:nothing', 'a:nothing']);
    expect(cache.peek('nothing')).toBeUndefined();
  });

  it('reads Redis before PostgreSQL', async () => {
    const { cache, redis, reads } = setup({});
    redis.store.set('t:trk:route:s:Shared0001', JSON.stringify(route('link-3')));
    expect(await cache.load('Shared0001')).toMatchObject({ linkId: 'link-3' });
    expect(reads()).toBe(0);
  });

  it('neither keeps nor shares a value read before a change that arrived while it was loading', async () => {
    const { cache, hold, redis } = setup({ Race000001: { slug: route('link-4') } });
    const release = hold();
    const loading = cache.load('Race000001');
    cache.forget(['s:Race000001']);
    release();
    expect(await loading).toMatchObject({ linkId: 'link-4' });
    expect(cache.peek('Race000001')).toBeUndefined();
    expect(redis.store.has('t:trk:route:s:Race000001')).toBe(false);
  });
});
