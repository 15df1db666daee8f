import { type Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ExportCommissionsArgs } from '../queries/commission.model.js';
import { CommissionExport } from '../queries/commission-export.model.js';
import { CommissionExportService, MAX_EXPORT_ROWS } from '../queries/commission-export.service.js';

@Resolver()
export class CommissionExportResolver {
  constructor(private readonly exports: CommissionExportService) {}

  @Query(() => CommissionExport, {
    description: `The commissions the filter selects as CSV (at most ${MAX_EXPORT_ROWS.toLocaleString('en-US')}; more is BAD_USER_INPUT naming filter): finance all, a brand team its own, a creator theirs.`,
  })
  @Roles(Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.FINANCE, Role.ADMIN)
  exportCommissions(@CurrentActor() actor: Actor, @Args() args: ExportCommissionsArgs): Promise<CommissionExport> {
    return this.exports.export(actor, args.filter);
  }
}
