import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonalDataExport', { description: 'Everything the platform holds about the signed-in person, as one JSON file.' })
export class PersonalDataExport {
  @Field({ description: 'A name to save the file under, e.g. `personal-data-2026-12-02.json`.' })
  filename!: string;

  @Field({ description: '`application/json`' })
  contentType!: string;

  @Field({
    description:
      'UTF-8 JSON: `format`, `generatedAt`, `user`, `roles`, `sessions`, `memberships`, `invitations`, `creator` (null for brand and staff users: ' +
      '`profile`, `socialAccounts`, `enrollments`, `referralLinks`, `discountCodes`, `sponsoredPosts` with their revisions, `commissions`, ' +
      '`payoutAccount`, `payouts`, `ledgerAccounts`, `visitDays`) and `auditEntries`. Money is `{ amountMinor, currency }` with amountMinor a ' +
      'decimal string of minor units; times are ISO 8601. Secrets (password and token hashes) are never included.',
  })
  json!: string;
}
