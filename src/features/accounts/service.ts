// Signing in, invitations and password resets. Answers never reveal whether an email address
// has an account: the same words, the same timing (argon2 runs either way), the same pages.
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../platform/config.ts';
import { audit } from '../../platform/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/auth.ts';
import { inTransaction, type Conn, type Db } from '../../platform/db/database.ts';
import { NotFoundError, type Actor, type Role } from '../../platform/policy.ts';
import { Refusal } from '../../platform/refusal.ts';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { discreetEnvelope } from './contact.ts';
import { accountForPasskey } from './second-factor.ts';
import { queueMail, recentMessages, recordDeliveryReceipt, withdrawPendingMail, type DeliveryReceiptResult } from '../../platform/mail/outbox.ts';
import { normaliseEmail } from './email.ts';
import * as repo from './repository.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_LIFETIME_MS = 60 * 60 * 1000;
/** Says nothing about what the service is, for messages anyone can make us send. */
export const DISCREET_ACCOUNT_SUBJECT = 'Your sign-in link';
/**
 * An invitation reaches someone before they could choose a discreet sender or subject, perhaps
 * in an inbox others read: it names no service, from a sender name that says nothing either.
 */
export const INVITATION_SUBJECT = 'Your invitation to create an account';
export const DISCREET_SENDER = 'Account team';

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function signIn(db: Db, email: string, password: string): Promise<string | undefined> {
  const account = await repo.findAccountByEmail(db, email);
  const ok = await verifyPassword(account?.password_hash ?? null, password);
  if (account && ok) {
    await audit(db, { actorId: account.id, action: 'sign-in', subject: account.id });
    return account.id;
  }
  // Which part was wrong is not recorded for an unknown address: it may be a mistyped real one.
  await audit(db, { actorId: null, action: 'sign-in-failed', subject: account ? account.id : null });
  return undefined;
}

/** `own-address`: a lead's own address has an account already, and its roles are for another lead to change. */
export type InviteRefusal = 'own-address';

/**
 * A lead invites someone, with roles. An address that has an account (suspended or not) gets
 * no invitation, and the lead the same answer; their own address is refused outright, so no
 * invitation ever carries a role to its sender.
 */
/**
 * Signs in with a passkey alone: the active account whose passkey (with the person's fingerprint,
 * face or PIN) signed the challenge, audited as a sign-in; anything else is the same failure,
 * whatever was wrong (unknown passkey, bad signature, suspended account).
 */
export async function signInWithPasskey(db: Db, config: Config, response: AuthenticationResponseJSON, challenge: string): Promise<string | undefined> {
  const accountId = await accountForPasskey(db, config, response, challenge);
  const account = accountId ? await repo.getActiveAccount(db, accountId) : undefined;
  if (account) {
    await audit(db, { actorId: account.id, action: 'sign-in', subject: account.id, detail: { with: 'passkey' } });
    return account.id;
  }
  await audit(db, { actorId: null, action: 'sign-in-failed', subject: accountId, detail: { with: 'passkey' } });
  return undefined;
}

export async function invite(
  db: Db,
  config: Config,
  input: { email: string; displayName: string; roles: Role[]; invitedBy: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inviter = await repo.getActiveAccount(trx, input.invitedBy);
    if (!inviter || !(await repo.rolesOf(trx, inviter.id)).includes('lead')) throw new NotFoundError('Not found');
    if (normaliseEmail(input.email) === inviter.email) throw new Refusal<InviteRefusal>('own-address');
    const existing = await repo.findAnyAccountByEmail(trx, input.email);
    if (existing) {
      // The lead sees the same answer; the person is told how to get in with their account,
      // discreetly and only if they allow email (a suspended account is sent nothing).
      const envelope = await discreetEnvelope(trx, existing.id);
      if (envelope) {
        await queueMail(trx, {
          to: envelope.to,
          subject: envelope.subject ?? DISCREET_ACCOUNT_SUBJECT,
          text: `You already have an account, so there is nothing to accept.\n\nSign in at ${config.publicUrl}/sign-in\nIf you have forgotten your password, you can choose a new one at ${config.publicUrl}/forgot-password\n`,
          senderName: envelope.senderName,
          purpose: 'invitation-existing-account',
        });
      }
      await audit(trx, { actorId: input.invitedBy, action: 'invitation-existing-account', subject: existing.id });
      return;
    }
    const { token, hash } = newToken();
    const id = await repo.insertInvitation(trx, {
      email: input.email,
      displayName: input.displayName,
      roles: input.roles,
      tokenHash: hash,
      invitedBy: input.invitedBy,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS).toISOString(),
    });
    await queueMail(trx, {
      to: normaliseEmail(input.email),
      subject: INVITATION_SUBJECT,
      text: `You have been invited to create an account.\n\nTo accept, choose your password here within 7 days:\n${config.publicUrl}/invitations/${token}\n\nThe link works once. If you were not expecting this, you can ignore this email.\n`,
      senderName: DISCREET_SENDER,
      purpose: 'invitation',
    });
    await audit(trx, { actorId: input.invitedBy, action: 'invitation-sent', subject: id, detail: { roles: input.roles.join(',') } });
  });
}

