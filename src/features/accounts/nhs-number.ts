// The NHS number NHS login gives, kept encrypted at rest: AES-256-GCM under a key derived from
// WITHME_SECRET with HKDF (so a copy of the database alone does not give the numbers away).
// Changing WITHME_SECRET makes stored numbers unreadable; the next NHS login sign-in stores
// each person's number again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const keys = new Map<string, Buffer>();

function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'withme', 'nhs-number v1', 32));
    keys.set(secret, key);
  }
  return key;
}

/** A valid NHS number: 10 digits whose last is the modulus 11 check digit of the others. */
export function isNhsNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{10}$/.test(value)) return false;
  const sum = [...value.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(value[9]);
}

export function encryptNhsNumber(secret: string, nhsNumber: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  const body = Buffer.concat([cipher.update(nhsNumber, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The number, or undefined when it cannot be read (another secret, or tampered with). */
export function decryptNhsNumber(secret: string, stored: string): string | undefined {
  const [version, iv, body, tag] = stored.split('.');
  if (version !== 'v1' || !iv || !body || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
