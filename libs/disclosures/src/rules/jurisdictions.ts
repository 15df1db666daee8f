/** An audience country counts once it holds at least this share of an account's audience, in percent. */
export const AUDIENCE_SHARE_THRESHOLD_PERCENT = 5;

/** EU members with no disclosure rules of their own in the rule set: the EU's rules apply. PL and FI have theirs. */
const EU_MEMBERS = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

/** The jurisdiction whose rules apply to an audience in `country` (ISO 3166-1 alpha-2): `UK` is `GB`, an EU member without its own rules is `EU`. */
export function jurisdictionOf(country: string): string {
  const code = country.trim().toUpperCase();
  if (code === 'UK') return 'GB';
  return EU_MEMBERS.has(code) ? 'EU' : code;
}

export interface AudienceAccount {
  platform: string;
  /** Share of the audience per country, in percent. */
  audienceCountries: Readonly<Record<string, number>>;
}

/**
 * The jurisdictions a post reaches when the creator doesn't say: the countries holding at
 * least {@link AUDIENCE_SHARE_THRESHOLD_PERCENT} % of the audience of their accounts on the
 * post's platform (of all their accounts when they have none there), else the country they
 * live in, else the US. Sorted, each once.
 */
export function audienceJurisdictions(accounts: readonly AudienceAccount[], platform: string, creatorCountry: string | null): string[] {
  const onPlatform = accounts.filter((account) => account.platform === platform);
  const read = onPlatform.length > 0 ? onPlatform : accounts;
  const found = new Set<string>();
  for (const account of read) {
    for (const [country, share] of Object.entries(account.audienceCountries)) {
      if (Number(share) >= AUDIENCE_SHARE_THRESHOLD_PERCENT && /^[A-Za-z]{2}$/.test(country)) found.add(jurisdictionOf(country));
    }
  }
  if (found.size === 0 && creatorCountry && /^[A-Za-z]{2}$/.test(creatorCountry.trim())) found.add(jurisdictionOf(creatorCountry));
  if (found.size === 0) found.add('US');
  return [...found].sort();
}
