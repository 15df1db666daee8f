import { CsvExport } from '@app/core';
import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CommissionExport', { description: 'Commissions as CSV, for the books.' })
export class CommissionExport extends CsvExport {
  @Field({
    description:
      'UTF-8 CSV with a header row, oldest first: id, organization (name), campaign (title), creator (display name), order (the shop\'s order number), ' +
      'kind, status, currency, amount (major units, e.g. 12.50; negative for clawbacks), ordered_at, eligible_at, approved_at, paid_at (ISO 8601), ' +
      'hold_reasons (separated by ;).',
  })
  csv!: string;
}
