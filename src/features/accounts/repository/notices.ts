// Queries on notices (what waits for an account, listed in the app) and the digests that mailed them.
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';
import type { NoticeDigestTable, NoticeTable } from '../tables.ts';

export async function insertNotice(db: Conn, row: Omit<NoticeTable, 'id' | 'read_at' | 'mailed_at' | 'digest_id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('notices').values({ ...row, id, read_at: null, mailed_at: null, digest_id: null }).execute();
  return id;
}

/** Accounts with notices no digest has taken and nobody has read yet, with when the oldest came. */
export async function accountsWithPendingNotices(db: Conn, until: string): Promise<Array<{ account_id: string; oldest: string }>> {
  const rows = await db
    .selectFrom('notices')
    .select((eb) => ['account_id', eb.fn.min('created_at').as('oldest')])
    .where('mailed_at', 'is', null)
    .where('read_at', 'is', null)
    .where('created_at', '<=', until)
    .groupBy('account_id')
    .execute();
  return rows.map((r) => ({ account_id: r.account_id, oldest: String(r.oldest) }));
}

/** The account's pending notices (not mailed, not read), oldest first. */
export async function pendingNotices(db: Conn, accountId: string, until: string): Promise<NoticeTable[]> {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('mailed_at', 'is', null)
    .where('read_at', 'is', null)
    .where('created_at', '<=', until)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function markMailed(db: Conn, ids: readonly string[], at: string, digestId: string | null): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('notices').set({ mailed_at: at, digest_id: digestId }).where('id', 'in', [...ids]).where('mailed_at', 'is', null).execute();
}

/** The account's last digest, if any. */
export async function lastDigest(db: Conn, accountId: string): Promise<NoticeDigestTable | undefined> {
  return db.selectFrom('notice_digests').selectAll().where('account_id', '=', accountId).orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Claims the digest that follows `claim` (the one before it): false when another instance took it first. */
export async function claimDigest(db: Conn, row: NoticeDigestTable): Promise<boolean> {
  const result = await db
    .insertInto('notice_digests')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'claim']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The account's latest notices, newest first. */
export async function recentNotices(db: Conn, accountId: string, limit: number): Promise<NoticeTable[]> {
  return db.selectFrom('notices').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** One page of the account's notices, newest first. */
export async function noticesPage(db: Conn, accountId: string, limit: number, offset: number): Promise<NoticeTable[]> {
  return db.selectFrom('notices').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countNotices(db: Conn, accountId: string): Promise<number> {
  const row = await db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUnread(db: Conn, accountId: string): Promise<number> {
  const row = await db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getNotice(db: Conn, accountId: string, id: string): Promise<NoticeTable | undefined> {
  return db.selectFrom('notices').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** Marks notices read: one (by id) or every unread one of the account. */
export async function markRead(db: Conn, accountId: string, at: string, id?: string): Promise<number> {
  let q = db.updateTable('notices').set({ read_at: at }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Marks read the account's unread notices that lead to this page. */
export async function markReadLeadingTo(db: Conn, accountId: string, href: string, at: string): Promise<number> {
  const result = await db.updateTable('notices').set({ read_at: at }).where('account_id', '=', accountId).where('href', '=', href).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
