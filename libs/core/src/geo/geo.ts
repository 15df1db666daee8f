import { registerDecorator, type ValidationOptions } from 'class-validator';

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
/** Region codes that are not countries: unknown, European Union, eurozone, United Nations, outlying Oceania. */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

/** An ISO 3166-1 alpha-2 country code in upper case, e.g. US, GB, PL. */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && !NOT_COUNTRIES.has(value) && regions.of(value) !== undefined;
}

/** An ISO 639-1 language code in lower case, e.g. en, pl, ko. */
export function isLanguageCode(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z]{2}$/.test(value) && languages.of(value) !== undefined;
}

function codeDecorator(name: string, test: (value: unknown) => boolean, describe: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property must contain ${describe}`, ...options },
        validator: { validate: test },
      });
}

/** class-validator: an ISO 3166-1 alpha-2 country code (use `{ each: true }` for lists). */
export const IsCountryCode = codeDecorator('isCountryCode', isCountryCode, 'ISO 3166-1 alpha-2 country codes in upper case, e.g. US');

/** class-validator: an ISO 639-1 language code (use `{ each: true }` for lists). */
export const IsLanguageCode = codeDecorator('isLanguageCode', isLanguageCode, 'ISO 639-1 language codes in lower case, e.g. en');
