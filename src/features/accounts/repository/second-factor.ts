// Queries on second factors (passkeys, authenticator apps) and recovery codes.
import { randomUUID } from 'node:crypto';
import { nowIso, type Conn } from '../../../platform/db/database.ts';
import type { SecondFactorTable } from '../tables.ts';

export async function countSecondFactors(db: Conn, accountId: string): Promise<number> {
  const row = await db.selectFrom('second_factors').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function secondFactorsOf(db: Conn, accountId: string): Promise<SecondFactorTable[]> {
  return db.selectFrom('second_factors').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
}

export async function passkeyByCredentialId(db: Conn, credentialId: string): Promise<SecondFactorTable | undefined> {
  return db.selectFrom('second_factors').selectAll().where('kind', '=', 'passkey').where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertSecondFactor(db: Conn, row: Omit<SecondFactorTable, 'id' | 'created_at' | 'last_used_at' | 'sign_count' | 'totp_last_step'> & { sign_count?: number }): Promise<string> {
  const id = randomUUID();
  await db.insertInto('second_factors').values({ sign_count: 0, ...row, id, totp_last_step: null, created_at: nowIso(), last_used_at: null }).execute();
  return id;
}

export async function markSecondFactorUsed(db: Conn, id: string, signCount?: number): Promise<void> {
  await db
    .updateTable('second_factors')
    .set(signCount === undefined ? { last_used_at: nowIso() } : { last_used_at: nowIso(), sign_count: signCount })
    .where('id', '=', id)
    .execute();
}

/**
 * Takes an app's code at this time step, once: false when a code at this step or a later one was
 * already taken (the same code again, or two requests racing with it).
 */
export async function takeTotpStep(db: Conn, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('second_factors')
    .set({ totp_last_step: step, last_used_at: nowIso() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes the account's row lock until the transaction ends (a write that changes nothing: PostgreSQL
 * holds the row lock, SQLite has one writer at a time), so changes to its factors happen one after
 * another and each sees what the other left.
 */
export async function lockAccountForFactors(db: Conn, accountId: string): Promise<void> {
  await db.updateTable('accounts').set((eb) => ({ id: eb.ref('id') })).where('id', '=', accountId).execute();
}

export async function deleteSecondFactor(db: Conn, accountId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('second_factors').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function replaceRecoveryCodes(db: Conn, accountId: string, hashes: readonly string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
  const now = nowIso();
  if (hashes.length) {
    await db.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ id: randomUUID(), account_id: accountId, code_hash, created_at: now, used_at: null }))).execute();
  }
}

export async function unusedRecoveryCodes(db: Conn, accountId: string): Promise<Array<{ id: string; code_hash: string }>> {
  return db.selectFrom('recovery_codes').select(['id', 'code_hash']).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}

/** Uses a code up; false when another request used it first. */
export async function useRecoveryCode(db: Conn, id: string): Promise<boolean> {
  const result = await db.updateTable('recovery_codes').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
