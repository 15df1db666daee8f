import type { Actor } from '../auth/actor.js';
import { RequestLoaders } from './request-loaders.js';

export interface GraphqlRequest {
  id?: string | number;
  ip?: string;
  user?: Actor;
  headers: Record<string, string | string[] | undefined>;
}

export interface GraphqlContext {
  req: GraphqlRequest;
  loaders: RequestLoaders;
}

export function createGraphqlContext({ req }: { req: GraphqlRequest }): GraphqlContext {
  return { req, loaders: new RequestLoaders() };
}
