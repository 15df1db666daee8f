import type { Server } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import request from 'supertest';

export interface GraphqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
  headers: Record<string, string>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** A small GraphQL-over-HTTP client for tests, speaking to the real server through supertest. */
export class GraphqlClient {
  constructor(
    private readonly server: Server,
    private readonly defaults: RequestOptions = {},
  ) {}

  /** A client that sends `token` as its bearer token. */
  as(token: string): GraphqlClient {
    return new GraphqlClient(this.server, { ...this.defaults, token });
  }

  async send<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options: RequestOptions = {}): Promise<GraphqlResponse<T>> {
    return this.post({ query, variables }, options);
  }

  /** Posts any JSON body (for malformed or batched requests). */
  async post<T = Record<string, any>>(body: unknown, options: RequestOptions = {}): Promise<GraphqlResponse<T>> {
    const token = options.token ?? this.defaults.token;
    let call = request(this.server).post('/graphql').set('content-type', 'application/json').set('apollo-require-preflight', 'true');
    for (const [name, value] of Object.entries({ ...this.defaults.headers, ...options.headers })) call = call.set(name, value);
    if (token) call = call.set('authorization', `Bearer ${token}`);
    const response = await call.send(JSON.stringify(body));
    const parsed = (response.body ?? {}) as { data?: T | null; errors?: GraphQLFormattedError[] };
    return { status: response.status, data: parsed.data, errors: parsed.errors, headers: response.headers as Record<string, string> };
  }

  /** Sends and fails the test with the errors if there are any. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T> {
    const response = await this.send<T>(query, variables, options);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(response.errors ?? response)}`);
    }
    return response.data;
  }
}

/** The `extensions.code` of the first error, for terse assertions. */
export function errorCode(response: GraphqlResponse): unknown {
  return response.errors?.[0]?.extensions?.code;
}

/** The input fields the first error names (`extensions.fields[].field`), in order. */
export function errorFields(response: GraphqlResponse): string[] {
  const fields = response.errors?.[0]?.extensions?.fields as { field: string }[] | undefined;
  return (fields ?? []).map((problem) => problem.field);
}
