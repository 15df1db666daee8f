import type { MadeCampaign } from '@app/testing';
import request from 'supertest';
import { countQueries } from '../support/query-counter.js';
import {
  announcementsSettled,
  clickIdOf,
  clickTime,
  END_CAMPAIGN,
  GOOGLEBOT,
  IPHONE,
  LinkFixtures,
  pollRedirector,
  UUID_V7,
  WINDOWS,
} from '../support/referral-links.js';
import { startTrackingStack, type TrackingStack } from '../support/tracking-stack.js';
import { DISABLE_LINK, REMOVE_FROM_CAMPAIGN } from '../support/tracking-api.js';

const STACK_TRACE = /at .*\.[jt]s|Error:|node_modules/;
const gone = ({ status }: { status: number }) => status === 410;

describe('redirector', () => {
  let stack: TrackingStack;
  let fixtures: LinkFixtures;
  let campaign: MadeCampaign;
  const get = (path: string) => request(stack.redirectorServer).get(path);

  beforeAll(async () => {
    stack = await startTrackingStack();
    fixtures = new LinkFixtures(stack);
    campaign = await fixtures.campaign();
  });
  afterAll(() => stack.close());

  it('boots on Fastify and reports ready when PostgreSQL and Redis answer', async () => {
    const response = await get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers unknown paths with 404 and no stack trace', async () => {
    const response = await get('/nothing-here');
    expect(response.status).toBe(404);
    expect(response.text).not.toMatch(/at .*\.js/);
  });

  it('redirects to the destination with a fresh click id, stores the click and counts it', async () => {
    const link = await fixtures.link(campaign);
    const before = Date.now();
    const response = await get(`/r/${link.slug}`).set('user-agent', IPHONE).set('referer', 'https://l.instagram.com/stories/maya/?u=secret&e=token');
    const after = Date.now();

    expect(response.status).toBe(302);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const clickId = clickIdOf(response.headers.location!)!;
    expect(clickId).toMatch(UUID_V7);
    expect(response.headers.location).toBe(`${link.destinationUrl}${link.destinationUrl.includes('?') ? '&' : '?'}cid=${clickId}`);

    await stack.clicksStored();
    const [row, ...others] = await fixtures.clicks(link);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      id: clickId,
      link_id: link.id,
      enrollment_id: link.enrollmentId,
      campaign_id: campaign.campaignId,
      organization_id: campaign.organizationId,
      device_class: 'MOBILE',
      referrer_host: 'l.instagram.com',
      country: null,
      is_bot: false,
      is_unique: true,
    });
    const [{ creator_id: creatorId }] = await stack.db.query('SELECT creator_id FROM enrollments WHERE id = $1', [link.enrollmentId]);
    expect(row!.creator_id).toBe(creatorId);
    expect(row!.clicked_at.getTime()).toBe(clickTime(clickId).getTime());
    expect(row!.clicked_at.getTime()).toBeGreaterThanOrEqual(before);
    expect(row!.clicked_at.getTime()).toBeLessThanOrEqual(after);

    const counts = await fixtures.counts(link);
    expect(counts).toMatchObject({ clicks: 1, uniqueClicks: 1 });
    expect(new Date(counts.lastClickAt!).getTime()).toBe(row!.clicked_at.getTime());
  });

  it('finds a link by its alias in any letter case, and ignores a query string an app appended', async () => {
    const alias = `Maya-Glow-${campaign.campaignId.slice(-6)}`;
    const link = await fixtures.link(campaign, { alias });
    const clickIds: string[] = [];
    for (const path of [alias, alias.toLowerCase(), alias.toUpperCase(), `${link.slug}?fbclid=IwAR0x1`]) {
      const response = await get(`/r/${path}`).set('user-agent', WINDOWS);
      expect({ path, status: response.status }).toEqual({ path, status: 302 });
      expect(response.headers.location!.startsWith(`${link.destinationUrl}&cid=`)).toBe(true);
      clickIds.push(clickIdOf(response.headers.location!)!);
    }
    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.id)).toEqual(clickIds);
  });

  it('answers unknown keys with a small 404 page, and malformed ones without looking them up', async () => {
    const unknown = await get('/r/NoSuchLink9').set('user-agent', IPHONE);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect(unknown.text).toContain('Link not found');
    expect(unknown.text).not.toMatch(STACK_TRACE);

    for (const path of ['/r/a.b', `/r/${'a'.repeat(70)}`, '/r/', '/r/a%2Fb']) {
      const { result, count } = await countQueries(stack.redirectorDb, () => get(path).set('user-agent', IPHONE));
      expect({ path, status: result.status, queries: count }).toEqual({ path, status: 404, queries: 0 });
      expect(result.text).not.toMatch(STACK_TRACE);
    }
  });

  it('refuses methods other than GET and HEAD with 405', async () => {
    const response = await request(stack.redirectorServer).post('/r/x').send('a=b');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD like GET but records no click', async () => {
    const link = await fixtures.link(campaign);
    const head = await request(stack.redirectorServer).head(`/r/${link.slug}`).set('user-agent', IPHONE);
    expect(head.status).toBe(302);
    expect(head.headers.location!.startsWith(link.destinationUrl)).toBe(true);
    const clicked = await get(`/r/${link.slug}`).set('user-agent', IPHONE);
    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.id)).toEqual([clickIdOf(clicked.headers.location!)]);
  });

  it('answers a warm link without sending PostgreSQL anything', async () => {
    const link = await fixtures.link(campaign);
    await announcementsSettled();
    const cold = await countQueries(stack.redirectorDb, () => get(`/r/${link.slug}`).set('user-agent', IPHONE));
    const warm = await countQueries(stack.redirectorDb, () => get(`/r/${link.slug}`).set('user-agent', IPHONE));
    expect(cold.result.status).toBe(302);
    expect(cold.count).toBeGreaterThanOrEqual(1);
    expect(warm.result.status).toBe(302);
    expect(warm.statements).toEqual([]);
  });

  it('cache invalidation after a link is disabled: a cached link answers 410 within a second and records no click', async () => {
    const link = await fixtures.link(campaign);
    await announcementsSettled();
    const first = await get(`/r/${link.slug}`).set('user-agent', IPHONE);
    const cached = await countQueries(stack.redirectorDb, () => get(`/r/${link.slug}`).set('user-agent', IPHONE));
    expect([first.status, cached.result.status, cached.count]).toEqual([302, 302, 0]);

    await stack.gql.as(link.token).ok(DISABLE_LINK, { id: link.id, reason: 'Posted in the wrong place' });
    const since = Date.now();
    const answered = await pollRedirector(stack.redirectorServer, `/r/${link.slug}`, gone, { since });
    expect(answered.after).toBeLessThan(1_000);
    const page = await get(`/r/${link.slug}`).set('user-agent', IPHONE);
    expect(page.status).toBe(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('expired');

    await stack.clicksStored();
    const expected = [first, cached.result].map((response) => clickIdOf(response.headers.location!)).concat(answered.clickIds);
    expect((await fixtures.clicks(link)).map((row) => row.id)).toEqual(expected);
  });

  it('sends a disabled link to the campaign fallback URL, without a click id or a click', async () => {
    const fallbackUrl = `https://${campaign.domain}/shop-all`;
    const withFallback = await fixtures.campaign({ fallbackUrl });
    const link = await fixtures.link(withFallback);
    await announcementsSettled();
    const first = await get(`/r/${link.slug}`).set('user-agent', IPHONE);
    expect(clickIdOf(first.headers.location!)).toMatch(UUID_V7);

    await stack.gql.as(link.token).ok(DISABLE_LINK, { id: link.id });
    const since = Date.now();
    const answered = await pollRedirector(stack.redirectorServer, `/r/${link.slug}`, ({ location }) => location === fallbackUrl, { since });
    expect(answered).toMatchObject({ status: 302, location: fallbackUrl });
    expect(answered.after).toBeLessThan(1_000);
    expect(answered.location).not.toContain('cid');

    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.id)).toEqual([clickIdOf(first.headers.location!), ...answered.clickIds]);
  });

  it('answers 410 within a second once the brand removes the creator from the campaign', async () => {
    const link = await fixtures.link(campaign);
    await announcementsSettled();
    expect((await get(`/r/${link.slug}`).set('user-agent', IPHONE)).status).toBe(302);

    await stack.gql.as((await fixtures.brand()).token).ok(REMOVE_FROM_CAMPAIGN, { id: link.enrollmentId, reason: 'INACTIVE' });
    const answered = await pollRedirector(stack.redirectorServer, `/r/${link.slug}`, gone, { since: Date.now() });
    expect(answered.after).toBeLessThan(1_000);
  });

  it('answers 410 within a second once the brand ends the campaign', async () => {
    const ending = await fixtures.campaign();
    const link = await fixtures.link(ending);
    await announcementsSettled();
    expect((await get(`/r/${link.slug}`).set('user-agent', IPHONE)).status).toBe(302);

    await stack.gql.as((await fixtures.brand()).token).ok(END_CAMPAIGN, { id: ending.campaignId });
    const answered = await pollRedirector(stack.redirectorServer, `/r/${link.slug}`, gone, { since: Date.now() });
    expect(answered.after).toBeLessThan(1_000);
  });

  it('answers 410 once the campaign end date passes, before anyone marks the campaign ENDED', async () => {
    const expiring = await fixtures.campaign();
    const neverOpened = await fixtures.link(expiring);
    const cached = await fixtures.link(expiring);
    await stack.db.query(`UPDATE campaigns SET ends_at = now() + interval '2 seconds' WHERE id = $1`, [expiring.campaignId]);
    await announcementsSettled();
    expect((await get(`/r/${cached.slug}`).set('user-agent', IPHONE)).status).toBe(302);

    const [{ ends_at: endsAt }] = await stack.db.query('SELECT ends_at FROM campaigns WHERE id = $1', [expiring.campaignId]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt.getTime() - Date.now()) + 50));
    // Nothing announced a change: the route in memory knows the end date.
    const fromMemory = await countQueries(stack.redirectorDb, () => get(`/r/${cached.slug}`).set('user-agent', IPHONE));
    expect([fromMemory.result.status, fromMemory.count]).toEqual([410, 0]);
    expect((await get(`/r/${neverOpened.slug}`).set('user-agent', IPHONE)).status).toBe(410);
    expect((await stack.db.query('SELECT status FROM campaigns WHERE id = $1', [expiring.campaignId]))[0].status).toBe('ACTIVE');
  });

  it('redirects bots but flags them, never as unique and never counted', async () => {
    const link = await fixtures.link(campaign);
    const bots = [
      await get(`/r/${link.slug}`).set('user-agent', GOOGLEBOT),
      await get(`/r/${link.slug}`).set('user-agent', 'curl/8.5.0'),
      await get(`/r/${link.slug}`),
    ];
    expect(bots.map((response) => response.status)).toEqual([302, 302, 302]);
    expect((await get(`/r/${link.slug}`).set('user-agent', IPHONE)).status).toBe(302);

    await stack.clicksStored();
    const rows = await fixtures.clicks(link);
    expect(rows.map((row) => [row.is_bot, row.is_unique])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(rows.slice(0, 3).map((row) => row.id)).toEqual(bots.map((response) => clickIdOf(response.headers.location!)));
    expect(await fixtures.counts(link)).toMatchObject({ clicks: 1, uniqueClicks: 1 });
    expect((await stack.db.query('SELECT bot_clicks FROM referral_link_stats WHERE link_id = $1', [link.id]))[0].bot_clicks).toBe('3');
  });

  it('counts a visitor once: the same browser again is a click but not a unique one', async () => {
    const link = await fixtures.link(campaign);
    for (const userAgent of [IPHONE, IPHONE, WINDOWS]) {
      expect((await get(`/r/${link.slug}`).set('user-agent', userAgent)).status).toBe(302);
    }
    await stack.clicksStored();
    const rows = await fixtures.clicks(link);
    expect(rows.map((row) => row.is_unique)).toEqual([true, false, true]);
    expect(rows[0]!.visitor_hash).toBe(rows[1]!.visitor_hash);
    expect(rows[2]!.visitor_hash).not.toBe(rows[0]!.visitor_hash);
    expect(await fixtures.counts(link)).toMatchObject({ clicks: 3, uniqueClicks: 2 });
  });

  it('ignores a country header unless one is configured', async () => {
    const link = await fixtures.link(campaign);
    await get(`/r/${link.slug}`).set('user-agent', IPHONE).set('cf-ipcountry', 'PL');
    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.country)).toEqual([null]);
  });
});