export async function findInvitation(db: Db, token: string) {
  return repo.findOpenInvitation(db, hashToken(token), new Date().toISOString());
}

/** Accepts an invitation, creating the account; undefined when the link is used or expired. */
export async function acceptInvitation(db: Db, token: string, password: string): Promise<string | undefined> {
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const invitation = await repo.findOpenInvitation(trx, hashToken(token), new Date().toISOString());
    if (!invitation) return undefined;
    if (!(await repo.markInvitationAccepted(trx, invitation.id))) return undefined;
    // An address belongs to one account for good: a suspended one is not made again.
    if (await repo.findAnyAccountByEmail(trx, invitation.email)) return undefined;
    const roles = invitation.roles.split(',').filter(Boolean) as Role[];
    const accountId = await repo.createAccount(trx, {
      email: invitation.email,
      displayName: invitation.display_name,
      passwordHash,
      roles,
      grantedBy: invitation.invited_by,
    });
    await audit(trx, { actorId: accountId, action: 'invitation-accepted', subject: invitation.id, detail: { roles: roles.join(',') } });
    return accountId;
  });
}

export async function requestPasswordReset(db: Db, config: Config, email: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const account = await repo.findAccountByEmail(trx, email);
    if (!account) return;
    // Anyone can ask for a reset for any address, so the message must not out the person: their
    // own discreet subject and sender, nothing naming the service, and only if they allow email.
    const envelope = await discreetEnvelope(trx, account.id);
    if (!envelope) return;
    const { token, hash } = newToken();
    await repo.insertPasswordReset(trx, { accountId: account.id, tokenHash: hash, expiresAt: new Date(Date.now() + RESET_LIFETIME_MS).toISOString() });
    await queueMail(trx, {
      to: envelope.to,
      subject: envelope.subject ?? DISCREET_ACCOUNT_SUBJECT,
      text: `To choose a new password, use this link within 1 hour:\n${config.publicUrl}/reset-password/${token}\n\nThe link works once. If you did not ask for this, you can ignore this message: nothing has changed.\n`,
      senderName: envelope.senderName,
      purpose: 'password-reset',
    });
    await audit(trx, { actorId: null, action: 'password-reset-requested', subject: account.id });
  });
}

/** An open reset link of an active account: the address it is for (the password policy reads it). */
export async function findPasswordReset(db: Db, token: string): Promise<{ email: string } | undefined> {
  const reset = await repo.findOpenPasswordReset(db, hashToken(token), new Date().toISOString());
  if (!reset) return undefined;
  const account = await repo.getActiveAccount(db, reset.account_id);
  return account && { email: account.email };
}

export async function resetPassword(db: Db, token: string, password: string): Promise<string | undefined> {
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const reset = await repo.findOpenPasswordReset(trx, hashToken(token), new Date().toISOString());
    if (!reset || !(await repo.getActiveAccount(trx, reset.account_id))) return undefined;
    if (!(await repo.markPasswordResetUsed(trx, reset.id))) return undefined;
    await repo.setPassword(trx, reset.account_id, passwordHash);
    await audit(trx, { actorId: reset.account_id, action: 'password-reset', subject: reset.account_id });
    return reset.account_id;
  });
}

/**
 * Roles that read records or disclosures of risk: the practitioner (their caseload's records)
 * and the duty rota (every disclosure). Whoever administers accounts never gives one to
 * themself: another service lead does it, and it is recorded as theirs (separation of duties).
 */
export const RECORD_ROLES: readonly Role[] = ['practitioner', 'duty'];

/**
 * `own-lead-role`: a lead cannot take away their own lead role; `own-record-role`: nor give
 * themself a record role (another lead can); `own-record-role-sole-lead`: the same, and there is
 * no other lead who could.
 */
