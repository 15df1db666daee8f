import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditService } from './audit.service.js';

export const AUDIT_ENTITIES = [AuditEntryEntity];

/** The activity log every domain writes to; it imports no domain, so any of them may import it. */
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
