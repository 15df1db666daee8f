import { AuditService, userActor } from '@app/audit';
import { callingCreatorId, CampaignEntity, enrollmentNotFound, EnrollmentEntity, EnrollmentStatus } from '@app/campaigns';
import { type Actor, InputProblems, newId } from '@app/core';
import type { Platform } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DisclosureErrorCode, DisclosureException, sponsoredPostNotFound } from '../disclosures.exception.js';
import { checkDisclosure, type DisclosureCheck } from '../rules/check-disclosure.js';
import { checkPostUrl, postUrlKey } from '../rules/post-url.js';
import { brandNameOf, creatorAudienceJurisdictions } from './post-facts.js';
import { type PostContent, readPostContent } from './post-content.js';
import { JurisdictionSource, SponsoredPostRevisionEntity } from './sponsored-post-revision.entity.js';
import { PostStatusSource, SponsoredPostEntity } from './sponsored-post.entity.js';
import { SponsoredPostQueryService } from './sponsored-post-query.service.js';
import type { ReviseSponsoredPostInput, SubmitSponsoredPostInput } from './sponsored-post.inputs.js';
import type { SponsoredPost } from './sponsored-post.model.js';

const AUDIT_ENTITY = 'sponsored_post';

/**
 * Creators recording their sponsored posts. Each submission and each revision is checked
 * against the rule set in its transaction, stored as an append-only revision with the
 * result, and audited; the post's standing (which the commission gate reads) follows.
 */