export type RolesRefusal = 'own-lead-role' | 'own-record-role' | 'own-record-role-sole-lead';

/** Whether a service lead other than this account can sign in. */
async function anotherLeadExists(db: Conn, leadId: string): Promise<boolean> {
  return (await repo.accountsWithRoles(db, ['lead'])).some((a) => a.id !== leadId);
}

/**
 * A lead sets an account's roles. NotFoundError when there is no such (active) account, or the
 * one changing them is not a lead. Nobody changes their own roles but to give up some: a lead
 * cannot take away their own lead role, nor give themself a role that reads records or
 * disclosures (`RECORD_ROLES`). Another lead does that, and the audit and the role's
 * `granted_by` name them.
 */
export async function changeRoles(db: Db, accountId: string, roles: Role[], changedBy: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await repo.rolesOf(trx, changedBy)).includes('lead')) throw new NotFoundError('Not found');
    const account = await repo.getAccount(trx, accountId);
    if (!account) throw new NotFoundError('Not found');
    if (accountId === changedBy) {
      if (!roles.includes('lead')) throw new Refusal<RolesRefusal>('own-lead-role');
      if (roles.some((r) => RECORD_ROLES.includes(r) && !account.roles.includes(r))) {
        throw new Refusal<RolesRefusal>((await anotherLeadExists(trx, changedBy)) ? 'own-record-role' : 'own-record-role-sole-lead');
      }
    }
    const { added, removed } = await repo.setRoles(trx, accountId, roles, changedBy);
    if (added.length || removed.length) {
      // A record role given to a lead is the second person of the two-person rule acting.
      const secondLead = account.roles.includes('lead') && added.some((r) => RECORD_ROLES.includes(r));
      await audit(trx, { actorId: changedBy, action: 'roles-changed', subject: accountId, detail: { added: added.join(','), removed: removed.join(','), ...(secondLead ? { grantedToLeadBy: 'another lead' } : {}) } });
    }
  });
}

/** For the lead's accounts page: every active account with its roles, the suspended ones, and the latest invitations. */
export async function accountsOverview(db: Db) {
  const [accounts, suspended, invitations] = await Promise.all([repo.listAccounts(db), repo.listSuspendedAccounts(db), repo.listInvitations(db)]);
  return { accounts, suspended: await withSuspenderNames(db, suspended), invitations };
}

/**
 * The accounts, active and suspended, whose name or email address has every word searched for,
 * best match first (the database's own full-text search; never a previous name, which is held only
 * as keyed hashes and is not in the index).
 */
export async function searchAccounts(db: Db, text: string) {
  const ids = await repo.searchAccountIds(db, text);
  if (!ids.length) return { accounts: [], suspended: [] };
  const rank = new Map(ids.map((id, i) => [id, i]));
  const byRank = <T extends { id: string }>(list: T[]) => list.filter((a) => rank.has(a.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const [accounts, suspended] = await Promise.all([repo.listAccounts(db), repo.listSuspendedAccounts(db)]);
  return { accounts: byRank(accounts), suspended: await withSuspenderNames(db, byRank(suspended)) };
}

async function withSuspenderNames(db: Conn, accounts: repo.SuspendedAccount[]) {
  const names = await repo.displayNames(db, accounts.flatMap((a) => (a.suspension ? [a.suspension.suspendedBy] : [])));
  return accounts.map((a) => ({ ...a, suspension: a.suspension && { ...a.suspension, suspendedByName: names.get(a.suspension.suspendedBy) ?? '' } }));
}

export type AccountForLead =
  | { state: 'active'; account: repo.Account; self: boolean }
  | { state: 'suspended'; account: Awaited<ReturnType<typeof withSuspenderNames>>[number]; self: boolean };

/** An account for the lead's page, active or suspended; NotFoundError when there is none. */
export async function accountForLead(db: Db, id: string, leadId: string): Promise<AccountForLead> {
  const active = await repo.getAccount(db, id);
  if (active) return { state: 'active', account: active, self: id === leadId };
  const suspended = await repo.getSuspendedAccount(db, id);
  if (!suspended) throw new NotFoundError('Not found');
  const [named] = await withSuspenderNames(db, [suspended]);
  return { state: 'suspended', account: named!, self: id === leadId };
}

/** `own-account`: a lead cannot suspend themself (another lead can). */
export type SuspensionRefusal = 'own-account';

/**
 * Suspends an account, with a reason, at once: it cannot sign in, each of its sessions is
 * signed out at its next request, nothing is readable to it, no mail goes to it (what was
 * waiting is withdrawn) and its open reset links stop working. NotFoundError when there is no
 * active account with that id. The reason is kept with the suspension (the person reads it in
 * their download); the audit holds ids only.
 */
export async function suspendAccount(db: Db, input: { accountId: string; reason: string; by: string }): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (input.accountId === input.by) throw new Refusal<SuspensionRefusal>('own-account');
    const account = await repo.getAccount(trx, input.accountId);
    if (!account) throw new NotFoundError('Not found');
    const suspension = await repo.suspendAccount(trx, input);
    if (!suspension) throw new NotFoundError('Not found');
    await repo.endOpenPasswordResets(trx, input.accountId);
    const withdrawn = await withdrawPendingMail(trx, account.email);
    await audit(trx, { actorId: input.by, action: 'account-suspended', subject: input.accountId, detail: { suspension, withdrawnMessages: withdrawn } });
  });
}

