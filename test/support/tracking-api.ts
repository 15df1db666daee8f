import type { MadeCampaign, MadeCreator } from '@app/testing';
import { type ApiTestApp, logIn } from './api-test-app.js';

export const LINK_FIELDS = `id slug alias shortUrl destinationUrl destinationPath status disabledAt disabledReason createdAt
  clicks uniqueClicks enrollment { id status } campaign { id slug } creator { id }`;
export const CLAIM_LINK = `mutation Claim($input: ClaimReferralLinkInput!) { claimReferralLink(input: $input) { ${LINK_FIELDS} } }`;
export const DISABLE_LINK = `mutation Disable($id: ID!, $reason: String) { disableReferralLink(id: $id, reason: $reason) { ${LINK_FIELDS} } }`;
export const LINK = `query Link($id: ID!) { referralLink(id: $id) { ${LINK_FIELDS} } }`;
export const LINKS = `query Links($filter: ReferralLinkFilter, $first: Int, $after: String) { referralLinks(filter: $filter, first: $first, after: $after) {
  edges { node { id creator { id } } } pageInfo { hasNextPage endCursor } } }`;
export const MY_LINKS = `query Mine($filter: ReferralLinkFilter, $first: Int, $after: String) { myLinks(filter: $filter, first: $first, after: $after) {
  edges { node { id creator { id } } } pageInfo { hasNextPage endCursor } } }`;

export const CODE_FIELDS = `id code status revokedAt revokedReason createdAt
  discount { type percentBps amount { amountMinor currency } } enrollment { id } campaign { id } creator { id }`;
export const CLAIM_CODE = `mutation Claim($input: ClaimDiscountCodeInput!) { claimDiscountCode(input: $input) { ${CODE_FIELDS} } }`;
export const REVOKE_CODE = `mutation Revoke($id: ID!, $reason: String!) { revokeDiscountCode(id: $id, reason: $reason) { ${CODE_FIELDS} } }`;
export const CODE = `query Code($id: ID!) { discountCode(id: $id) { ${CODE_FIELDS} } }`;
export const CODES = `query Codes($filter: DiscountCodeFilter, $first: Int, $after: String) { discountCodes(filter: $filter, first: $first, after: $after) {
  edges { node { id code creator { id } } } pageInfo { hasNextPage endCursor } } }`;
export const MY_CODES = `query Mine($filter: DiscountCodeFilter, $first: Int, $after: String) { myDiscountCodes(filter: $filter, first: $first, after: $after) {
  edges { node { id code creator { id } } } pageInfo { hasNextPage endCursor } } }`;
export const EXPORT_CODES = `query Export($filter: DiscountCodeFilter) { discountCodesExport(filter: $filter) { filename contentType rowCount csv } }`;

export const REMOVE_FROM_CAMPAIGN = `mutation Remove($id: ID!, $reason: RemovalReason!) { removeFromCampaign(enrollmentId: $id, reason: $reason) { id status } }`;

export type CreatorWithToken = MadeCreator & { token: string };

/** Northwind (with a logged-in admin and member) and a rival brand (with a logged-in admin). */
export async function brandAndRival(t: ApiTestApp) {
  const brand = await t.make.brand({ name: 'Northwind' });
  const rival = await t.make.brand({ name: 'Rival' });
  return {
    brand,
    brandToken: (await logIn(t.gql, brand.admin)).accessToken,
    memberToken: (await logIn(t.gql, await t.make.member(brand))).accessToken,
    rival,
    rivalToken: (await logIn(t.gql, rival.admin)).accessToken,
  };
}

/** A creator with a profile, logged in through the API. */
export async function creatorWithToken(t: ApiTestApp, options: Parameters<ApiTestApp['make']['creatorProfile']>[0] = {}): Promise<CreatorWithToken> {
  const made = await t.make.creatorProfile(options);
  return { ...made, token: (await logIn(t.gql, made.user)).accessToken };
}

/** A new creator, logged in, with an APPROVED enrollment in `campaign`. */
export async function enrolledCreator(
  t: ApiTestApp,
  campaign: MadeCampaign,
  options: Parameters<ApiTestApp['make']['creatorProfile']>[0] = {},
): Promise<{ creator: CreatorWithToken; enrollmentId: string }> {
  const creator = await creatorWithToken(t, options);
  return { creator, enrollmentId: await t.make.enrollment(campaign, creator) };
}

/** The ids of a connection's nodes, in order. */
export function nodeIds(connection: { edges: { node: { id: string } }[] }): string[] {
  return connection.edges.map((edge) => edge.node.id);
}

export async function countRows(t: ApiTestApp, table: 'referral_links' | 'discount_codes', where: string, params: unknown[]): Promise<number> {
  return Number((await t.db.query(`SELECT count(*) FROM ${table} WHERE ${where}`, params))[0].count);
}

export async function campaignSlug(t: ApiTestApp, campaignId: string): Promise<string> {
  return (await t.db.query('SELECT slug FROM campaigns WHERE id = $1', [campaignId]))[0].slug;
}
