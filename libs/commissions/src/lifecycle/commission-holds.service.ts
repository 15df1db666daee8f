import { userActor } from '@app/audit';
import { type Actor, assertAnyRole, cleanText, isUuid, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { commissionNotFound, CommissionErrorCode, CommissionException } from '../commissions.exception.js';
import { CommissionEntity } from './commission.entity.js';
import { CommissionStatus, releasedStatus } from './commission-status.js';
import { CommissionTransitions } from './commission-transitions.js';

/** Finance releases held commissions, with a reason that goes to the audit log. */
@Injectable()
export class CommissionHoldsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CommissionTransitions,
  ) {}

  async release(actor: Actor, id: string, reasonInput: string): Promise<CommissionEntity> {
    assertAnyRole(actor, [Role.FINANCE, Role.ADMIN], 'release commission holds');
    const reason = cleanText(reasonInput, 'reason', { max: 1000, required: true })!;
    return this.db.transaction(async (manager) => {
      const commission = isUuid(id)
        ? await manager.createQueryBuilder(CommissionEntity, 'c').where('c.id = :id', { id }).setLock('pessimistic_write').getOne()
        : null;
      if (!commission) throw commissionNotFound(id);
      if (commission.status !== CommissionStatus.ON_HOLD) {
        throw new CommissionException(CommissionErrorCode.IllegalTransition, `Commission ${id} is ${commission.status}, not ON_HOLD: there is no hold to release`);
      }
      await this.transitions.apply(manager, commission, { to: releasedStatus(commission.eligibleAt, new Date()), reason, actor: userActor(actor.userId) });
      return commission;
    });
  }
}
