import { AuditService, userActor } from '@app/audit';
import { isPlatformStaff } from '@app/campaigns';
import { type Actor, assertAnyRole, InputProblems, newId, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sponsoredPostNotFound } from '../disclosures.exception.js';
import { DisclosureResult } from '../rules/check-disclosure.js';
import { DisclosureOverrideEntity } from './disclosure-override.entity.js';
import { PostStatusSource, SponsoredPostEntity } from './sponsored-post.entity.js';
import { SponsoredPostQueryService } from './sponsored-post-query.service.js';
import type { SponsoredPost } from './sponsored-post.model.js';

export const MAX_OVERRIDE_NOTE_LENGTH = 2_000;
export const OVERRIDE_ROLES = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN] as const;

/**
 * A brand (for its own campaigns) or finance overriding the check of a post's current
 * revision, with a note: stored append-only, audited with the standing before and after,
 * and in force until the creator revises the post.
 */
@Injectable()
export class DisclosureOverrideService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queries: SponsoredPostQueryService,
    private readonly audit: AuditService,
  ) {}

  async override(actor: Actor, postId: string, decision: DisclosureResult, note: string): Promise<SponsoredPost> {
    assertAnyRole(actor, OVERRIDE_ROLES, "override a post's disclosure check");
    const problems = new InputProblems();
    if (decision !== DisclosureResult.COMPLIANT && decision !== DisclosureResult.NON_COMPLIANT) {
      problems.add('decision', `decision must be COMPLIANT or NON_COMPLIANT (got ${decision})`);
    }
    const trimmed = note.trim();
    if (trimmed.length === 0) problems.add('note', 'note must say why the check is overridden');
    if (trimmed.length > MAX_OVERRIDE_NOTE_LENGTH) problems.add('note', `note must be at most ${MAX_OVERRIDE_NOTE_LENGTH} characters (got ${trimmed.length})`);
    problems.throwIfAny();

    return this.db.transaction(async (manager) => {
      const query = manager.createQueryBuilder(SponsoredPostEntity, 'p').where('p.id = :postId', { postId }).setLock('pessimistic_write');
      if (!isPlatformStaff(actor)) query.andWhere('p.organizationId = :organizationId', { organizationId: actor.organizationId });
      const post = await query.getOne();
      if (!post) throw sponsoredPostNotFound(postId);

      await manager.insert(DisclosureOverrideEntity, {
        id: newId(),
        postId,
        revisionId: post.revisionId,
        decision: decision as DisclosureOverrideEntity['decision'],
        note: trimmed,
        decidedByUserId: actor.userId,
      });
      await manager.update(SponsoredPostEntity, { id: postId }, { status: decision, statusSource: PostStatusSource.OVERRIDE });
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: post.organizationId,
        action: 'sponsored_post.disclosure_overridden',
        entityType: 'sponsored_post',
        entityId: postId,
        before: { revision: post.revision, status: post.status, statusSource: post.statusSource },
        after: { revision: post.revision, status: decision, statusSource: PostStatusSource.OVERRIDE },
        reason: trimmed,
      });
      const row = await manager.findOneByOrFail(SponsoredPostEntity, { id: postId });
      return (await this.queries.present(manager, [row], { kind: 'all' }))[0]!;
    });
  }
}
