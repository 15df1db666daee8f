import { jest } from '@jest/globals';
import type { MadeCampaign } from '@app/testing';
import { ClickRecorder } from '@app/tracking';
import request from 'supertest';
import { clickIdOf, IPHONE, LinkFixtures } from '../support/referral-links.js';
import { startTrackingStack, type TrackingStack } from '../support/tracking-stack.js';

/** A documentation address (RFC 5737), unlike anything else the tests write. */
const VISITOR = '198.51.100.77';
const OTHER_VISITOR = '203.0.113.9';
/** The visitor's address in the forms it could be kept in: dotted, its last octets, hex, as one integer. */
const ADDRESS_FORMS = [VISITOR, '100.77', 'c633644d', '3325256781'];

describe('redirector: what it keeps of a visitor behind a trusted proxy', () => {
  let stack: TrackingStack;
  let fixtures: LinkFixtures;
  let campaign: MadeCampaign;
  const click = (slug: string, address: string, headers: Record<string, string> = {}) => {
    let call = request(stack.redirectorServer).get(`/r/${slug}`).set('user-agent', IPHONE).set('x-forwarded-for', address);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call;
  };

  beforeAll(async () => {
    stack = await startTrackingStack({ TRUST_PROXY_HOPS: '1', CLICK_COUNTRY_HEADER: 'cf-ipcountry' });
    fixtures = new LinkFixtures(stack);
    campaign = await fixtures.campaign();
  });
  afterAll(() => stack.close());

  it('tells visitors apart by the address the proxy forwarded, through a hash', async () => {
    const link = await fixtures.link(campaign);
    for (const address of [VISITOR, VISITOR, OTHER_VISITOR]) expect((await click(link.slug, address)).status).toBe(302);
    await stack.clicksStored();
    const rows = await fixtures.clicks(link);
    expect(rows.map((row) => row.is_unique)).toEqual([true, false, true]);
    expect(rows[1]!.visitor_hash).toBe(rows[0]!.visitor_hash);
    expect(rows[2]!.visitor_hash).not.toBe(rows[0]!.visitor_hash);
    expect(rows[0]!.visitor_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps no address in any column of any table', async () => {
    const link = await fixtures.link(campaign);
    const record = jest.spyOn(stack.redirector.get(ClickRecorder), 'record');
    const response = await click(link.slug, VISITOR, { referer: 'https://www.tiktok.com/@maya' });
    const sent = record.mock.calls.map(([line]) => line);
    record.mockRestore();
    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.id)).toEqual([clickIdOf(response.headers.location!)]);
    // Nor does the address travel to the worker.
    expect(sent).toHaveLength(1);
    expect(sent.filter((line) => ADDRESS_FORMS.some((form) => line.includes(form)))).toEqual([]);

    const columns: { table: string; column: string }[] = await stack.db.query(
      `SELECT c.relname AS table, a.attname AS column
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY 1, 2`,
    );
    const tables = new Set(columns.map(({ table }) => table));
    expect([...tables]).toEqual(expect.arrayContaining(['click_events', 'click_events_default', 'referral_links', 'referral_link_stats']));
    expect([...tables].filter((table) => /^click_events_\d{4}_\d{2}$/.test(table)).length).toBeGreaterThanOrEqual(3);

    const found: string[] = [];
    for (const { table, column } of columns) {
      const [{ hits }] = await stack.db.query(
        `SELECT count(*)::int AS hits FROM ONLY ${quote(table)} WHERE ${quote(column)}::text ILIKE ANY ($1::text[])`,
        [ADDRESS_FORMS.map((form) => `%${form}%`)],
      );
      if (hits > 0) found.push(`${table}.${column}`);
    }
    expect(found).toEqual([]);

    const addressColumns = columns.filter(({ table, column }) => table.startsWith('click_events') && /(^|_)ip(_|$)|addr/.test(column));
    expect(addressColumns).toEqual([]);
  });

  it('keeps no address that came as the Referer host', async () => {
    const link = await fixtures.link(campaign);
    await click(link.slug, VISITOR, { referer: `http://${VISITOR}/home` });
    await click(link.slug, VISITOR, { referer: 'http://[2001:db8::77]/home' });
    await click(link.slug, VISITOR, { referer: 'https://l.instagram.com/?u=x' });
    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.referrer_host)).toEqual([null, null, 'l.instagram.com']);
  });

  it('keeps the country the configured header names', async () => {
    const link = await fixtures.link(campaign);
    await click(link.slug, VISITOR, { 'cf-ipcountry': 'PL' });
    await click(link.slug, OTHER_VISITOR, { 'cf-ipcountry': 'XX' });
    await stack.clicksStored();
    expect((await fixtures.clicks(link)).map((row) => row.country)).toEqual(['PL', null]);
  });
});

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
