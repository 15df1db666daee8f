import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module.js';
import { AuditLogQueryService } from '../queries/audit-log-query.service.js';
import { AuditLogResolver } from './audit-log.resolver.js';

/** The audit part of the API's GraphQL schema: reading the activity log and exporting it. */
@Module({
  imports: [AuditModule],
  providers: [AuditLogQueryService, AuditLogResolver],
})
export class AuditGraphqlModule {}
