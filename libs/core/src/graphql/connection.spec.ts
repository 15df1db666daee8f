import { AppException } from '../errors/app.exception.js';
import { newId } from '../database/ids.js';
import { decodeCursor, encodeCursor, pageRequest, toConnection } from './connection.js';

const limits = { defaultPageSize: 20, maxPageSize: 100 };

describe('cursor connections', () => {
  it('round-trips an id through an opaque cursor', () => {
    const id = newId();
    expect(encodeCursor(id)).not.toContain(id);
    expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('refuses a cursor it did not make, naming the argument', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(AppException);
    expect(() => decodeCursor(Buffer.from('id:1; DROP TABLE users').toString('base64url'))).toThrow('after is not a cursor returned by this list');
  });

  it('defaults and caps the page size', () => {
    expect(pageRequest({}, limits)).toEqual({ first: 20, afterId: undefined });
    expect(() => pageRequest({ first: 101 }, limits)).toThrow('first must be at most 100 (got 101)');
  });

  it('builds edges and page info', () => {
    const nodes = [{ id: newId() }, { id: newId() }];
    const connection = toConnection(nodes, true, (node) => node.id);
    expect(connection.edges.map((edge) => decodeCursor(edge.cursor))).toEqual(nodes.map((node) => node.id));
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: connection.edges[0]!.cursor,
      endCursor: connection.edges[1]!.cursor,
    });
    expect(toConnection([], false, () => '').pageInfo).toMatchObject({ startCursor: null, endCursor: null });
  });
});