@Injectable()
export class SponsoredPostService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queries: SponsoredPostQueryService,
    private readonly audit: AuditService,
  ) {}

  async submit(actor: Actor, input: SubmitSponsoredPostInput): Promise<SponsoredPost> {
    const problems = new InputProblems();
    const urlProblem = checkPostUrl(input.platform, input.url);
    if (urlProblem) problems.add('input.url', `input.${urlProblem}`);
    const content = readPostContent(input, null, problems);
    problems.throwIfAny();

    return this.db.transaction(async (manager) => {
      const creatorId = await callingCreatorId(manager, actor, 'record a sponsored post');
      // Submissions for one enrollment queue up here, so the same URL can't slip in twice.
      const enrollment = await manager
        .createQueryBuilder(EnrollmentEntity, 'e')
        .where('e.id = :id AND e.creatorId = :creatorId', { id: input.enrollmentId, creatorId })
        .setLock('pessimistic_write')
        .getOne();
      if (!enrollment) throw enrollmentNotFound(input.enrollmentId);
      if (enrollment.status !== EnrollmentStatus.APPROVED) {
        throw new DisclosureException(DisclosureErrorCode.StateConflict, `Enrollment ${enrollment.id} is ${enrollment.status}: posts are recorded for an APPROVED enrollment`);
      }
      const campaign = await manager.findOneByOrFail(CampaignEntity, { id: enrollment.campaignId });
      if (campaign.platforms.length > 0 && !campaign.platforms.includes(input.platform)) {
        throw new DisclosureException(DisclosureErrorCode.InvalidInput, `input.platform (${input.platform}) is not one of the campaign's platforms (${campaign.platforms.join(', ')})`, {
          field: 'input.platform',
        });
      }
      const urlKey = postUrlKey(input.platform, input.url);
      const recorded = await manager.findOne(SponsoredPostEntity, { where: { enrollmentId: enrollment.id, urlKey }, select: { id: true } });
      if (recorded) {
        throw new DisclosureException(DisclosureErrorCode.AlreadyRecorded, `input.url is already recorded for this enrollment as post ${recorded.id}: revise that post instead`, {
          field: 'input.url',
        });
      }

      const postId = newId();
      const revision = await this.checkedRevision(manager, actor, { postId, revision: 1, creatorId, platform: input.platform, campaign }, content);
      const post: SponsoredPostEntity = manager.create(SponsoredPostEntity, {
        id: postId,
        enrollmentId: enrollment.id,
        campaignId: campaign.id,
        organizationId: campaign.organizationId,
        creatorId,
        platform: input.platform,
        url: input.url.trim(),
        urlKey,
        revision: 1,
        revisionId: revision.id,
        checkResult: revision.checkResult,
        status: revision.checkResult,
        statusSource: PostStatusSource.CHECK,
      });
      await manager.insert(SponsoredPostEntity, post);
      await manager.insert(SponsoredPostRevisionEntity, revision);
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: campaign.organizationId,
        action: 'sponsored_post.submitted',
        entityType: AUDIT_ENTITY,
        entityId: postId,
        after: { enrollmentId: enrollment.id, url: post.url, revision: 1, status: post.status, reasons: revision.checkReasons, rulesetVersion: revision.rulesetVersion },
      });
      return this.reload(manager, postId);
    });
  }

  /** A new revision of one of the caller's posts, checked afresh; an override of an earlier revision no longer applies. */
  async revise(actor: Actor, postId: string, input: ReviseSponsoredPostInput): Promise<SponsoredPost> {
    return this.db.transaction(async (manager) => {
      const creatorId = await callingCreatorId(manager, actor, 'revise a sponsored post');
      const post = await manager
        .createQueryBuilder(SponsoredPostEntity, 'p')
        .where('p.id = :postId AND p.creatorId = :creatorId', { postId, creatorId })
        .setLock('pessimistic_write')
        .getOne();
      if (!post) throw sponsoredPostNotFound(postId);
      const previous = await manager.findOneByOrFail(SponsoredPostRevisionEntity, { id: post.revisionId });
      const problems = new InputProblems();
      const content = readPostContent(input, contentOf(previous), problems);
      problems.throwIfAny();

      const campaign = await manager.findOneByOrFail(CampaignEntity, { id: post.campaignId });
      const revision = await this.checkedRevision(manager, actor, { postId, revision: post.revision + 1, creatorId, platform: post.platform, campaign }, content);
      await manager.insert(SponsoredPostRevisionEntity, revision);
      const before = { revision: post.revision, status: post.status, statusSource: post.statusSource };
      const after = { revision: revision.revision, status: revision.checkResult, statusSource: PostStatusSource.CHECK };
      await manager.update(SponsoredPostEntity, { id: postId }, { ...after, revisionId: revision.id, checkResult: revision.checkResult });
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: post.organizationId,
        action: 'sponsored_post.revised',
        entityType: AUDIT_ENTITY,
        entityId: postId,
        before,
        after: { ...after, reasons: revision.checkReasons, rulesetVersion: revision.rulesetVersion },
      });
      return this.reload(manager, postId);
    });
  }

  private async checkedRevision(
    manager: EntityManager,
    actor: Actor,
    at: { postId: string; revision: number; creatorId: string; platform: string; campaign: CampaignEntity },
    content: PostContent,
  ): Promise<SponsoredPostRevisionEntity> {
    const jurisdictions = content.jurisdictions ?? (await creatorAudienceJurisdictions(manager, at.creatorId, at.platform));
    const brandName = await brandNameOf(manager, at.campaign);
    const check: DisclosureCheck = checkDisclosure({
      caption: content.caption,
      platform: at.platform as Platform,
      disclosureMethods: content.disclosureMethods,
      verbalAtSeconds: content.verbalAtSeconds,
      jurisdictions,
      brandName,
    });
    return manager.create(SponsoredPostRevisionEntity, {
      id: newId(),
      postId: at.postId,
      revision: at.revision,
      postedAt: content.postedAt,
      caption: content.caption,
      transcript: content.transcript,
      disclosureMethods: content.disclosureMethods,
      verbalAtSeconds: content.verbalAtSeconds,
      jurisdictions,
      jurisdictionSource: content.jurisdictions ? JurisdictionSource.STATED : JurisdictionSource.AUDIENCE,
      evidenceSha256: content.evidence?.sha256 ?? null,
      evidenceMediaRef: content.evidence?.mediaRef ?? null,
      brandName,
      checkResult: check.result,
      checkReasons: check.reasons,
      checkWarnings: check.warnings,
      rulesetVersion: check.rulesetVersion,
      submittedByUserId: actor.userId,
    });
  }

  private async reload(manager: EntityManager, postId: string): Promise<SponsoredPost> {
    const row = await manager.findOneByOrFail(SponsoredPostEntity, { id: postId });
    return (await this.queries.present(manager, [row], { kind: 'creator', creatorId: row.creatorId }))[0]!;
  }
}

/** A stored revision as the content a revision starts from; jurisdictions read from the audience are read again. */
function contentOf(revision: SponsoredPostRevisionEntity): PostContent {
  return {
    postedAt: revision.postedAt,
    caption: revision.caption,
    transcript: revision.transcript,
    disclosureMethods: revision.disclosureMethods as PostContent['disclosureMethods'],
    verbalAtSeconds: revision.verbalAtSeconds,
    jurisdictions: revision.jurisdictionSource === JurisdictionSource.STATED ? revision.jurisdictions : null,
    evidence: revision.evidenceSha256 && revision.evidenceMediaRef ? { sha256: revision.evidenceSha256, mediaRef: revision.evidenceMediaRef } : null,
  };
}
