import { randomInt } from 'node:crypto';
import { BadUserInputException, currencyDigits } from '@app/core';
import { type DiscountValue, DiscountType } from '@app/campaigns';

export const CODE_MIN_LENGTH = 4;
export const CODE_MAX_LENGTH = 20;

/** Letters and digits that cannot be mistaken for one another: no 0/O, no 1/I/L. */
export const UNAMBIGUOUS_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A code the creator proposed, as shoppers will type it: trimmed and upper-cased, 4–20
 * letters A–Z and digits.
 */
export function normalizeCode(input: string, field: string): string {
  const code = input.trim().toUpperCase();
  if (code.length < CODE_MIN_LENGTH || code.length > CODE_MAX_LENGTH || !/^[A-Z0-9]+$/.test(code)) {
    throw new BadUserInputException(field, `${field} must be ${CODE_MIN_LENGTH}–${CODE_MAX_LENGTH} letters A–Z and digits, such as MAYA15`);
  }
  return code;
}

/**
 * The code with look-alike characters folded together: O and 0, and I, L and 1, read the
 * same. Two codes of one brand never share a key, so a shopper who types MAYAI5 for MAYA15
 * still reaches the one creator it can mean, and orders are matched on the key.
 */
export function codeKey(code: string): string {
  return code.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The start of a generated code: the handle's first words, letters and digits only, 3–10 characters. */
export function codeStem(handle: string): string {
  const words = handle.toUpperCase().normalize('NFKD').replace(/\p{M}+/gu, '').split(/[^A-Z0-9]+/).filter(Boolean);
  let stem = '';
  for (const word of words) {
    if (stem.length >= 4) break;
    stem += word;
  }
  stem = stem.slice(0, 10);
  return stem.length >= 3 ? stem : `${stem}${'CODE'.slice(0, 4 - stem.length)}`;
}

/** What the discount reads as in a code: "15" for 15 %, "10" for 10.00 off; "" when it is not a whole number. */
export function discountSuffix(discount: DiscountValue, currency: string): string {
  if (discount.type === DiscountType.PERCENTAGE) {
    return discount.percentBps! % 100 === 0 ? String(discount.percentBps! / 100) : '';
  }
  const scale = 10n ** BigInt(currencyDigits(currency));
  return discount.amountMinor! % scale === 0n ? String(discount.amountMinor! / scale) : '';
}

export function randomCharacters(length: number, random: (max: number) => number = randomInt): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += UNAMBIGUOUS_ALPHABET[random(UNAMBIGUOUS_ALPHABET.length)];
  return out;
}

/**
 * Codes to try, best first, for a creator who did not propose one: the handle's stem with
 * the discount ("MAYA15"), then with random characters from the unambiguous alphabet
 * ("MAYA15X7", "MAYA15K3P"), longer as the earlier ones turn out taken.
 */
export function generatedCodes(handle: string, discount: DiscountValue, currency: string, random?: (max: number) => number): string[] {
  const base = `${codeStem(handle)}${discountSuffix(discount, currency)}`.slice(0, CODE_MAX_LENGTH - 4);
  const padded = base.length >= CODE_MIN_LENGTH ? base : `${base}${randomCharacters(CODE_MIN_LENGTH - base.length, random)}`;
  const candidates = new Set([padded]);
  for (const extra of [2, 2, 2, 3, 3, 3, 4, 4]) candidates.add(`${base}${randomCharacters(extra, random)}`);
  return [...candidates];
}
