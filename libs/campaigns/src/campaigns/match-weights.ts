import { registerEnumType } from '@nestjs/graphql';

/** The factors matching scores a creator-campaign pair by. */
export enum MatchFactor {
  NICHE = 'NICHE',
  FOLLOWERS = 'FOLLOWERS',
  ENGAGEMENT = 'ENGAGEMENT',
  AUDIENCE = 'AUDIENCE',
  PLATFORM = 'PLATFORM',
  PERFORMANCE = 'PERFORMANCE',
}

export type MatchWeights = Record<MatchFactor, number>;

/**
 * Default weights, used for any factor a campaign does not set. Matching normalises the
 * weights of the factors it can evaluate so that they sum to 1.
 */
export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = {
  [MatchFactor.NICHE]: 0.3,
  [MatchFactor.FOLLOWERS]: 0.2,
  [MatchFactor.ENGAGEMENT]: 0.2,
  [MatchFactor.AUDIENCE]: 0.15,
  [MatchFactor.PLATFORM]: 0.05,
  [MatchFactor.PERFORMANCE]: 0.1,
};

/** A campaign's stored weights (null or partial) completed with the defaults. */
export function effectiveMatchWeights(stored: Partial<Record<string, number>> | null): MatchWeights {
  const weights = { ...DEFAULT_MATCH_WEIGHTS };
  for (const factor of Object.values(MatchFactor)) {
    const value = stored?.[factor];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) weights[factor] = value;
  }
  return weights;
}

registerEnumType(MatchFactor, { name: 'MatchFactor', description: 'A factor of a match score.' });
