import { type Actor, type ConnectionShape, CurrentActor, Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { AuditEntry } from '../audit.service.js';
import { AuditEntryConnection, AuditLogArgs, AuditLogExport, ExportAuditLogArgs } from '../queries/audit-log.model.js';
import { AuditLogQueryService, MAX_AUDIT_EXPORT_ROWS } from '../queries/audit-log-query.service.js';

@Resolver()
export class AuditLogResolver {
  constructor(private readonly entries: AuditLogQueryService) {}

  @Query(() => AuditEntryConnection, {
    description: "Who changed what, newest first: a brand team reads its organization's entries, finance and admins every entry.",
  })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN)
  auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs): Promise<ConnectionShape<AuditEntry>> {
    return this.entries.list(actor, args.filter, args);
  }

  @Query(() => AuditLogExport, {
    description: `The entries the filter selects as CSV, newest first (at most ${MAX_AUDIT_EXPORT_ROWS.toLocaleString('en-US')}; more is BAD_USER_INPUT naming filter), with the access of auditLog.`,
  })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN)
  exportAuditLog(@CurrentActor() actor: Actor, @Args() args: ExportAuditLogArgs): Promise<AuditLogExport> {
    return this.entries.export(actor, args.filter);
  }
}
