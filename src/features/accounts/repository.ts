// Accounts, roles, invitations and password resets. Tokens are stored only as SHA-256 hashes.
import { randomUUID } from 'node:crypto';
import { searchIndex } from '../../platform/db/search.ts';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import type { Role } from '../../platform/policy.ts';
import { normaliseEmail } from './email.ts';
import type { ContactPreferencesTable } from './tables.ts';


export interface Account {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  createdAt: string;
  hasPassword: boolean;
}

/** The account with this address, suspended or not (an address belongs to one account for good). */
export async function findAnyAccountByEmail(db: Conn, email: string) {
  return db.selectFrom('accounts').select(['id', 'email', 'disabled_at']).where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** The active (not suspended) account with this address. */
export async function findAccountByEmail(db: Conn, email: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function createAccount(
  db: Conn,
  input: { email: string; displayName: string; passwordHash: string | null; roles: Role[]; grantedBy?: string | null },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('accounts')
    .values({ id, email: normaliseEmail(input.email), display_name: input.displayName, password_hash: input.passwordHash, password_changed_at: null, created_at: now, disabled_at: null, sessions_ended_at: null })
    .execute();
  if (input.roles.length) {
    await db
      .insertInto('account_roles')
      .values(input.roles.map((role) => ({ account_id: id, role, granted_at: now, granted_by: input.grantedBy ?? null })))
      .execute();
  }
  return id;
}

export async function setPassword(db: Conn, accountId: string, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash, password_changed_at: nowIso() }).where('id', '=', accountId).execute();
}

export async function listAccounts(db: Conn): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').selectAll().where('disabled_at', 'is', null).orderBy('display_name').execute();
  const roles = await db.selectFrom('account_roles').select(['account_id', 'role']).execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: roles.filter((r) => r.account_id === row.id).map((r) => r.role),
    createdAt: row.created_at,
    hasPassword: row.password_hash !== null,
  }));
}

/** Ids of the accounts (active or suspended) whose name or email has every word searched for, best first. */
export async function searchAccountIds(db: Conn, text: string): Promise<string[]> {
  return (await searchIndex(db, 'accounts_directory_search', text, { limit: 100 })).map((h) => h.id);
}

/** The account's password hash, or null when it has none (NHS login) or is not active. */
export async function passwordHashOf(db: Conn, id: string): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('password_hash').where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** An account that is not disabled: who it is, without its roles. */
export function getActiveAccount(db: Conn, id: string) {
  return db.selectFrom('accounts').select(['id', 'email', 'display_name', 'password_changed_at', 'sessions_ended_at', 'created_at']).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
}

export async function rolesOf(db: Conn, accountId: string): Promise<Role[]> {
  return (await db.selectFrom('account_roles').select('role').where('account_id', '=', accountId).execute()).map((r) => r.role);
}

export async function getAccount(db: Conn, id: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  const roles = await db.selectFrom('account_roles').select('role').where('account_id', '=', id).execute();
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: roles.map((r) => r.role),
    createdAt: row.created_at,
    hasPassword: row.password_hash !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Suspension

export interface Suspension {
  id: string;
  reason: string;
  suspendedBy: string;
  suspendedAt: string;
}

export interface SuspendedAccount {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  suspension: Suspension | undefined;
}

/** Suspended accounts, by name, each with its open suspension. */
export async function listSuspendedAccounts(db: Conn): Promise<SuspendedAccount[]> {
  const rows = await db.selectFrom('accounts').select(['id', 'email', 'display_name']).where('disabled_at', 'is not', null).orderBy('display_name').orderBy('id').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [roles, open] = await Promise.all([
    db.selectFrom('account_roles').select(['account_id', 'role']).where('account_id', 'in', ids).execute(),
    db.selectFrom('account_suspensions').selectAll().where('account_id', 'in', ids).where('restored_at', 'is', null).execute(),
  ]);
  return rows.map((row) => {
    const s = open.find((o) => o.account_id === row.id);
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      roles: roles.filter((r) => r.account_id === row.id).map((r) => r.role),
      suspension: s && { id: s.id, reason: s.reason, suspendedBy: s.suspended_by, suspendedAt: s.suspended_at },
    };
  });
}

