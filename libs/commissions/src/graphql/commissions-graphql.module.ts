import { AttributionModule } from '@app/attribution';
import { AuditModule } from '@app/audit';
import { CampaignsModule } from '@app/campaigns';
import { CreatorsModule } from '@app/creators';
import { Module } from '@nestjs/common';
import { CommissionsModule } from '../commissions.module.js';
import { CommissionHoldsService } from '../lifecycle/commission-holds.service.js';
import { ManualAttributionService } from '../lifecycle/manual-attribution.service.js';
import { CommissionQueryService } from '../queries/commission-query.service.js';
import { CommissionReviewService } from '../lifecycle/commission-review.service.js';
import { CommissionExportService } from '../queries/commission-export.service.js';
import { CommissionTotalsService } from '../queries/commission-totals.service.js';
import { CommissionConnectionResolver } from './commission-connection.resolver.js';
import { CommissionExportResolver } from './commission-export.resolver.js';
import { CommissionReviewResolver } from './commission-review.resolver.js';
import { CommissionResolver } from './commission.resolver.js';

/** The commissions part of the API's GraphQL schema: reading, totalling and exporting commissions, finance's review, releasing holds, assigning orders by hand. */
@Module({
  imports: [CommissionsModule, AttributionModule, CreatorsModule, CampaignsModule, AuditModule],
  providers: [
    CommissionQueryService,
    CommissionTotalsService,
    CommissionExportService,
    CommissionHoldsService,
    CommissionReviewService,
    ManualAttributionService,
    CommissionResolver,
    CommissionConnectionResolver,
    CommissionReviewResolver,
    CommissionExportResolver,
  ],
})
export class CommissionsGraphqlModule {}