/** Restores a suspended account: it may sign in again (its old sessions stay ended). NotFoundError when it is not suspended. */
export async function restoreAccount(db: Db, accountId: string, by: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await repo.restoreAccount(trx, accountId, by))) throw new NotFoundError('Not found');
    await audit(trx, { actorId: by, action: 'account-restored', subject: accountId });
  });
}

/**
 * A link that signs in as its owner (`/invitations/…`, `/reset-password/…`), or a token on its
 * own (32 random bytes, base64url): a mail server's reply could quote either back.
 */
const TOKEN_IN_TEXT = /(\/(?:invitations|reset-password)\/)[A-Za-z0-9_-]+|[A-Za-z0-9_-]{43,}/g;

/**
 * The outbox as the lead sees it: who each message is for, what it is for, when it was queued
 * and sent, and whether it failed (with the mail server's reply, any link or token in it
 * removed). Never a message's words or subject: invitation and reset links belong to the person
 * they were sent to, and a subject may be the discreet one the person chose.
 */
export async function outboxForLead(db: Db) {
  const messages = await recentMessages(db, 100);
  return messages.map((m) => ({ ...m, last_error: m.last_error && m.last_error.replace(TOKEN_IN_TEXT, (_all, path: string | undefined) => (path ? `${path}[link removed]` : '[removed]')) }));
}

/**
 * A delivery receipt from GOV.UK Notify (its callback): a message it accepted arrived, failed for
 * good (reported in the lead's outbox) or is to be sent again. `unknown` when it names no message
 * withme sent.
 */
export async function notifyDeliveryReceipt(db: Db, receipt: { id: string; reference?: string | null; status: string }): Promise<DeliveryReceiptResult> {
  return recordDeliveryReceipt(db, { providerId: receipt.id, reference: receipt.reference ?? null, status: receipt.status });
}

/** Whether an account holds any role: one with none reaches only its own data and help. */
export async function hasAnyRole(db: Conn, accountId: string): Promise<boolean> {
  return (await repo.rolesOf(db, accountId)).length > 0;
}

/**
 * For the demo and tests: an account with roles, audited. With a null password it cannot sign in
 * until a reset link gives it one.
 */
export async function createAccountWithPassword(
  db: Db,
  input: { email: string; displayName: string; password: string | null; roles: Role[]; actorId?: string | null },
): Promise<string> {
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const id = await repo.createAccount(trx, { email: input.email, displayName: input.displayName, passwordHash, roles: input.roles, grantedBy: input.actorId ?? null });
    await audit(trx, { actorId: input.actorId ?? null, action: 'account-created', subject: id, detail: { roles: input.roles.join(',') } });
    return id;
  });
}

/**
 * Who an account is, with its roles, for policies and services; null when it is gone or
 * suspended, or its password changed or it was suspended after `signedInAt` (a reset signs out
 * every other session; a suspension every session, even once the account is restored).
 */
export async function loadActor(db: Conn, accountId: string, signedInAt = Number.POSITIVE_INFINITY): Promise<Actor | null> {
  const account = await repo.getActiveAccount(db, accountId);
  if (!account) return null;
  if (account.password_changed_at && Date.parse(account.password_changed_at) > signedInAt) return null;
  if (account.sessions_ended_at && Date.parse(account.sessions_ended_at) > signedInAt) return null;
  return { id: account.id, email: account.email, displayName: account.display_name, roles: new Set(await repo.rolesOf(db, accountId)) };
}