/** A suspended account and its open suspension; undefined when it is not suspended. */
export async function getSuspendedAccount(db: Conn, id: string): Promise<SuspendedAccount | undefined> {
  const row = await db.selectFrom('accounts').select('id').where('id', '=', id).where('disabled_at', 'is not', null).executeTakeFirst();
  if (!row) return undefined;
  return (await listSuspendedAccounts(db)).find((a) => a.id === id);
}

/** Suspends an active account and ends its sessions: the suspension's id, or undefined when it was not active. */
export async function suspendAccount(db: Conn, input: { accountId: string; reason: string; by: string }): Promise<string | undefined> {
  const now = nowIso();
  const result = await db.updateTable('accounts').set({ disabled_at: now, sessions_ended_at: now }).where('id', '=', input.accountId).where('disabled_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const id = randomUUID();
  await db.insertInto('account_suspensions').values({ id, account_id: input.accountId, reason: input.reason, suspended_by: input.by, suspended_at: now, restored_by: null, restored_at: null }).execute();
  return id;
}

/** Restores a suspended account (its old sessions stay ended); false when it was not suspended. */
export async function restoreAccount(db: Conn, accountId: string, by: string): Promise<boolean> {
  const now = nowIso();
  const result = await db.updateTable('accounts').set({ disabled_at: null }).where('id', '=', accountId).where('disabled_at', 'is not', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.updateTable('account_suspensions').set({ restored_by: by, restored_at: now }).where('account_id', '=', accountId).where('restored_at', 'is', null).execute();
  return true;
}

/** Uses up every open password reset of an account: none of its links works any more. */
export async function endOpenPasswordResets(db: Conn, accountId: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: nowIso() }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}

export async function setRoles(db: Conn, accountId: string, roles: Role[], grantedBy: string): Promise<{ added: Role[]; removed: Role[] }> {
  const current = (await db.selectFrom('account_roles').select('role').where('account_id', '=', accountId).execute()).map((r) => r.role);
  const added = roles.filter((r) => !current.includes(r));
  const removed = current.filter((r) => !roles.includes(r));
  if (removed.length) await db.deleteFrom('account_roles').where('account_id', '=', accountId).where('role', 'in', removed).execute();
  if (added.length) {
    const now = nowIso();
    await db.insertInto('account_roles').values(added.map((role) => ({ account_id: accountId, role, granted_at: now, granted_by: grantedBy }))).execute();
  }
  return { added, removed };
}

export async function insertInvitation(
  db: Conn,
  input: { email: string; displayName: string; roles: Role[]; tokenHash: string; invitedBy: string; expiresAt: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('invitations')
    .values({
      id,
      email: normaliseEmail(input.email),
      display_name: input.displayName,
      roles: input.roles.join(','),
      token_hash: input.tokenHash,
      invited_by: input.invitedBy,
      created_at: nowIso(),
      expires_at: input.expiresAt,
      accepted_at: null,
    })
    .execute();
  return id;
}

export async function findOpenInvitation(db: Conn, tokenHash: string, now: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the invitation used; false when another request used it first. */
export async function markInvitationAccepted(db: Conn, id: string): Promise<boolean> {
  const result = await db.updateTable('invitations').set({ accepted_at: nowIso() }).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listInvitations(db: Conn) {
  return db.selectFrom('invitations').select(['id', 'email', 'display_name', 'roles', 'created_at', 'expires_at', 'accepted_at']).orderBy('created_at', 'desc').limit(100).execute();
}

export async function insertPasswordReset(db: Conn, input: { accountId: string; tokenHash: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ id: randomUUID(), account_id: input.accountId, token_hash: input.tokenHash, created_at: nowIso(), expires_at: input.expiresAt, used_at: null })
    .execute();
}

export async function findOpenPasswordReset(db: Conn, tokenHash: string, now: string) {
  return db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function markPasswordResetUsed(db: Conn, id: string): Promise<boolean> {
  const result = await db.updateTable('password_resets').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Contact safety

export function getContactPreferences(db: Conn, accountId: string) {
  return db.selectFrom('contact_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function saveContactPreferences(db: Conn, row: Omit<ContactPreferencesTable, 'updated_at' | 'notice_frequency'> & { notice_frequency: string }): Promise<void> {
  const values = { ...row, updated_at: nowIso() };
  await db
    .insertInto('contact_preferences')
    .values(values)
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...values }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// For other features (through index.ts): who an account is, by id, role or address

/** Display names by id, disabled accounts included (a name in an old record stays readable). */
export async function displayNames(db: Conn, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Active accounts holding any of these roles, each once, by name. */
export async function accountsWithRoles(db: Conn, roles: readonly Role[]): Promise<Array<{ id: string; displayName: string; email: string }>> {
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'email'])
    .where('disabled_at', 'is', null)
    .where('id', 'in', (eb) => eb.selectFrom('account_roles').select('account_id').where('role', 'in', [...roles]))
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email }));
}

/** An active account holding `role`, found by its id or its email address. */
export async function accountWithRole(db: Conn, by: { id: string } | { email: string }, role: Role): Promise<{ id: string; email: string; displayName: string; createdAt: string } | undefined> {
  let q = db
    .selectFrom('accounts')
    .select(['id', 'email', 'display_name', 'created_at'])
    .where('disabled_at', 'is', null)
    .where('id', 'in', (eb) => eb.selectFrom('account_roles').select('account_id').where('role', '=', role));
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('email', '=', normaliseEmail(by.email));
  const row = await q.executeTakeFirst();
  return row && { id: row.id, email: row.email, displayName: row.display_name, createdAt: row.created_at };
}

export async function countAccounts(db: Conn): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// For feedback

/**
 * The names of every account holding any of these roles, disabled accounts too: feedback's
 * de-identification removes a former colleague's name as well as a current one's.
 */
export async function roleHolderNames(db: Conn, roles: readonly Role[]): Promise<string[]> {
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('accounts')
    .select('display_name')
    .where('id', 'in', (eb) => eb.selectFrom('account_roles').select('account_id').where('role', 'in', [...roles]))
    .distinct()
    .execute();
  return rows.map((r) => r.display_name);
}

// For record

/** Display names by id, of the accounts among these that are not disabled (a caseload lists only those). */
export async function activeDisplayNames(db: Conn, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', unique).where('disabled_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// For coproduction

/** Names and addresses by id, disabled accounts included: the involvement export lists everyone who gave their time. */
export async function namesAndEmails(db: Conn, ids: readonly string[]): Promise<Map<string, { displayName: string; email: string }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name', 'email']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { displayName: r.display_name, email: r.email }]));
}

/** The account an NHS login identity is linked to, if any. */
export async function findNhsLoginLink(db: Conn, subject: string) {
  return db.selectFrom('nhs_login_links').selectAll().where('subject', '=', subject).executeTakeFirst();
}

export async function nhsLoginLinkOf(db: Conn, accountId: string) {
  return db.selectFrom('nhs_login_links').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function insertNhsLoginLink(db: Conn, row: { accountId: string; subject: string; nhsNumberEncrypted: string | null; identityLevel: string | null }): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('nhs_login_links')
    .values({ account_id: row.accountId, subject: row.subject, nhs_number_encrypted: row.nhsNumberEncrypted, identity_level: row.identityLevel, linked_at: now, last_signed_in_at: now })
    .execute();
}

/** A new sign-in: what NHS login said this time (a number it gave once is kept when it gives none). */
export async function updateNhsLoginLink(db: Conn, subject: string, row: { nhsNumberEncrypted: string | null; identityLevel: string | null }): Promise<void> {
  await db
    .updateTable('nhs_login_links')
    .set({ identity_level: row.identityLevel, last_signed_in_at: nowIso(), ...(row.nhsNumberEncrypted ? { nhs_number_encrypted: row.nhsNumberEncrypted } : {}) })
    .where('subject', '=', subject)
    .execute();
}
