import { registerEnumType } from '@nestjs/graphql';

/** Where creators publish. Values are stored as written here. */
export enum Platform {
  INSTAGRAM = 'INSTAGRAM',
  TIKTOK = 'TIKTOK',
  YOUTUBE = 'YOUTUBE',
  PINTEREST = 'PINTEREST',
  FACEBOOK = 'FACEBOOK',
  SNAPCHAT = 'SNAPCHAT',
  X = 'X',
  TWITCH = 'TWITCH',
  BLOG = 'BLOG',
}

/**
 * The fixed vocabulary of content niches shared by creator profiles and campaigns. At most
 * 32 entries: matching packs a set of niches into one 32-bit mask.
 */
export enum Niche {
  BEAUTY = 'BEAUTY',
  FASHION = 'FASHION',
  FITNESS = 'FITNESS',
  FOOD = 'FOOD',
  GAMING = 'GAMING',
  HOME = 'HOME',
  PARENTING = 'PARENTING',
  PETS = 'PETS',
  TECH = 'TECH',
  TRAVEL = 'TRAVEL',
  LIFESTYLE = 'LIFESTYLE',
  WELLNESS = 'WELLNESS',
  OUTDOORS = 'OUTDOORS',
  SPORTS = 'SPORTS',
  MUSIC = 'MUSIC',
  ART = 'ART',
  PHOTOGRAPHY = 'PHOTOGRAPHY',
  DIY = 'DIY',
  BOOKS = 'BOOKS',
  EDUCATION = 'EDUCATION',
  FINANCE = 'FINANCE',
  AUTOMOTIVE = 'AUTOMOTIVE',
  SUSTAINABILITY = 'SUSTAINABILITY',
  COMEDY = 'COMEDY',
}

export const PLATFORMS = Object.values(Platform);
export const NICHES = Object.values(Niche);

/** The micro-influencer follower band, the default for campaigns. */
export const MICRO_FOLLOWER_BAND = { min: 10_000, max: 100_000 } as const;

/** SQL `IN (...)` list of an enum's values, for CHECK constraints. */
export function sqlValues(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

registerEnumType(Platform, { name: 'Platform', description: 'A social platform, or BLOG for a website.' });
registerEnumType(Niche, { name: 'Niche', description: 'A content niche from the fixed vocabulary.' });
