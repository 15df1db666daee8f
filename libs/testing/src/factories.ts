import { randomBytes } from 'node:crypto';
import { Role } from '@app/core';
import { insertMembership, insertOrganization, insertUser, PasswordHasher } from '@app/identity';
import type { DataSource } from 'typeorm';
import { type CampaignSpec, type MadeCampaign, type MadeCreator, MarketplaceFactories, type SocialAccountSpec } from './marketplace-factories.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface MadeUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

export interface MadeBrand {
  organizationId: string;
  name: string;
  admin: MadeUser;
}

let hashed: Promise<string> | undefined;
let sequence = 0;

function unique(label: string): string {
  sequence += 1;
  return `${label}-${sequence}-${randomBytes(3).toString('hex')}`;
}

/**
 * Builds valid rows with one call: `await make.creator()`, `await make.brand()`.
 * Every user gets {@link TEST_PASSWORD} (hashed once per file, it is the slow part).
 */
export class Factories {
  private readonly marketplace: MarketplaceFactories;

  constructor(private readonly db: DataSource) {
    this.marketplace = new MarketplaceFactories(db, this);
  }

  private passwordHash(): Promise<string> {
    hashed ??= new PasswordHasher().hash(TEST_PASSWORD);
    return hashed;
  }

  async user(options: { email?: string; displayName?: string; roles?: Role[] } = {}): Promise<MadeUser> {
    const email = options.email ?? `${unique('user')}@example.test`;
    const displayName = options.displayName ?? 'Test User';
    const passwordHash = await this.passwordHash();
    const user = await this.db.transaction((manager) => insertUser(manager, { email, displayName, passwordHash, roles: options.roles ?? [] }));
    return { id: user.id, email: user.email, password: TEST_PASSWORD, displayName };
  }

  creator(options: { email?: string; displayName?: string } = {}): Promise<MadeUser> {
    return this.user({ ...options, roles: [Role.CREATOR] });
  }

  finance(): Promise<MadeUser> {
    return this.user({ roles: [Role.FINANCE] });
  }

  admin(): Promise<MadeUser> {
    return this.user({ roles: [Role.ADMIN] });
  }

  /** An organization with a BRAND_ADMIN. */
  async brand(options: { name?: string } = {}): Promise<MadeBrand> {
    const admin = await this.user({ displayName: 'Brand Admin' });
    const name = options.name ?? unique('Brand');
    const { organization } = await this.db.transaction((manager) => insertOrganization(manager, name, admin.id));
    return { organizationId: organization.id, name, admin };
  }

  /** A team member of `brand` with `role` (BRAND_MEMBER by default). */
  async member(brand: MadeBrand, role: Role = Role.BRAND_MEMBER): Promise<MadeUser> {
    const user = await this.user({ displayName: 'Brand Member' });
    await this.db.transaction((manager) => insertMembership(manager, brand.organizationId, user.id, role));
    return user;
  }

  /** A CREATOR with a profile and social accounts (one Instagram micro-influencer account by default). */
  creatorProfile(options: Parameters<MarketplaceFactories['creatorProfile']>[0] = {}): Promise<MadeCreator> {
    return this.marketplace.creatorProfile(options);
  }

  socialAccount(creatorId: string, spec: SocialAccountSpec = {}): Promise<string> {
    return this.marketplace.socialAccount(creatorId, spec);
  }

  /** A campaign of `brand` on one of its verified domains (ACTIVE, OPEN, 15% by default). */
  campaign(brand: MadeBrand, spec: CampaignSpec = {}): Promise<MadeCampaign> {
    return this.marketplace.campaign(brand, spec);
  }

  /** An enrollment of a creator in a campaign, APPROVED by default. */
  enrollment(
    campaign: MadeCampaign,
    creator: Pick<MadeCreator, 'creatorId'>,
    status?: Parameters<MarketplaceFactories['enrollment']>[2],
    options?: Parameters<MarketplaceFactories['enrollment']>[3],
  ): Promise<string> {
    return this.marketplace.enrollment(campaign, creator, status, options);
  }
}
