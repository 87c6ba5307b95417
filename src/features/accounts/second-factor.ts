// A second factor: passkeys (WebAuthn, through @simplewebauthn/server, which checks the
// challenge, origin, relying party and signature for us) and authenticator apps (TOTP codes,
// through otplib), with ten recovery codes made when the first factor is added, shown once and
// kept only as argon2id hashes. The authenticator app's secret is kept encrypted (AES-256-GCM
// with a key derived from WITHME_SECRET), since it must be read back to check a code.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type AuthenticatorTransport, type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { audit } from '../../platform/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/auth.ts';
import type { Config } from '../../platform/config.ts';
import { inTransaction, type Conn, type Db } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/refusal.ts';
import * as repo from './repository/second-factor.ts';
import type { SecondFactorTable } from './tables.ts';

export const RECOVERY_CODE_COUNT = 10;

export interface SecondFactorSummary {
  id: string;
  kind: 'passkey' | 'totp';
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function hasSecondFactor(db: Conn, accountId: string): Promise<boolean> {
  return (await repo.countSecondFactors(db, accountId)) > 0;
}

export async function secondFactorsOf(db: Conn, accountId: string): Promise<{ factors: SecondFactorSummary[]; recoveryCodesLeft: number }> {
  const rows = await repo.secondFactorsOf(db, accountId);
  const codes = await repo.unusedRecoveryCodes(db, accountId);
  return {
    factors: rows.map((r) => ({ id: r.id, kind: r.kind, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at })),
    recoveryCodesLeft: codes.length,
  };
}

// --- the authenticator app's secret, encrypted at rest ----------------------------------------

function secretKey(config: Config): Buffer {
  return Buffer.from(hkdfSync('sha256', config.secret, 'withme', 'authenticator-app-secret', 32));
}

function sealSecret(config: Config, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(config), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

function openSecret(config: Config, stored: string): string | undefined {
  try {
    const [iv, tag, sealed] = stored.split('.').map((s) => Buffer.from(s, 'base64url'));
    if (!iv || !tag || !sealed) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', secretKey(config), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** What a code from an app looks like: six digits, spaces allowed. */
function cleanCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/** The time step a code from the app matched (one step either side: a phone's clock a little out still works), or null. */
async function stepOf(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = cleanCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = await verifyTotp({ secret, token, epochTolerance: 30, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

// --- recovery codes ----------------------------------------------------------------------------

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Ten new recovery codes for the account, replacing any it had; returned once, stored hashed. */
async function issueRecoveryCodes(trx: Conn, accountId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await repo.replaceRecoveryCodes(trx, accountId, await Promise.all(codes.map((c) => hashPassword(c))));
  return codes;
}

export async function regenerateRecoveryCodes(db: Db, accountId: string): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const codes = await issueRecoveryCodes(trx, accountId);
    await audit(trx, { actorId: accountId, action: 'second-factor.recovery-codes', subject: accountId });
    return codes;
  });
}

/** The first factor brings recovery codes; later ones keep those the account has. */
async function afterFactorAdded(trx: Conn, accountId: string, kind: string): Promise<string[] | null> {
  const first = (await repo.countSecondFactors(trx, accountId)) === 1;
  const codes = first || (await repo.unusedRecoveryCodes(trx, accountId)).length === 0 ? await issueRecoveryCodes(trx, accountId) : null;
  await audit(trx, { actorId: accountId, action: 'second-factor.add', subject: accountId, detail: { kind } });
  return codes;
}

// --- authenticator apps -------------------------------------------------------------------------

/** A new secret for an app to be set up with, and the `otpauth:` address that carries it. */
export function newAppSecret(config: Config, accountEmail: string, secret: string = generateSecret()): { secret: string; uri: string } {
  // The issuer is the address people sign in at, not the service's name: the app's list says nothing about it.
  return { secret, uri: generateURI({ issuer: new URL(config.publicUrl).hostname, label: accountEmail, secret }) };
}

export type AddResult = { added: false } | { added: true; recoveryCodes: string[] | null };

/** Keeps the app once a code from it is right; the recovery codes come back when it is the first factor. */
export async function addAuthenticatorApp(db: Db, config: Config, accountId: string, secret: string, code: string): Promise<AddResult> {
  const step = await stepOf(secret, code, null);
  if (step === null) return { added: false };
  return inTransaction(db, async (trx) => {
    const id = await repo.insertSecondFactor(trx, { account_id: accountId, kind: 'totp', label: 'Authenticator app', credential_id: null, public_key: null, transports: null, totp_secret: sealSecret(config, secret) });
    // The code that set it up is used: it does not sign in again.
    await repo.takeTotpStep(trx, id, step);
    return { added: true, recoveryCodes: await afterFactorAdded(trx, accountId, 'totp') };
  });
}

/**
 * Checks a code the account typed: one from any of its authenticator apps, or one of its
 * recovery codes, which is then used up. Returns which it was, or null.
 */
export async function verifyCode(db: Db, config: Config, accountId: string, code: string): Promise<'app' | 'recovery-code' | null> {
  const factors = await repo.secondFactorsOf(db, accountId);
  for (const factor of factors) {
    if (factor.kind !== 'totp' || !factor.totp_secret) continue;
    const secret = openSecret(config, factor.totp_secret);
    const step = secret ? await stepOf(secret, code, factor.totp_last_step) : null;
    // A code works once: the same code again (seen over a shoulder, replayed) is refused.
    if (step !== null && (await repo.takeTotpStep(db, factor.id, step))) return 'app';
  }
  const typed = code.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^[a-z0-9]{5}-?[a-z0-9]{5}$/.test(typed)) return null;
  const normalised = typed.includes('-') ? typed : `${typed.slice(0, 5)}-${typed.slice(5)}`;
  return inTransaction(db, async (trx) => {
    for (const stored of await repo.unusedRecoveryCodes(trx, accountId)) {
      if (!(await verifyPassword(stored.code_hash, normalised))) continue;
      if (!(await repo.useRecoveryCode(trx, stored.id))) return null;
      await audit(trx, { actorId: accountId, action: 'second-factor.recovery-code-used', subject: accountId });
      return 'recovery-code';
    }
    return null;
  });
}

// --- passkeys -------------------------------------------------------------------------------------

function relyingParty(config: Config): { rpID: string; origin: string } {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

export async function passkeyRegistrationOptions(db: Conn, config: Config, account: { id: string; email: string; displayName: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty(config);
  const existing = (await repo.secondFactorsOf(db, account.id)).filter((f) => f.kind === 'passkey' && f.credential_id);
  return generateRegistrationOptions({
    // The name a password manager shows beside the passkey: the address, never what the service is.
    rpName: rpID,
    rpID,
    userName: account.email,
    userDisplayName: account.displayName,
    userID: new TextEncoder().encode(account.id),
    attestationType: 'none',
    excludeCredentials: existing.map((f) => ({ id: f.credential_id as string })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

export async function addPasskey(db: Db, config: Config, accountId: string, response: RegistrationResponseJSON, expectedChallenge: string, label: string): Promise<AddResult> {
  const { rpID, origin } = relyingParty(config);
  let verification;
  try {
    verification = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false });
  } catch {
    return { added: false };
  }
  if (!verification.verified) return { added: false };
  const { credential } = verification.registrationInfo;
  return inTransaction(db, async (trx) => {
    if (await repo.passkeyByCredentialId(trx, credential.id)) return { added: false };
    await repo.insertSecondFactor(trx, {
      account_id: accountId,
      kind: 'passkey',
      label: label || 'Passkey',
      credential_id: credential.id,
      public_key: Buffer.from(credential.publicKey).toString('base64url'),
      sign_count: credential.counter,
      transports: credential.transports?.join(',') ?? null,
      totp_secret: null,
    });
    return { added: true, recoveryCodes: await afterFactorAdded(trx, accountId, 'passkey') };
  });
}

export async function passkeyAuthenticationOptions(db: Conn, config: Config, accountId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = (await repo.secondFactorsOf(db, accountId)).filter((f) => f.kind === 'passkey' && f.credential_id);
  return generateAuthenticationOptions({
    rpID: relyingParty(config).rpID,
    allowCredentials: passkeys.map((f) => ({ id: f.credential_id as string, transports: (f.transports?.split(',') ?? []) as AuthenticatorTransport[] })),
    userVerification: 'preferred',
  });
}

/**
 * Whether `stored` signed this answer: @simplewebauthn/server checks the challenge, origin,
 * relying party, signature and that the signature counter went up; with `userVerified` the
 * authenticator must also have checked the person (fingerprint, face or PIN). The new counter is
 * kept. Any failure, a malformed answer included, is false.
 */
async function passkeySigned(db: Db, config: Config, stored: SecondFactorTable, response: AuthenticationResponseJSON, expectedChallenge: string, userVerified: boolean): Promise<boolean> {
  if (!stored.public_key || !stored.credential_id) return false;
  const { rpID, origin } = relyingParty(config);
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: userVerified,
      credential: {
        id: stored.credential_id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
        counter: stored.sign_count,
        transports: stored.transports?.split(',') ?? [],
      },
    });
    if (!result.verified || (userVerified && !result.authenticationInfo.userVerified)) return false;
    await repo.markSecondFactorUsed(db, stored.id, result.authenticationInfo.newCounter);
    return true;
  } catch {
    return false;
  }
}

/** True when the browser's answer was signed by one of this account's own passkeys. */
export async function verifyPasskey(db: Db, config: Config, accountId: string, response: AuthenticationResponseJSON, expectedChallenge: string): Promise<boolean> {
  const stored = await repo.passkeyByCredentialId(db, response.id);
  // Another account's passkey proves nothing about this one.
  if (!stored || stored.account_id !== accountId) return false;
  return passkeySigned(db, config, stored, response, expectedChallenge, false);
}

// --- signing in with a passkey alone ------------------------------------------------------------

/**
 * Options for signing in with a passkey and nothing else: no account named, no allowCredentials,
 * so the browser offers the discoverable passkeys it holds for this address; user verification
 * (fingerprint, face or PIN) required.
 */
export async function passkeySignInOptions(config: Config): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: relyingParty(config).rpID, userVerification: 'required' });
}

/**
 * The account whose passkey signed this answer, or null. The passkey is found by its credential
 * id; the user handle the authenticator returns must be that account's; @simplewebauthn/server
 * checks the challenge, origin, relying party, signature, the user-verified flag and that the
 * signature counter went up (a cloned authenticator's would not), and the new counter is kept.
 */
export async function accountForPasskey(db: Db, config: Config, response: AuthenticationResponseJSON, expectedChallenge: string): Promise<string | null> {
  const stored = typeof response?.id === 'string' ? await repo.passkeyByCredentialId(db, response.id) : undefined;
  if (!stored) return null;
  const handle = response.response?.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== stored.account_id) return null;
  return (await passkeySigned(db, config, stored, response, expectedChallenge, true)) ? stored.account_id : null;
}

/**
 * Removes one of the account's own factors (another account's id removes nothing: false). With
 * `keepOne`, the last factor stays: refused with `last-factor`, checked after the delete in the
 * same transaction, with the account's row locked first so two removals at once (two tabs, each
 * removing a different factor) cannot each see the other's factor still there and leave none.
 * The last factor gone, its recovery codes go too: they recover nothing.
 */
export async function removeSecondFactor(db: Db, accountId: string, id: string, options: { keepOne?: boolean } = {}): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await repo.lockAccountForFactors(trx, accountId);
    const factor = (await repo.secondFactorsOf(trx, accountId)).find((f) => f.id === id);
    if (!factor || (await repo.deleteSecondFactor(trx, accountId, id)) === 0) return false;
    const left = await repo.countSecondFactors(trx, accountId);
    if (left === 0 && options.keepOne) throw new Refusal('last-factor');
    if (left === 0) await repo.replaceRecoveryCodes(trx, accountId, []);
    await audit(trx, { actorId: accountId, action: 'second-factor.remove', subject: accountId, detail: { kind: factor.kind, left } });
    return true;
  });
}
