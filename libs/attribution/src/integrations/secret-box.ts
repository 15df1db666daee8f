import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts secrets that must be readable again (a webhook signing secret is needed in clear
 * to compute the HMAC): AES-256-GCM under a key derived from DATA_ENCRYPTION_KEY, a fresh IV
 * each time, and the integration id as associated data so a ciphertext moved to another row
 * does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(material: string) {
    if (material.length < 32) throw new Error('The data encryption key must be at least 32 characters');
    this.key = createHash('sha256').update(`merchant-secrets:${material}`).digest();
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, boundTo: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unreadable sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A new webhook signing secret: 256 random bits. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** A new integration API key: 256 random bits after a readable prefix. */
export function newApiKey(): string {
  return `mpk_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export const API_KEY_PREFIX_LENGTH = 12;
