import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isUuid } from '../database/ids.js';
import { BadUserInputException } from '../errors/app.exception.js';

/** Relay cursor-connection page info. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Forward pagination arguments shared by every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return (default 20, at most 100).' })
  @IsOptional()
  @Min(0)
  @Max(1000)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function Connection<T>(nodeType: Type<T>, name: string = nodeType.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }

  return ConnectionType;
}

const CURSOR_PREFIX = 'id:';

export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!isUuid(id)) throw new BadUserInputException(field, `${field} is not a cursor returned by this list`);
  return id;
}

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface PageRequest {
  first: number;
  afterId?: string;
}

/** Validates `first`/`after` against the configured limits. */
export function pageRequest(args: PageArgs, limits: PageLimits): PageRequest {
  const first = args.first ?? limits.defaultPageSize;
  if (first > limits.maxPageSize) {
    throw new BadUserInputException('first', `first must be at most ${limits.maxPageSize} (got ${first})`);
  }
  return { first, afterId: args.after ? decodeCursor(args.after) : undefined };
}

export function toConnection<T>(nodes: T[], hasNextPage: boolean, idOf: (node: T) => string): ConnectionShape<T> {
  const edges = nodes.map((node) => ({ cursor: encodeCursor(idOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Keyset pagination on a time-ordered UUID v7 primary key: stable under concurrent
 * inserts and as fast on page 1,000 as on page 1.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageRequest,
  { direction = 'ASC' }: { direction?: 'ASC' | 'DESC' } = {},
): Promise<ConnectionShape<T>> {
  const alias = query.alias;
  if (page.afterId) {
    query.andWhere(`${alias}.id ${direction === 'ASC' ? '>' : '<'} :pageAfterId`, { pageAfterId: page.afterId });
  }
  const rows = await query
    .orderBy(`${alias}.id`, direction)
    .take(page.first + 1)
    .getMany();
  const hasNextPage = rows.length > page.first;
  return toConnection(rows.slice(0, page.first), hasNextPage, (row) => row.id);
}

/** The same connection with each node mapped (entity to model, usually). */
export function mapConnection<T, U>(connection: ConnectionShape<T>, map: (node: T) => U): ConnectionShape<U> {
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })) };
}
