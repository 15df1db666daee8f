import {
  type Actor,
  type AppConfig,
  type ConnectionShape,
  InjectConfig,
  isUniqueViolation,
  mapConnection,
  newId,
  type PageArgs,
  type PageRequest,
  pageRequest,
  pagesByParent,
  type ParentPageKey,
} from '@app/core';
import { assertBrandAdmin, canSeeOrganization, organizationNotFound } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';
import { checkLandingUrl, normalizeDomain } from './domain-rules.js';
import { OrganizationDomainEntity } from './organization-domain.entity.js';
import type { VerifiedDomain } from './organization-domain.model.js';

/** A brand may list at most this many domains. */
const MAX_DOMAINS = 50;

function toVerifiedDomain(row: OrganizationDomainEntity): VerifiedDomain {
  return { id: row.id, domain: row.domain, createdAt: row.createdAt, organizationId: row.organizationId };
}

/** The domains a brand sends shoppers to. */
@Injectable()
export class OrganizationDomainService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async add(actor: Actor, domainInput: string): Promise<VerifiedDomain> {
    const organizationId = assertBrandAdmin(actor, 'manage verified domains');
    const domain = normalizeDomain(domainInput, 'domain');
    const row = await this.db.transaction(async (manager) => {
      const existing = await manager.findOneBy(OrganizationDomainEntity, { organizationId, domain });
      if (existing) return existing;
      if ((await manager.countBy(OrganizationDomainEntity, { organizationId })) >= MAX_DOMAINS) {
        throw new CampaignException(CampaignErrorCode.StateConflict, `An organization can list at most ${MAX_DOMAINS} domains`);
      }
      const entity = manager.create(OrganizationDomainEntity, { id: newId(), organizationId, domain, addedByUserId: actor.userId });
      try {
        await manager.insert(OrganizationDomainEntity, entity);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      return (await manager.findOneByOrFail(OrganizationDomainEntity, { organizationId, domain }));
    });
    return toVerifiedDomain(row);
  }

  /** Removes a domain. Campaigns whose landing URL is on it keep working until their URL is changed. */
  async remove(actor: Actor, id: string): Promise<VerifiedDomain> {
    const organizationId = assertBrandAdmin(actor, 'manage verified domains');
    const row = await this.db.getRepository(OrganizationDomainEntity).findOneBy({ id, organizationId });
    if (!row) throw new CampaignException(CampaignErrorCode.NotFound, `Verified domain ${id} not found`);
    await this.db.getRepository(OrganizationDomainEntity).delete({ id, organizationId });
    return toVerifiedDomain(row);
  }

  async domainsOf(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows = await manager.find(OrganizationDomainEntity, { where: { organizationId }, select: { domain: true } });
    return rows.map((row) => row.domain);
  }

  /** A landing URL checked against the organization's domains (the canonical href). */
  async checkLandingUrl(manager: EntityManager, organizationId: string, url: string, field: string): Promise<string> {
    return checkLandingUrl(url, await this.domainsOf(manager, organizationId), field);
  }

  domainPageRequest(actor: Actor, organizationId: string, args: PageArgs): PageRequest {
    if (!canSeeOrganization(actor, organizationId)) throw organizationNotFound(organizationId);
    return pageRequest(args, this.config.graphql);
  }

  async domainPages(keys: readonly ParentPageKey[]): Promise<ConnectionShape<VerifiedDomain>[]> {
    const pages = await pagesByParent(this.db, OrganizationDomainEntity, 'organizationId', keys);
    return pages.map((page) => mapConnection(page, toVerifiedDomain));
  }
}
