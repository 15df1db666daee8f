/** What an account holds money for. The sign of its balance reads as each purpose says. */
export enum AccountPurpose {
  /** What a brand owes the platform for approved commissions and fees (debit balance = owes). */
  BRAND_PAYABLE = 'BRAND_PAYABLE',
  /** Money a brand paid in that is not yet applied (credit balance = available). */
  BRAND_FUNDING = 'BRAND_FUNDING',
  /** What the platform owes a creator (credit balance). */
  CREATOR_PAYABLE = 'CREATOR_PAYABLE',
  /** What a creator owes back after a clawback (debit balance). */
  CREATOR_RECEIVABLE = 'CREATOR_RECEIVABLE',
  /** The platform's fee revenue (credit). */
  PLATFORM_FEES = 'PLATFORM_FEES',
  /** The platform's Stripe balance (debit = money held). */
  STRIPE_CLEARING = 'STRIPE_CLEARING',
  /** Payouts scheduled and not yet confirmed sent. */
  PAYOUTS_IN_TRANSIT = 'PAYOUTS_IN_TRANSIT',
}

/** Whose account it is: a brand (organization id), a creator (creator profile id), or the platform (no id). */
export enum AccountOwner {
  ORGANIZATION = 'ORGANIZATION',
  CREATOR = 'CREATOR',
  PLATFORM = 'PLATFORM',
}

/** The owner each purpose belongs to; the database checks the same pairing. */
export const PURPOSE_OWNER: Readonly<Record<AccountPurpose, AccountOwner>> = {
  [AccountPurpose.BRAND_PAYABLE]: AccountOwner.ORGANIZATION,
  [AccountPurpose.BRAND_FUNDING]: AccountOwner.ORGANIZATION,
  [AccountPurpose.CREATOR_PAYABLE]: AccountOwner.CREATOR,
  [AccountPurpose.CREATOR_RECEIVABLE]: AccountOwner.CREATOR,
  [AccountPurpose.PLATFORM_FEES]: AccountOwner.PLATFORM,
  [AccountPurpose.STRIPE_CLEARING]: AccountOwner.PLATFORM,
  [AccountPurpose.PAYOUTS_IN_TRANSIT]: AccountOwner.PLATFORM,
};

/** One account, named by what it is rather than by its row id: accounts are made on first use. */
export interface AccountKey {
  owner: AccountOwner;
  /** The organization or creator profile id; null for the platform's accounts. */
  ownerId: string | null;
  purpose: AccountPurpose;
  /** Upper-case ISO 4217. */
  currency: string;
}

/** The key as one string, e.g. `CREATOR:0190…:CREATOR_PAYABLE:USD` or `PLATFORM:-:PLATFORM_FEES:EUR`: map keys of balances. */
export function accountKeyString(key: AccountKey): string {
  return `${key.owner}:${key.ownerId ?? '-'}:${key.purpose}:${key.currency}`;
}

/** A brand's account. */
export function brandAccount(purpose: AccountPurpose.BRAND_PAYABLE | AccountPurpose.BRAND_FUNDING, organizationId: string, currency: string): AccountKey {
  return { owner: AccountOwner.ORGANIZATION, ownerId: organizationId, purpose, currency };
}

/** A creator's account (owner id = creator profile id). */
export function creatorAccount(purpose: AccountPurpose.CREATOR_PAYABLE | AccountPurpose.CREATOR_RECEIVABLE, creatorId: string, currency: string): AccountKey {
  return { owner: AccountOwner.CREATOR, ownerId: creatorId, purpose, currency };
}

/** One of the platform's own accounts. */
export function platformAccount(
  purpose: AccountPurpose.PLATFORM_FEES | AccountPurpose.STRIPE_CLEARING | AccountPurpose.PAYOUTS_IN_TRANSIT,
  currency: string,
): AccountKey {
  return { owner: AccountOwner.PLATFORM, ownerId: null, purpose, currency };
}
