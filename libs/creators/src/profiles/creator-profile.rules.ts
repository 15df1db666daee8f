import { InputProblems, isCountryCode, isLanguageCode } from '@app/core';
import { Niche, NICHES } from '../vocabulary.js';

export const DISPLAY_NAME_MAX_LENGTH = 80;
export const BIO_MAX_LENGTH = 2_000;
export const MAX_NICHES = 5;
export const MAX_LANGUAGES = 10;

/** What a creator sends to create or change their profile. Omitted fields keep their value. */
export interface CreatorProfilePatch {
  displayName: string;
  bio?: string | null;
  country?: string | null;
  languages?: readonly string[] | null;
  niches?: readonly string[] | null;
}

/** The checked, normalized changes; a property that is absent is left as it is. */
export interface CreatorProfileChanges {
  displayName: string;
  bio?: string;
  country?: string | null;
  languages?: string[];
  niches?: Niche[];
}

/** Counts code points, so an emoji or an accented letter counts once rather than as two UTF-16 units. */
export function characterCount(value: string): number {
  return [...value].length;
}

// Control characters (newlines, tabs, NUL) have no place in a name shown in lists.
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Checks a profile input; throws one BAD_USER_INPUT naming every field at fault (`input.country`...). */
export function checkCreatorProfile(input: CreatorProfilePatch, prefix = 'input'): CreatorProfileChanges {
  const problems = new InputProblems();
  const field = (name: string) => `${prefix}.${name}`;

  const displayName = typeof input.displayName === 'string' ? input.displayName.trim() : '';
  const nameLength = characterCount(displayName);
  if (nameLength < 1 || nameLength > DISPLAY_NAME_MAX_LENGTH) {
    problems.add(field('displayName'), `${field('displayName')} must be 1 to ${DISPLAY_NAME_MAX_LENGTH} characters (got ${nameLength})`);
  } else if (CONTROL_CHARACTERS.test(displayName)) {
    problems.add(field('displayName'), `${field('displayName')} must not contain control characters such as line breaks`);
  }
  const changes: CreatorProfileChanges = { displayName };

  if (input.bio !== undefined) {
    const bio = (input.bio ?? '').trim();
    if (characterCount(bio) > BIO_MAX_LENGTH) {
      problems.add(field('bio'), `${field('bio')} must be at most ${BIO_MAX_LENGTH} characters (got ${characterCount(bio)})`);
    }
    changes.bio = bio;
  }

  if (input.country !== undefined) {
    const country = input.country === null ? null : input.country.trim().toUpperCase();
    if (country !== null && !isCountryCode(country)) {
      problems.add(field('country'), `${field('country')} must be an ISO 3166-1 alpha-2 country code such as US or PL (got "${input.country}")`);
    }
    changes.country = country;
  }

  if (input.languages !== undefined) {
    const languages = unique((input.languages ?? []).map((code) => code.trim().toLowerCase()));
    const invalid = languages.filter((code) => !isLanguageCode(code));
    if (invalid.length > 0) {
      problems.add(field('languages'), `${field('languages')} must hold ISO 639-1 language codes such as en or pl (not ${invalid.map((c) => `"${c}"`).join(', ')})`);
    } else if (languages.length > MAX_LANGUAGES) {
      problems.add(field('languages'), `${field('languages')} may list at most ${MAX_LANGUAGES} languages (got ${languages.length})`);
    }
    changes.languages = languages;
  }

  if (input.niches !== undefined) {
    const niches = unique(input.niches ?? []);
    const invalid = niches.filter((niche) => !(NICHES as string[]).includes(niche));
    if (invalid.length > 0) {
      problems.add(field('niches'), `${field('niches')} must hold values of the Niche enum (not ${invalid.join(', ')})`);
    } else if (niches.length > MAX_NICHES) {
      problems.add(field('niches'), `${field('niches')} may list at most ${MAX_NICHES} niches (got ${niches.length})`);
    }
    changes.niches = niches as Niche[];
  }

  problems.throwIfAny();
  return changes;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
