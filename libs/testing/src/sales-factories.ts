import { hashApiKey, IntegrationApiKeyEntity, MerchantIntegrationEntity, MerchantIntegrationKind, MerchantIntegrationStatus, SecretBox } from '@app/attribution';
import { newId } from '@app/core';
import { codeKey, DiscountCodeEntity, ReferralLinkEntity } from '@app/tracking';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { MadeCampaign } from './marketplace-factories.js';

export interface MadeIntegration {
  id: string;
  organizationId: string;
  signingSecret: string;
  /** Its one API key (scope orders:write). */
  apiKey: string;
  apiKeyId: string;
}

export interface Participation {
  campaign: MadeCampaign;
  enrollmentId: string;
  creatorId: string;
  createdByUserId: string;
}

export interface ClickSpec {
  linkId: string;
  participation: Participation;
  at?: Date;
  bot?: boolean;
  visitorHash?: string;
}

/** A UUID v7 carrying exactly `ms` (the id generator never goes back in time, a test's clicks may). */
export function uuidV7At(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Integrations, codes, links and clicks written straight to the tables, as the services
 * would leave them: what the sales pipeline reads, without going through the API for each.
 */
export class SalesFactories {
  constructor(
    private readonly db: DataSource,
    private readonly secretsKey: string,
  ) {}

  async integration(organizationId: string, createdByUserId: string, kind: 'GENERIC' | 'SHOPIFY' = 'GENERIC'): Promise<MadeIntegration> {
    const id = newId();
    const signingSecret = `whsec_${randomBytes(32).toString('base64url')}`;
    const apiKey = `mpk_${randomBytes(32).toString('base64url')}`;
    await this.db.getRepository(MerchantIntegrationEntity).insert({
      id,
      organizationId,
      kind: kind as MerchantIntegrationKind,
      name: `Shop ${id.slice(-6)}`,
      status: MerchantIntegrationStatus.ACTIVE,
      secretCiphertext: new SecretBox(this.secretsKey).seal(signingSecret, id),
      previousSecretCiphertext: null,
      previousSecretExpiresAt: null,
      lastEventAt: null,
      createdByUserId,
    });
    const apiKeyId = newId();
    await this.db.getRepository(IntegrationApiKeyEntity).insert({
      id: apiKeyId,
      integrationId: id,
      organizationId,
      prefix: apiKey.slice(0, 12),
      keyHash: hashApiKey(apiKey),
      scopes: ['orders:write'],
      createdByUserId,
    });
    return { id, organizationId, signingSecret, apiKey, apiKeyId };
  }

  /** An ACTIVE discount code of the participation (REVOKED with `revokedAt`). */
  async discountCode(of: Participation, code: string, { revokedAt }: { revokedAt?: Date } = {}): Promise<string> {
    const id = newId();
    await this.db.getRepository(DiscountCodeEntity).insert({
      id,
      organizationId: of.campaign.organizationId,
      campaignId: of.campaign.campaignId,
      enrollmentId: of.enrollmentId,
      creatorId: of.creatorId,
      code: code.toUpperCase(),
      codeKey: codeKey(code.toUpperCase()),
      discountType: 'PERCENTAGE',
      percentBps: 1_000,
      amountMinor: null,
      currency: 'USD',
      status: revokedAt ? 'REVOKED' : 'ACTIVE',
      createdByUserId: of.createdByUserId,
      revokedAt: revokedAt ?? null,
      revokedByUserId: revokedAt ? of.createdByUserId : null,
      revokedReason: revokedAt ? 'test' : null,
    });
    return id;
  }

  /** An ACTIVE referral link of the participation (DISABLED with `disabledAt`). */
  async referralLink(of: Participation, { disabledAt }: { disabledAt?: Date } = {}): Promise<string> {
    const id = newId();
    await this.db.getRepository(ReferralLinkEntity).insert({
      id,
      organizationId: of.campaign.organizationId,
      campaignId: of.campaign.campaignId,
      enrollmentId: of.enrollmentId,
      creatorId: of.creatorId,
      slug: `l${id.replace(/-/g, '').slice(-12)}`,
      alias: null,
      destinationUrl: `https://${of.campaign.domain}/spring`,
      destinationPath: null,
      status: disabledAt ? 'DISABLED' : 'ACTIVE',
      createdByUserId: of.createdByUserId,
      disabledAt: disabledAt ?? null,
      disabledByUserId: disabledAt ? of.createdByUserId : null,
      disabledReason: disabledAt ? 'test' : null,
    });
    return id;
  }

  /** A recorded click; its id is a UUID v7 carrying its time, as the redirector makes them. Returns the click id (`cid`). */
  async click(spec: ClickSpec): Promise<string> {
    const at = spec.at ?? new Date();
    const id = uuidV7At(at.getTime());
    await this.db.query(
      `INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'US', 'MOBILE', NULL, $9, $10)`,
      [
        id,
        new Date(Math.floor(at.getTime())),
        spec.linkId,
        spec.participation.enrollmentId,
        spec.participation.campaign.campaignId,
        spec.participation.campaign.organizationId,
        spec.participation.creatorId,
        spec.visitorHash ?? randomBytes(16).toString('hex'),
        spec.bot ?? false,
        !(spec.bot ?? false),
      ],
    );
    return id;
  }
}
