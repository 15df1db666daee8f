import { hashIp, type GraphqlRequest } from '@app/core';
import type { ClientMeta } from '../auth/session.service.js';

export function clientMeta(req: GraphqlRequest, ipHashSalt: string): ClientMeta {
  const userAgent = req.headers['user-agent'];
  return { userAgent: typeof userAgent === 'string' ? userAgent : undefined, ipHash: hashIp(req.ip, ipHashSalt) };
}
