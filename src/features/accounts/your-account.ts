// "Your account": the account's second factors and its signed-in sessions, and ending them;
// removing a factor and making new recovery codes, each only once the account has shown it is
// itself again (its password, a code from its app, or a recovery code).
import { audit } from '../../platform/audit.ts';
import { SECOND_FACTOR_ROLES, verifyPassword } from '../../platform/auth.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../platform/policy.ts';
import { Refusal } from '../../platform/refusal.ts';
import { accountSessions, endAccountSessions, type AccountSession } from '../../platform/sessions.ts';
import type { SharedStore } from '../../platform/shared-store.ts';
import { passwordHashOf } from './repository.ts';
import { regenerateRecoveryCodes, removeSecondFactor, secondFactorsOf, verifyCode, type SecondFactorSummary } from './second-factor.ts';

export interface YourAccount {
  factors: SecondFactorSummary[];
  recoveryCodesLeft: number;
  sessions: Array<AccountSession & { current: boolean }>;
}

export async function yourAccount(db: Db, store: SharedStore, accountId: string, currentSessionId: string): Promise<YourAccount> {
  const [{ factors, recoveryCodesLeft }, sessions] = await Promise.all([secondFactorsOf(db, accountId), accountSessions(store, accountId)]);
  return { factors, recoveryCodesLeft, sessions: sessions.map((s) => ({ ...s, current: s.id === currentSessionId })) };
}

/**
 * Ends one of the account's sessions (by the id its page showed), or every one but this; never
 * another account's, whatever id is sent. Returns how many ended.
 */
export async function endSessions(db: Db, store: SharedStore, accountId: string, currentSessionId: string, which: { id: string } | 'all-others'): Promise<number> {
  const sessions = await accountSessions(store, accountId);
  const ids = new Set(sessions.filter((s) => s.id !== currentSessionId && (which === 'all-others' || s.id === which.id)).map((s) => s.id));
  const ended = ids.size ? await endAccountSessions(store, accountId, ids) : 0;
  if (ended) await audit(db, { actorId: accountId, action: 'sessions.end', subject: accountId, detail: { count: ended } });
  return ended;
}

// --- removing a factor, new recovery codes ------------------------------------------------------

export type FactorRefusal = 'no-proof' | 'wrong-proof' | 'last-factor' | 'no-factor';

/** What the account gives to show it is itself again: its password, or a code (app or recovery). */
export interface Proof {
  password: string;
  code: string;
}

/** What the page asking for proof may offer: a password field, a code field. */
export interface ProofChoices {
  hasPassword: boolean;
  hasApp: boolean;
  recoveryCodesLeft: number;
}

/**
 * With WITHME_REQUIRE_STAFF_MFA, a staff account keeps at least one factor: it must add another
 * before it removes its last (even one that signs on through its organisation: it may sign in
 * with its password tomorrow).
 */
export function mustKeepAFactor(config: Config, actor: Actor): boolean {
  return config.requireStaffMfa && SECOND_FACTOR_ROLES.some((role) => actor.roles.has(role));
}

export async function proofChoices(db: Db, accountId: string): Promise<ProofChoices> {
  const [{ factors, recoveryCodesLeft }, hash] = await Promise.all([secondFactorsOf(db, accountId), passwordHashOf(db, accountId)]);
  return { hasPassword: hash !== null, hasApp: factors.some((f) => f.kind === 'totp'), recoveryCodesLeft };
}

/** Refuses unless the proof is right; a wrong one is audited (ids only). A recovery code is used up. */
async function proveItIsYou(db: Db, config: Config, accountId: string, proof: Proof): Promise<void> {
  if (!proof.password && !proof.code) throw new Refusal<FactorRefusal>('no-proof');
  if (proof.password && (await verifyPassword(await passwordHashOf(db, accountId), proof.password))) return;
  if (proof.code && (await verifyCode(db, config, accountId, proof.code))) return;
  await audit(db, { actorId: accountId, action: 'second-factor.reauthentication-failed', subject: accountId });
  throw new Refusal<FactorRefusal>('wrong-proof');
}

/** One of the account's own factors, for the page that asks before removing it (else not found). */
export async function factorToRemove(db: Db, config: Config, actor: Actor, factorId: string): Promise<{ factor: SecondFactorSummary; isLast: boolean; mustKeepOne: boolean }> {
  const { factors } = await secondFactorsOf(db, actor.id);
  const factor = factors.find((f) => f.id === factorId);
  if (!factor) throw new NotFoundError();
  return { factor, isLast: factors.length === 1, mustKeepOne: mustKeepAFactor(config, actor) };
}

/**
 * Removes one of the account's own factors once it has shown it is itself. Another account's
 * factor is not found (before any proof is looked at); a staff account under
 * WITHME_REQUIRE_STAFF_MFA is refused its last (`last-factor`), before the proof is used up too.
 */
export async function removeFactor(db: Db, config: Config, actor: Actor, factorId: string, proof: Proof): Promise<void> {
  const { isLast, mustKeepOne } = await factorToRemove(db, config, actor, factorId);
  if (isLast && mustKeepOne) throw new Refusal<FactorRefusal>('last-factor');
  await proveItIsYou(db, config, actor.id, proof);
  if (!(await removeSecondFactor(db, actor.id, factorId, { keepOne: mustKeepOne }))) throw new NotFoundError();
}

/** Ten new recovery codes in place of the old (all of which stop working), once it has shown it is itself. */
export async function newRecoveryCodes(db: Db, config: Config, actor: Actor, proof: Proof): Promise<string[]> {
  const { factors } = await secondFactorsOf(db, actor.id);
  if (!factors.length) throw new Refusal<FactorRefusal>('no-factor');
  await proveItIsYou(db, config, actor.id, proof);
  return regenerateRecoveryCodes(db, actor.id);
}
