import { AuditService, changedFields, userActor } from '@app/audit';
import { hostOnDomains, isPlatformStaff, OrganizationDomainService } from '@app/campaigns';
import { type Actor, type AppConfig, cleanText, InjectConfig, isUniqueViolation, newId, Role } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { lockClaimableEnrollment } from '../enrollment-claims.js';
import { participationOf } from '../participation.js';
import { RouteInvalidator } from '../redirect/route-invalidator.js';
import { referralLinkNotFound, TrackingErrorCode, TrackingException } from '../tracking.exception.js';
import { resolveDestination, withTrackingParameters } from './destination.js';
import { checkAlias, randomSlug } from './link-keys.js';
import { LinkAction, LinkStatus, linkTransition } from './referral-link-status.js';
import { ReferralLinkEntity } from './referral-link.entity.js';
import type { ClaimReferralLinkInput } from './referral-link.inputs.js';
import { toReferralLink } from './referral-link.mappers.js';
import type { ReferralLink } from './referral-link.model.js';

const SLUG_ATTEMPTS = 5;

/** Claiming and disabling referral links. Every change is announced to the redirectors once committed. */
@Injectable()
export class ReferralLinkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly domains: OrganizationDomainService,
    private readonly profiles: CreatorProfileService,
    private readonly routes: RouteInvalidator,
    private readonly audit: AuditService,
  ) {}

  async claim(actor: Actor, input: ClaimReferralLinkInput): Promise<ReferralLink> {
    const alias = input.alias === null || input.alias === undefined || input.alias.trim() === '' ? null : checkAlias(input.alias, 'input.alias');
    const destinationPath = input.destinationPath?.trim() ? input.destinationPath : null;
    const row = await this.db.transaction(async (manager) => {
      const { enrollment, campaign, creatorId, handle } = await lockClaimableEnrollment(manager, actor, input.enrollmentId, 'claim referral links');
      const active = await manager.countBy(ReferralLinkEntity, { enrollmentId: enrollment.id, status: LinkStatus.ACTIVE });
      if (active >= campaign.maxLinksPerCreator) {
        throw new TrackingException(
          TrackingErrorCode.LimitReached,
          `You hold ${active} active links in campaign ${campaign.id}, its limit of ${campaign.maxLinksPerCreator}; disable one to claim another`,
        );
      }
      const domains = await this.domains.domainsOf(manager, campaign.organizationId);
      if (!campaign.landingUrl || !hostOnDomains(new URL(campaign.landingUrl).hostname, domains)) {
        throw new TrackingException(
          TrackingErrorCode.StateConflict,
          `Campaign ${campaign.id}'s landing page is not on the brand's verified domains any more, so it takes no new links until the brand fixes it`,
        );
      }
      const destination = resolveDestination(campaign.landingUrl, destinationPath, domains, 'input.destinationPath');
      const destinationUrl = withTrackingParameters(destination, { source: handle, campaign: campaign.slug });
      if (alias) await this.assertAliasFree(manager, alias);
      const link = manager.create(ReferralLinkEntity, {
        id: newId(),
        organizationId: campaign.organizationId,
        campaignId: campaign.id,
        enrollmentId: enrollment.id,
        creatorId,
        slug: '',
        alias,
        destinationUrl,
        destinationPath,
        status: LinkStatus.ACTIVE,
        createdByUserId: actor.userId,
        disabledAt: null,
        disabledByUserId: null,
        disabledReason: null,
      });
      await this.insertWithFreshSlug(manager, link);
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: link.organizationId,
        action: 'referral_link.created',
        entityType: 'referral_link',
        entityId: link.id,
        ...changedFields(null, { enrollmentId: link.enrollmentId, slug: link.slug, alias: link.alias, destinationUrl: link.destinationUrl, status: link.status }),
      });
      return manager.findOneByOrFail(ReferralLinkEntity, { id: link.id });
    });
    // A lookup of this slug or alias before it existed may be remembered as "no link".
    await this.routes.links([row]);
    return this.present(row);
  }

  /** Turns a link off for good: the brand's team or the creator who holds it. */
  async disable(actor: Actor, id: string, reasonInput: string | null | undefined): Promise<ReferralLink> {
    const reason = cleanText(reasonInput, 'reason', { max: 1000, required: false });
    const row = await this.db.transaction(async (manager) => {
      const link = await this.lockOwnLink(manager, actor, id);
      const status = linkTransition(id, link.status as LinkStatus, LinkAction.DISABLE);
      const changes = { status, disabledAt: new Date(), disabledByUserId: actor.userId, disabledReason: reason };
      await manager.update(ReferralLinkEntity, { id }, changes);
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: link.organizationId,
        action: 'referral_link.status_changed',
        entityType: 'referral_link',
        entityId: id,
        ...changedFields(link, changes),
        reason,
      });
      return manager.findOneByOrFail(ReferralLinkEntity, { id });
    });
    await this.routes.links([row]);
    return this.present(row);
  }

  private async present(row: ReferralLinkEntity): Promise<ReferralLink> {
    const participation = await participationOf(this.db, [row.enrollmentId]);
    return toReferralLink(row, participation.get(row.enrollmentId), this.config.tracking.redirectorPublicUrl);
  }

  /** A link the caller may change: their organization's, or their own as its creator. Anything else is NOT_FOUND. */
  private async lockOwnLink(manager: EntityManager, actor: Actor, id: string): Promise<ReferralLinkEntity> {
    const query = manager.createQueryBuilder(ReferralLinkEntity, 'l').where('l.id = :id', { id }).setLock('pessimistic_write');
    if (actor.organizationId) query.andWhere('l.organizationId = :organizationId', { organizationId: actor.organizationId });
    else if (actor.roles.includes(Role.CREATOR)) {
      const profile = await this.profiles.findByUserId(actor.userId);
      query.andWhere('l.creatorId = :creatorId', { creatorId: profile?.id ?? null });
    } else if (!isPlatformStaff(actor)) query.andWhere('false');
    const link = await query.getOne();
    if (!link) throw referralLinkNotFound(id);
    return link;
  }

  /** An alias must differ, in any case, from every other alias and from every slug (so `/r/<key>` means one link). */
  private async assertAliasFree(manager: EntityManager, alias: string): Promise<void> {
    const taken = await manager
      .createQueryBuilder(ReferralLinkEntity, 'l')
      .where('lower(l.alias) = lower(:alias) OR lower(l.slug) = lower(:alias)', { alias })
      .getExists();
    if (taken) throw aliasTaken(alias);
  }

  private async insertWithFreshSlug(manager: EntityManager, link: ReferralLinkEntity): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      link.slug = randomSlug();
      const clashesWithAlias = await manager.createQueryBuilder(ReferralLinkEntity, 'l').where('lower(l.alias) = lower(:slug)', { slug: link.slug }).getExists();
      if (clashesWithAlias && attempt < SLUG_ATTEMPTS) continue;
      try {
        await manager.query('SAVEPOINT claim_link');
        await manager.insert(ReferralLinkEntity, link);
        await manager.query('RELEASE SAVEPOINT claim_link');
        return;
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT claim_link');
        if (isUniqueViolation(error, 'uq_referral_links_alias') && link.alias) throw aliasTaken(link.alias);
        if (!isUniqueViolation(error, 'uq_referral_links_slug') || attempt >= SLUG_ATTEMPTS) throw error;
      }
    }
  }
}

function aliasTaken(alias: string): TrackingException {
  return new TrackingException(TrackingErrorCode.Taken, `The alias ${alias} is taken; choose another`, { field: 'input.alias' });
}
