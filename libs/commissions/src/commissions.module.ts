import { AttributionModule } from '@app/attribution';
import { AuditModule } from '@app/audit';
import { CampaignsModule } from '@app/campaigns';
import { FraudModule } from '@app/fraud';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommissionAdjustmentEntity } from './lifecycle/commission-adjustment.entity.js';
import { CommissionEntity } from './lifecycle/commission.entity.js';
import { CommissionGates } from './lifecycle/commission-gates.js';
import { CommissionTransitions } from './lifecycle/commission-transitions.js';
import { CommissionWriter } from './lifecycle/commission-writer.service.js';
import { HoldReleaseService } from './lifecycle/hold-release.service.js';
import { SalesPipeline } from './pipeline/sales-pipeline.service.js';

export const COMMISSIONS_ENTITIES = [CommissionEntity, CommissionAdjustmentEntity];

const SERVICES = [CommissionTransitions, CommissionGates, CommissionWriter, HoldReleaseService, SalesPipeline];

/** Commissions and the sales pipeline that makes them, for the API and the worker. Needs QueueModule. */
@Module({
  imports: [TypeOrmModule.forFeature(COMMISSIONS_ENTITIES), AttributionModule, CampaignsModule, FraudModule, AuditModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class CommissionsModule {}
