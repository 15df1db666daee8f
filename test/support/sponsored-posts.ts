import { DisclosureMethod } from '@app/disclosures';

const POST_FIELDS = `id enrollmentId campaignId creatorId platform url status statusSource createdAt
  current { revision caption disclosureMethods verbalAtSeconds jurisdictions jurisdictionSource evidence { sha256 mediaRef }
    check { result reasons warnings messages rulesetVersion } }
  override { decision note decidedById revision }`;

export const SUBMIT = `mutation Submit($input: SubmitSponsoredPostInput!) { submitSponsoredPost(input: $input) { ${POST_FIELDS} } }`;
export const REVISE = `mutation Revise($id: ID!, $input: ReviseSponsoredPostInput!) { reviseSponsoredPost(id: $id, input: $input) { ${POST_FIELDS} } }`;
export const OVERRIDE = `mutation Override($postId: ID!, $decision: DisclosureResult!, $note: String!) {
  overrideDisclosureCheck(postId: $postId, decision: $decision, note: $note) { ${POST_FIELDS} } }`;
export const POST = `query Post($id: ID!) { sponsoredPost(id: $id) { ${POST_FIELDS} revisions(first: 10) { edges { node { revision caption check { result } } } } } }`;
export const POSTS = `query Posts($filter: SponsoredPostFilter, $first: Int, $after: String) {
  sponsoredPosts(filter: $filter, first: $first, after: $after) { edges { node { id status url creator { id } campaign { id } } } pageInfo { hasNextPage endCursor } } }`;
export const COMPLIANCE = `query Compliance($campaignId: ID!) { campaignCompliance(campaignId: $campaignId) {
  campaignId disclosureRequired posts { total compliant nonCompliant needsReview } creators { approved compliant nonCompliant needsReview missing }
  creatorsWithoutCompliantPost(first: 50) { edges { node { enrollmentId creatorId standing posts creator { id } } } } } }`;
export const EVIDENCE = `query Evidence($campaignId: ID!) { exportDisclosureEvidence(campaignId: $campaignId) { filename contentType rowCount csv } }`;
export const DRY_RUN = `query Check($caption: String!, $platform: Platform!, $jurisdictions: [String!], $disclosureMethods: [DisclosureMethod!], $verbalAtSeconds: Int, $brandName: String) {
  checkDisclosure(caption: $caption, platform: $platform, jurisdictions: $jurisdictions, disclosureMethods: $disclosureMethods, verbalAtSeconds: $verbalAtSeconds, brandName: $brandName) {
    result reasons warnings messages rulesetVersion } }`;

let posts = 0;

/** A new Instagram post URL each call, so one enrollment can record many posts. */
export function instagramUrl(): string {
  posts += 1;
  return `https://www.instagram.com/p/Post${posts}x${Date.now().toString(36)}/`;
}

/** The input of a post whose caption opens with #ad (compliant for US audiences), published an hour ago. */
export function compliantPost(enrollmentId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enrollmentId,
    platform: 'INSTAGRAM',
    url: instagramUrl(),
    postedAt: new Date(Date.now() - 3_600_000).toISOString(),
    caption: '#ad My morning routine with the new serum. Code inside!',
    disclosureMethods: [DisclosureMethod.CAPTION_LABEL],
    jurisdictions: ['US'],
    ...overrides,
  };
}
