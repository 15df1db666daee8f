import { buildSchema, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { aliasLimitRule, costLimitRule, depthLimitRule, MAX_ITEMS_EXTENSION } from './query-limits.js';

const schema = buildSchema(`
  type Query { me: User, users(first: Int): UserConnection! }
  type User { id: ID!, name: String!, friend: User, tags: [String!]!, posts(first: Int): [Post!]! }
  type Post { id: ID!, title: String!, author: User! }
  type UserConnection { edges: [UserEdge!]! }
  type UserEdge { node: User! }
`);

function errors(query: string, rules = [depthLimitRule(5), aliasLimitRule(3), costLimitRule({ maxCost: 500, assumedListSize: 50 })]) {
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map((error) => error.message);
}

const nested = (depth: number) => `{ me { ${'friend { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

describe('query limits', () => {
  it('accepts an ordinary query', () => {
    expect(errors('{ me { id name friend { id } } }')).toEqual([]);
  });

  it('rejects a query nested past the maximum depth', () => {
    expect(errors(nested(5))).toEqual([]);
    expect(errors(nested(6))).toEqual(['The operation nests fields deeper than the maximum depth of 5']);
  });

  it('follows fragments when measuring depth, and survives cyclic ones', () => {
    const viaFragment = `query Deep { me { ...F } } fragment F on User { friend { friend { friend { friend { id } } } } }`;
    expect(errors(viaFragment)).toContain('Operation "Deep" nests fields deeper than the maximum depth of 5');
    const cyclic = `{ me { ...A } } fragment A on User { friend { ...B } } fragment B on User { friend { ...A } }`;
    expect(errors(cyclic)).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('ignores introspection fields', () => {
    expect(errors('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }')).toEqual([]);
  });

  it('rejects too many aliases', () => {
    expect(errors('{ a: me { id } b: me { id } c: me { id } }')).toEqual([]);
    expect(errors('{ a: me { id } b: me { id } c: me { id } d: me { id } }')).toEqual(['The document uses more than the maximum of 3 aliases']);
  });

  it('multiplies cost by page sizes and assumed list sizes', () => {
    expect(errors('{ users(first: 10) { edges { node { id name } } } }')).toEqual([]);
    expect(errors('{ users(first: 50) { edges { node { id posts(first: 20) { id } } } } }')).toEqual([
      'The operation is too expensive: its estimated cost exceeds 500',
    ]);
    // A page size from a variable is assumed to be the largest allowed.
    expect(errors('query Q($n: Int) { users(first: $n) { edges { node { id name posts { id title } } } } }')).toEqual([
      'Operation "Q" is too expensive: its estimated cost exceeds 500',
    ]);
  });

  it('multiplies a list that declares its bound by that bound instead of the assumed size', () => {
    const item = new GraphQLObjectType({ name: 'Item', fields: { a: { type: GraphQLInt }, b: { type: GraphQLInt } } });
    const bounded = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          few: { type: new GraphQLList(item), extensions: { [MAX_ITEMS_EXTENSION]: 3 } },
          many: { type: new GraphQLList(item) },
        },
      }),
    });
    const rule = costLimitRule({ maxCost: 10, assumedListSize: 50 });
    const messages = (query: string) => validate(bounded, parse(query), [...specifiedRules, rule]).map((error) => error.message);
    expect(messages('{ few { a b } }')).toEqual([]); // 1 + 3 * 2
    expect(messages('{ many { a b } }')).toEqual(['The operation is too expensive: its estimated cost exceeds 10']);
  });
});
