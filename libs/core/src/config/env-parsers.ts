/**
 * Small, strict readers for environment variables. Each returns either a value or a
 * message that names what was wrong, so the config loader can report every bad
 * variable at once instead of failing on the first.
 */
export type Env = Record<string, string | undefined>;

export class EnvReader {
  readonly errors: string[] = [];

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  private fail<T>(name: string, message: string, fallback: T): T {
    this.errors.push(`${name} ${message}`);
    return fallback;
  }

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  required(name: string, why: string): string {
    const value = this.raw(name);
    return value ?? this.fail(name, `is required ${why}`, '');
  }

  int(name: string, fallback: number, { min, max }: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) return this.fail(name, `must be an integer (got "${value}")`, fallback);
    const parsed = Number(value);
    if (parsed < min || parsed > max) {
      return this.fail(name, `must be between ${min} and ${max} (got ${parsed})`, fallback);
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
    return this.fail(name, `must be true or false (got "${value}")`, fallback);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(name, `must be one of ${allowed.join(', ')} (got "${value}")`, fallback);
  }

  url(name: string, protocols: readonly string[], fallback?: string): string | undefined {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return this.fail(name, `must be a URL (got "${redactUrl(value)}")`, undefined);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      return this.fail(name, `must use ${protocols.join(' or ')} (got "${parsed.protocol}")`, undefined);
    }
    return value;
  }

  secret(name: string, { minLength, requiredWhy }: { minLength: number; requiredWhy?: string }): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return requiredWhy ? this.fail(name, `is required ${requiredWhy}`, undefined) : undefined;
    }
    if (value.length < minLength) {
      return this.fail(name, `must be at least ${minLength} characters long`, undefined);
    }
    return value;
  }
}

/** Hides the password of a connection URL so it can appear in an error message. */
export function redactUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return value.replace(/:[^:@/]*@/, ':***@');
  }
}
