import { Field, Int, ObjectType } from '@nestjs/graphql';
import { CommissionModel } from './commission.model.js';

@ObjectType('ApproveCommissionsPayload', { description: 'What an approval did, to every commission it was given.' })
export class ApproveCommissionsPayload {
  @Field(() => [CommissionModel], { description: 'In the order of the ids given, as they are now.' })
  commissions!: CommissionModel[];

  @Field(() => Int, { description: 'How many are now APPROVED.' })
  approved!: number;

  @Field(() => Int, { description: 'How many now wait for a second, different finance user (APPROVAL_PENDING_SECOND_REVIEW).' })
  pendingSecondReview!: number;
}

@ObjectType('RejectCommissionsPayload')
export class RejectCommissionsPayload {
  @Field(() => [CommissionModel], { description: 'In the order of the ids given, now REJECTED.' })
  commissions!: CommissionModel[];
}
