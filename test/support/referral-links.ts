import type { Server } from 'node:http';
import { uuidV7Time } from '@app/core';
import type { CampaignSpec, MadeBrand, MadeCampaign } from '@app/testing';
import request from 'supertest';
import { logIn } from './api-test-app.js';
import type { TrackingStack } from './tracking-stack.js';
import { CLAIM_LINK } from './tracking-api.js';

export const END_CAMPAIGN = /* GraphQL */ `mutation End($id: ID!) { endCampaign(id: $id) { id status } }`;
const MY_LINKS = /* GraphQL */ `
  query Mine($filter: ReferralLinkFilter) { myLinks(filter: $filter) { edges { node { id clicks uniqueClicks lastClickAt } } } }
`;

export const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
export const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
export const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface ClaimedLink {
  id: string;
  slug: string;
  alias: string | null;
  shortUrl: string;
  destinationUrl: string;
  enrollmentId: string;
  campaign: MadeCampaign;
  /** The creator holding the link. */
  token: string;
}

export interface ClickRow {
  id: string;
  clicked_at: Date;
  link_id: string;
  enrollment_id: string;
  campaign_id: string;
  organization_id: string;
  creator_id: string;
  visitor_hash: string;
  country: string | null;
  device_class: string;
  referrer_host: string | null;
  is_bot: boolean;
  is_unique: boolean;
}

/** The click id a redirect carries to the merchant. */
export function clickIdOf(location: string): string | null {
  return new URL(location).searchParams.get('cid');
}

/** The milliseconds inside a click id, as a Date. */
export function clickTime(clickId: string): Date {
  return new Date(uuidV7Time(clickId));
}

/** Brands, campaigns and claimed links on a tracking stack, made the way their users make them. */
export class LinkFixtures {
  private brandToken?: string;
  private made?: MadeBrand;
  private handles = 0;

  constructor(private readonly stack: TrackingStack) {}

  /** The brand every campaign here belongs to, and its admin's token. */
  async brand(): Promise<{ brand: MadeBrand; token: string }> {
    this.made ??= await this.stack.make.brand();
    this.brandToken ??= (await logIn(this.stack.gql, this.made.admin)).accessToken;
    return { brand: this.made, token: this.brandToken };
  }

  async campaign(spec: CampaignSpec = {}): Promise<MadeCampaign> {
    return this.stack.make.campaign((await this.brand()).brand, spec);
  }

  /** A new creator, APPROVED in `campaign`, who claims a link through the API. */
  async link(campaign: MadeCampaign, options: { alias?: string } = {}): Promise<ClaimedLink> {
    this.handles += 1;
    const creator = await this.stack.make.creatorProfile({ accounts: [{ handle: `glow_${this.handles}_${campaign.campaignId.slice(-4)}` }] });
    const enrollmentId = await this.stack.make.enrollment(campaign, creator);
    const token = (await logIn(this.stack.gql, creator.user)).accessToken;
    const claimed = await this.stack.gql.as(token).ok<{ claimReferralLink: Omit<ClaimedLink, 'enrollmentId' | 'campaign' | 'token'> }>(CLAIM_LINK, {
      input: { enrollmentId, alias: options.alias },
    });
    return { ...claimed.claimReferralLink, enrollmentId, campaign, token };
  }

  /** The link's counts as its creator sees them. */
  async counts(link: ClaimedLink): Promise<{ clicks: number; uniqueClicks: number; lastClickAt: string | null }> {
    const data = await this.stack.gql.as(link.token).ok<{ myLinks: { edges: { node: { id: string; clicks: number; uniqueClicks: number; lastClickAt: string | null } }[] } }>(
      MY_LINKS,
      { filter: { enrollmentId: link.enrollmentId } },
    );
    const node = data.myLinks.edges.find((edge) => edge.node.id === link.id)?.node;
    if (!node) throw new Error(`Link ${link.id} is not among its creator's links`);
    return { clicks: node.clicks, uniqueClicks: node.uniqueClicks, lastClickAt: node.lastClickAt };
  }

  /** Every stored click of a link, oldest first. */
  async clicks(link: { id: string }): Promise<ClickRow[]> {
    return this.stack.db.query('SELECT * FROM click_events WHERE link_id = $1 ORDER BY id', [link.id]);
  }
}

/**
 * A change to a link (a claim included) is announced to the redirectors twice, the second
 * time half a second later, and each announcement drops the link from their memory. Waiting
 * this long after a change lets a test warm a link and have it stay warm.
 */
export function announcementsSettled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 600));
}

export interface Answered {
  status: number;
  location: string | undefined;
  /** Milliseconds from `since` to the answer that matched. */
  after: number;
  /** Click ids of the redirects seen before it. */
  clickIds: string[];
}

/**
 * Sends `GET path` every 50 ms until `done` holds for an answer (or `limitMs` passes), and
 * says how long after `since` that was. Redirects seen on the way are clicks too: their ids
 * are returned, so a test can tell them from clicks that should not exist.
 */
export async function pollRedirector(
  server: Server,
  path: string,
  done: (answer: { status: number; location: string | undefined }) => boolean,
  { since, userAgent = IPHONE, limitMs = 3_000 }: { since: number; userAgent?: string; limitMs?: number },
): Promise<Answered> {
  const clickIds: string[] = [];
  for (;;) {
    const response = await request(server).get(path).set('user-agent', userAgent);
    const answer = { status: response.status, location: response.headers.location as string | undefined };
    if (done(answer)) return { ...answer, after: Date.now() - since, clickIds };
    const clickId = answer.location ? clickIdOf(answer.location) : null;
    if (clickId) clickIds.push(clickId);
    if (Date.now() - since > limitMs) throw new Error(`${path} still answers ${answer.status} ${answer.location ?? ''} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
