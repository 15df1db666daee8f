import type { Actor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readAccountRecords, readAuditEntries, recordIds } from './account-records.js';
import { readCreatorRecords } from './creator-records.js';
import type { PersonalDataExport } from './personal-data-export.model.js';

/** Names the document's layout, so a reader of an old file knows which fields to expect. */
export const EXPORT_FORMAT = 'marketplace-personal-data/1';

/** The right of access: one file with every kind of record the platform holds about a person. */
@Injectable()
export class PersonalDataExportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The caller's own data; anyone signed in may ask, and only ever for themselves. */
  async exportFor(actor: Actor): Promise<PersonalDataExport> {
    const document = await this.document(actor.userId);
    const generatedAt = document.generatedAt;
    return {
      filename: `personal-data-${generatedAt.slice(0, 10)}.json`,
      contentType: 'application/json',
      json: JSON.stringify(document, null, 2),
    };
  }

  /** The document for `userId`, read in one snapshot so its parts agree with one another. */
  async document(userId: string) {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const account = await readAccountRecords(manager, userId);
      const creator = await readCreatorRecords(manager, userId);
      const ids = recordIds([
        account.memberships,
        ...(creator
          ? [
              [creator.profile],
              creator.socialAccounts,
              creator.enrollments,
              creator.referralLinks,
              creator.discountCodes,
              creator.sponsoredPosts,
              creator.commissions,
              creator.payoutAccount ? [creator.payoutAccount] : [],
              creator.payouts,
            ]
          : []),
      ]);
      const auditEntries = await readAuditEntries(manager, userId, ids);
      return { format: EXPORT_FORMAT, generatedAt: new Date().toISOString(), ...account, creator, auditEntries };
    });
  }
}
