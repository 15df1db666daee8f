import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { TrackingModule } from '@app/tracking';
import { Module } from '@nestjs/common';
import { AccountErasureService } from './erasure/account-erasure.service.js';
import { PersonalDataExportService } from './export/personal-data-export.service.js';

/**
 * Personal data across every domain: the export of what is held about a person and its
 * erasure. It sits above the domains it reads and changes, and none of them imports it.
 * No GraphQL here.
 */
@Module({
  imports: [AuditModule, IdentityModule, TrackingModule],
  providers: [PersonalDataExportService, AccountErasureService],
  exports: [PersonalDataExportService, AccountErasureService],
})
export class PrivacyModule {}
