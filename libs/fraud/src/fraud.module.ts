import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodeUsageEntity } from './signals/code-usage.entity.js';
import { FraudScreenService } from './signals/fraud-screen.service.js';
import { FraudSignalEntity } from './signals/fraud-signal.entity.js';

export const FRAUD_ENTITIES = [FraudSignalEntity, CodeUsageEntity];

@Module({
  imports: [TypeOrmModule.forFeature(FRAUD_ENTITIES)],
  providers: [FraudScreenService],
  exports: [FraudScreenService],
})
export class FraudModule {}
