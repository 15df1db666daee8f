import { MatchFactor } from '@app/campaigns';
import { newId } from '@app/core';
import { NICHES, PLATFORMS } from '@app/creators';
import { type AccountRecord, CandidateIndex } from '../index/candidate-index.js';
import { readUuid } from '../index/uuid-words.js';
import { type PerformanceSignal } from '../performance/performance-signals.js';
import { scorePair } from '../scoring/match-score.js';
import { rankCreators } from './creator-ranker.js';
import { decodeMatchCursor, encodeMatchCursor } from './match-page.js';
import { type CampaignCriteria, MatchQuery } from './match-query.js';
import { MIN_PEER_GROUP, PairEvaluator } from './pair-evaluator.js';

interface Creator {
  id: string;
  niches: string[];
  accounts: AccountRecord[];
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makePool(count: number, rand: () => number): Creator[] {
  const countries = ['US', 'GB', 'DE', 'FR', 'BR'];
  return Array.from({ length: count }, () => {
    const niches = NICHES.slice(0, 6).filter(() => rand() < 0.35);
    const accounts = Array.from({ length: 1 + Math.floor(rand() * 3) }, (): AccountRecord => {
      const audience: Record<string, number> = {};
      for (const country of countries) if (rand() < 0.5) audience[country] = Math.round(rand() * 30 * 10) / 10;
      return {
        id: newId(),
        platform: PLATFORMS[Math.floor(rand() * 3)]!,
        // Coarse values so that ties happen and tie-breaking is exercised.
        followers: [800, 5_000, 20_000, 60_000, 150_000, 900_000][Math.floor(rand() * 6)]!,
        engagementRate: Math.round(rand() * 10) / 100,
        audience,
      };
    });
    return { id: newId(), niches, accounts };
  });
}

function load(index: CandidateIndex, pool: Creator[]): void {
  for (const creator of pool) {
    const slot = index.putCreator({ id: creator.id, niches: creator.niches, updatedAtMicros: 1 });
    for (const account of creator.accounts) index.appendAccount(slot, account);
  }
}

/** An independent, slow reference: every eligible account of every creator, percentiles by counting. */
function naiveRanking(pool: Creator[], campaign: CampaignCriteria, excluded: Set<string>, signals: Map<string, PerformanceSignal>) {
  const all = pool.flatMap((creator) => creator.accounts.map((account) => ({ creator, account })));
  const platforms = campaign.platforms.length ? campaign.platforms : PLATFORMS;
  const results: { id: string; score: number }[] = [];
  for (const creator of pool) {
    if (excluded.has(creator.id)) continue;
    const eligible = creator.accounts.filter(
      (a) =>
        platforms.includes(a.platform as never) &&
        a.followers >= campaign.minFollowers &&
        a.followers <= campaign.maxFollowers &&
        a.engagementRate >= campaign.minEngagementRate,
    );
    if (eligible.length === 0) continue;
    const covered = campaign.niches.filter((niche) => creator.niches.includes(niche));
    const peerNiche = covered[0] ?? null;
    let best = -1;
    for (const account of eligible) {
      let peers = all.filter((x) => x.account.platform === account.platform && peerNiche !== null && x.creator.niches.includes(peerNiche));
      let niche: string | null = peerNiche;
      if (peers.length < MIN_PEER_GROUP) {
        peers = all.filter((x) => x.account.platform === account.platform);
        niche = null;
      }
      const below = peers.filter((x) => x.account.engagementRate < account.engagementRate).length;
      const equal = peers.filter((x) => x.account.engagementRate === account.engagementRate).length;
      const targets = Object.entries(account.audience).filter(([country]) => campaign.targetCountries.includes(country));
      const { score } = scorePair(new MatchQuery(new CandidateIndex(), campaign).weights, {
        niches: { wanted: campaign.niches, covered },
        followers: { count: account.followers, platform: account.platform, min: campaign.minFollowers, max: campaign.maxFollowers },
        engagement: { rate: account.engagementRate, percentile: (below + 0.5 * equal) / peers.length, platform: account.platform, peerNiche: niche, peers: peers.length },
        audience: { targets: campaign.targetCountries, targetSharePercent: targets.reduce((sum, [, share]) => sum + share, 0), topTargets: [] },
        platforms: { wanted: campaign.platforms, covered: [...new Set(eligible.map((a) => a.platform))] },
        performance: signals.get(creator.id) ?? null,
      });
      best = Math.max(best, score);
    }
    results.push({ id: creator.id, score: best });
  }
  return results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

const campaign: CampaignCriteria = {
  id: newId(),
  organizationId: newId(),
  title: 'Spring',
  niches: [NICHES[1]!, NICHES[0]!, NICHES[4]!],
  platforms: [PLATFORMS[0]!, PLATFORMS[1]!],
  targetCountries: ['US', 'GB'],
  minFollowers: 1_000,
  maxFollowers: 1_000_000,
  minEngagementRate: 0.01,
  matchWeights: null,
};

describe('rankCreators', () => {
  const rand = random(42);
  const pool = makePool(600, rand);
  const index = new CandidateIndex();
  load(index, pool);
  const evaluator = new PairEvaluator(index);
  const excludedIds = new Set(pool.filter((_, i) => i % 17 === 0).map((c) => c.id));
  const excluded = new Uint8Array(index.creatorSlots);
  for (const id of excludedIds) excluded[index.findCreator(id)] = 1;

  it.each([
    ['everyone in the seed sample', {}],
    ['a small seed, then the sequential pass', { sampleSize: 50, seedCreators: 5 }],
    ['no seed at all', { sampleSize: 1, seedCreators: 0 }],
  ])('ranks exactly as the slow reference, top-k pruning included: %s', (_, options) => {
    const expected = naiveRanking(pool, campaign, excludedIds, new Map());
    for (const k of [1, 25, 120]) {
      const ranked = rankCreators(index, evaluator, new MatchQuery(index, campaign), excluded, k, null, options);
      expect(ranked.map((r) => readUuid(index.creatorIds, r.creator))).toEqual(expected.slice(0, k).map((r) => r.id));
      ranked.forEach((r, i) => expect(r.score).toBe(expected[i]!.score));
    }
    // Niche-blind and platform-blind campaigns take other paths through the bounds.
    const open = { ...campaign, niches: [], platforms: [], targetCountries: [] };
    const openExpected = naiveRanking(pool, open, excludedIds, new Map());
    const openRanked = rankCreators(index, evaluator, new MatchQuery(index, open), excluded, 40, null, options);
    expect(openRanked.map((r) => readUuid(index.creatorIds, r.creator))).toEqual(openExpected.slice(0, 40).map((r) => r.id));
  });

  it('pages with (score, id) cursors without gaps or repeats, and explanations add up to the scores', () => {
    const expected = naiveRanking(pool, campaign, excludedIds, new Map());
    const q = new MatchQuery(index, campaign);
    const seen: string[] = [];
    let cursor = null;
    for (let page = 0; page < 100; page += 1) {
      const ranked = rankCreators(index, evaluator, q, excluded, 31, cursor, { sampleSize: 40, seedCreators: 10 });
      for (const r of ranked.slice(0, 30)) {
        const { score, explanation } = scorePair(q.weights, evaluator.facts(q, r.creator, r.account));
        expect(score).toBe(r.score);
        expect(explanation.reduce((sum, item) => sum + item.weight * (item.value ?? 0), 0)).toBe(r.score);
        seen.push(readUuid(index.creatorIds, r.creator));
      }
      if (ranked.length <= 30) break;
      const last = ranked[29]!;
      cursor = decodeMatchCursor(encodeMatchCursor(last.score, readUuid(index.creatorIds, last.creator)));
    }
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('gives creators with a performance history the PERFORMANCE factor', () => {
    const signals = new Map<string, PerformanceSignal>([[pool[3]!.id, { value: 1, detail: 'converts well' }], [pool[5]!.id, { value: 0, detail: 'never sold' }]]);
    const bySlot = new Map([...signals].map(([id, signal]) => [index.findCreator(id), signal]));
    const expected = naiveRanking(pool, campaign, excludedIds, signals);
    const q = new MatchQuery(index, campaign, bySlot);
    const ranked = rankCreators(index, evaluator, q, excluded, 600, null);
    expect(ranked.map((r) => readUuid(index.creatorIds, r.creator))).toEqual(expected.map((r) => r.id));
    const withHistory = ranked.find((r) => readUuid(index.creatorIds, r.creator) === pool[3]!.id);
    if (withHistory) {
      const item = scorePair(q.weights, evaluator.facts(q, withHistory.creator, withHistory.account)).explanation.find((x) => x.factor === MatchFactor.PERFORMANCE);
      expect(item).toMatchObject({ value: 1, weight: 0.1, detail: 'converts well' });
    }
  });

  it('stays exact after creators are replaced, removed and the accounts compacted', () => {
    const local = new CandidateIndex();
    const people = makePool(300, random(7));
    load(local, people);
    const changes = random(99);
    for (let round = 0; round < 40; round += 1) {
      const i = Math.floor(changes() * people.length);
      people[i] = { ...makePool(1, changes)[0]!, id: people[i]!.id };
      local.putCreator({ id: people[i]!.id, niches: people[i]!.niches, updatedAtMicros: 2 });
      for (const account of people[i]!.accounts) local.appendAccount(local.findCreator(people[i]!.id), account);
      if (round % 10 === 0) new PairEvaluator(local).score(new MatchQuery(local, campaign), 0); // read between changes
    }
    local.removeCreator(people[0]!.id);
    const remaining = people.slice(1);
    (local as unknown as { compact(): void }).compact();
    expect(local.deadAccounts).toBe(0);
    const expected = naiveRanking(remaining, campaign, new Set(), new Map());
    const ranked = rankCreators(local, new PairEvaluator(local), new MatchQuery(local, campaign), new Uint8Array(local.creatorSlots), 1_000, null);
    expect(ranked.map((r) => readUuid(local.creatorIds, r.creator))).toEqual(expected.map((r) => r.id));
    ranked.forEach((r, i) => expect(r.score).toBe(expected[i]!.score));
  });

  it('rejects cursors it did not make', () => {
    expect(() => decodeMatchCursor('nonsense')).toThrow(/after is not a cursor/);
    expect(() => decodeMatchCursor(Buffer.from('match:2:' + newId()).toString('base64url'))).toThrow(/after/);
    expect(() => decodeMatchCursor(Buffer.from('match:0.5:not-a-uuid').toString('base64url'))).toThrow(/after/);
    const id = newId();
    expect(decodeMatchCursor(encodeMatchCursor(0.123456789012345, id))).toMatchObject({ score: 0.123456789012345, id });
  });
});
