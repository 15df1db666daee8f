import { errorCode, errorFields, type MadeBrand } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const ADD = `mutation Add($domain: String!) { addVerifiedDomain(domain: $domain) { id domain } }`;
const REMOVE = `mutation Remove($id: ID!) { removeVerifiedDomain(id: $id) { id domain } }`;
const LIST = `query Org($id: ID!) { organization(id: $id) { verifiedDomains(first: 10) { edges { node { domain } } } } }`;

describe('verified domains', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let token: string;

  const domains = async (as: string, organizationId = brand.organizationId) =>
    (await t.gql.as(as).ok(LIST, { id: organizationId })).organization.verifiedDomains.edges.map((e: { node: { domain: string } }) => e.node.domain);

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand();
    token = (await logIn(t.gql, brand.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('adds domains in canonical form, once, and lists them', async () => {
    const first = (await t.gql.as(token).ok(ADD, { domain: 'Shop.Glow.Example' })).addVerifiedDomain;
    expect(first.domain).toBe('shop.glow.example');
    expect((await t.gql.as(token).ok(ADD, { domain: 'shop.glow.example.' })).addVerifiedDomain.id).toBe(first.id);
    await t.gql.as(token).ok(ADD, { domain: 'bücher.example' });
    expect(await domains(token)).toEqual(['shop.glow.example', 'xn--bcher-kva.example']);
  });

  it('rejects what is not a domain, naming the field', async () => {
    for (const domain of ['https://glow.example', 'glow.example/path', 'localhost', '10.0.0.1', 'glow..example']) {
      const result = await t.gql.as(token).send(ADD, { domain });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(errorFields(result)).toEqual(['domain']);
    }
  });

  it('lets only brand admins manage domains, and only their own', async () => {
    const member = await t.make.member(brand);
    const memberToken = (await logIn(t.gql, member)).accessToken;
    expect(errorCode(await t.gql.as(memberToken).send(ADD, { domain: 'x.example' }))).toBe('FORBIDDEN');

    const rival = await t.make.brand();
    const rivalToken = (await logIn(t.gql, rival.admin)).accessToken;
    const mine = (await t.gql.as(token).ok(ADD, { domain: 'mine.example' })).addVerifiedDomain;
    expect(errorCode(await t.gql.as(rivalToken).send(REMOVE, { id: mine.id }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.as(rivalToken).send(LIST, { id: brand.organizationId }))).toBe('NOT_FOUND');
    expect(await domains(token)).toContain('mine.example');

    expect((await t.gql.as(token).ok(REMOVE, { id: mine.id })).removeVerifiedDomain.domain).toBe('mine.example');
    expect(await domains(token)).not.toContain('mine.example');
  });
});
