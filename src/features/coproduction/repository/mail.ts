// Each member's choice of updates by mail, the digests claimed, and what happened since the last.
import type { Conn } from '../../../platform/db/database.ts';
import type { DigestTable, MailPreferenceTable } from '../tables.ts';

// Mail preferences and digests -------------------------------------------------------------------

export async function getMailPreference(db: Conn, accountId: string): Promise<MailPreferenceTable | undefined> {
  return db.selectFrom('coproduction_mail_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function setMailPreference(db: Conn, row: MailPreferenceTable): Promise<void> {
  const { account_id, ...rest } = row;
  const r = await db.updateTable('coproduction_mail_preferences').set(rest).where('account_id', '=', account_id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('coproduction_mail_preferences').values(row).execute();
}

export async function listMailPreferences(db: Conn, digest: string): Promise<MailPreferenceTable[]> {
  return db.selectFrom('coproduction_mail_preferences').selectAll().where('digest', '=', digest).execute();
}

/** Claims the digest for this member and period; false when one was already claimed (by any instance). */
export async function claimDigest(db: Conn, row: DigestTable): Promise<boolean> {
  const result = await db
    .insertInto('coproduction_digests')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function countEventsSince(db: Conn, since: string, until: string, excludeActorId: string): Promise<number> {
  const row = await db
    .selectFrom('coproduction_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '>', since)
    .where('at', '<=', until)
    .where((eb) => eb.or([eb('actor_id', 'is', null), eb('actor_id', '!=', excludeActorId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
