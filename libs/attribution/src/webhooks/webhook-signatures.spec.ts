import { createHmac } from 'node:crypto';
import { genericOrderPayload, shopifyOrderPayload } from '@app/testing';
import { signGenericPayload, signShopifyPayload, verifyGenericSignature, verifyShopifySignature } from './webhook-signatures.js';

const SECRET = 'whsec_current';
const OLD_SECRET = 'whsec_previous';
const NOW = 1_767_225_600;
const body = Buffer.from(JSON.stringify(genericOrderPayload()));

describe('generic webhook signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${body.toString()}`).digest('hex');
    expect(signGenericPayload(SECRET, body, NOW)).toBe(`t=${NOW},v1=${expected}`);
    expect(signGenericPayload(SECRET, body.toString(), NOW)).toBe(`t=${NOW},v1=${expected}`);
    expect(() => signGenericPayload(SECRET, body, 1.5)).toThrow(RangeError);
  });

  it('accepts its own signature under any configured secret', () => {
    expect(verifyGenericSignature(signGenericPayload(SECRET, body, NOW), body, [SECRET], NOW)).toEqual({ ok: true });
    expect(verifyGenericSignature(signGenericPayload(OLD_SECRET, body, NOW), body, [SECRET, OLD_SECRET], NOW)).toEqual({ ok: true });
  });

  it('accepts a header carrying several v1 entries when any one matches, and ignores other versions', () => {
    const own = signGenericPayload(OLD_SECRET, body, NOW).split(',v1=')[1]!;
    const header = ` t=${NOW} , v0=abc, v1=${'0'.repeat(64)}, v1=short, v1=${own.toUpperCase()}`;
    expect(verifyGenericSignature(header, body, [SECRET, OLD_SECRET], NOW)).toEqual({ ok: true });
  });

  it('tells a missing header from a malformed one', () => {
    expect(verifyGenericSignature(undefined, body, [SECRET], NOW)).toEqual({ ok: false, reason: 'MISSING' });
    expect(verifyGenericSignature('  ', body, [SECRET], NOW)).toEqual({ ok: false, reason: 'MISSING' });
    const v1 = signGenericPayload(SECRET, body, NOW).split(',')[1]!;
    for (const header of ['garbage', v1, `t=${NOW}`, `t=soon,${v1}`, `t=-5,${v1}`, `t=${NOW},t=${NOW},${v1}`, `t=${NOW},v1=`, `t=${NOW},v1=${'a'.repeat(63)}`, `t=${NOW},v1=${'z'.repeat(64)}`, `t=${NOW},${v1}${','.repeat(5000)}`]) {
      expect(verifyGenericSignature(header, body, [SECRET], NOW)).toEqual({ ok: false, reason: 'MALFORMED' });
    }
  });

  it('rejects a wrong secret, a changed body or a changed timestamp as a mismatch', () => {
    const header = signGenericPayload(SECRET, body, NOW);
    expect(verifyGenericSignature(header, body, ['whsec_other'], NOW)).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(verifyGenericSignature(header, Buffer.from(`${body.toString()} `), [SECRET], NOW)).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(verifyGenericSignature(header.replace(`t=${NOW}`, `t=${NOW + 1}`), body, [SECRET], NOW)).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(verifyGenericSignature(header, body, [], NOW)).toEqual({ ok: false, reason: 'MISMATCH' });
  });

  it('never trusts an empty secret', () => {
    expect(verifyGenericSignature(signGenericPayload('', body, NOW), body, [''], NOW)).toEqual({ ok: false, reason: 'MISMATCH' });
  });

  it('calls an authentic delivery outside the tolerance stale, in either direction', () => {
    const sign = (at: number) => signGenericPayload(SECRET, body, at);
    expect(verifyGenericSignature(sign(NOW - 300), body, [SECRET], NOW)).toEqual({ ok: true });
    expect(verifyGenericSignature(sign(NOW + 300), body, [SECRET], NOW)).toEqual({ ok: true });
    expect(verifyGenericSignature(sign(NOW - 301), body, [SECRET], NOW)).toEqual({ ok: false, reason: 'STALE' });
    expect(verifyGenericSignature(sign(NOW + 301), body, [SECRET], NOW)).toEqual({ ok: false, reason: 'STALE' });
    expect(verifyGenericSignature(sign(NOW - 3_600), body, [SECRET], NOW, 7_200)).toEqual({ ok: true });
  });

  it('reports a forgery with an old timestamp as a mismatch, not as stale', () => {
    const forged = signGenericPayload('whsec_guess', body, NOW - 3_600);
    expect(verifyGenericSignature(forged, body, [SECRET], NOW)).toEqual({ ok: false, reason: 'MISMATCH' });
  });
});

describe('Shopify webhook signatures', () => {
  const shopifyBody = Buffer.from(JSON.stringify(shopifyOrderPayload()));

  it('signs the raw body with HMAC-SHA256 in base64', () => {
    const expected = createHmac('sha256', SECRET).update(shopifyBody).digest('base64');
    expect(signShopifyPayload(SECRET, shopifyBody)).toBe(expected);
    expect(signShopifyPayload(SECRET, shopifyBody.toString())).toBe(expected);
  });

  it('accepts the signature under any configured secret', () => {
    expect(verifyShopifySignature(signShopifyPayload(SECRET, shopifyBody), shopifyBody, [SECRET])).toBe(true);
    expect(verifyShopifySignature(` ${signShopifyPayload(OLD_SECRET, shopifyBody)} `, shopifyBody, [SECRET, OLD_SECRET])).toBe(true);
  });

  it('rejects a missing, malformed, short or mismatched signature without throwing', () => {
    const good = signShopifyPayload(SECRET, shopifyBody);
    const headers = [undefined, '', 'not base64!', good.slice(0, -4), `${good}AAAA`, Buffer.alloc(16).toString('base64'), signShopifyPayload('other', shopifyBody)];
    for (const header of headers) expect(verifyShopifySignature(header, shopifyBody, [SECRET])).toBe(false);
    expect(verifyShopifySignature(good, Buffer.from(`${shopifyBody.toString()}\n`), [SECRET])).toBe(false);
    expect(verifyShopifySignature(good, shopifyBody, [])).toBe(false);
    expect(verifyShopifySignature(signShopifyPayload('', shopifyBody), shopifyBody, [''])).toBe(false);
  });
});
