// Feedback items: what people told us, its de-identified text, moderation, replies, and the
// measures /insights reads (first response and closure, in days).
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';
import type { FeedbackItemTable } from '../tables.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export function daysBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / DAY_MS) * 100) / 100;
}

export type FeedbackItem = FeedbackItemTable;

export async function insertFeedback(db: Conn, row: Omit<FeedbackItemTable, 'id'> & { id?: string }): Promise<string> {
  const id = row.id ?? randomUUID();
  await db.insertInto('feedback_items').values({ ...row, id }).execute();
  return id;
}

export async function getFeedback(db: Conn, id: string): Promise<FeedbackItem | undefined> {
  return db.selectFrom('feedback_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export type FeedbackFilter = 'all' | 'new' | 'risk' | 'awaiting-moderation' | 'unthemed';

export async function listFeedback(db: Conn, filter: FeedbackFilter, page: { limit: number; offset: number }) {
  let query = db
    .selectFrom('feedback_items')
    .select(['id', 'created_at', 'area', 'rating', 'risk', 'moderation', 'deidentified_text', 'first_response_at', 'closed_at']);
  if (filter === 'new') query = query.where('first_response_at', 'is', null);
  if (filter === 'risk') query = query.where('risk', '=', 1);
  if (filter === 'awaiting-moderation') query = query.where('moderation', '=', 'pending');
  if (filter === 'unthemed') query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('feedback_item_themes').select('theme_id').whereRef('feedback_item_themes.feedback_id', '=', 'feedback_items.id'))));
  return query.orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export type FeedbackListItem = Awaited<ReturnType<typeof listFeedback>>[number];

/** The first time anyone from the service did something with the feedback. */
export async function markFirstResponse(db: Conn, id: string, at: string): Promise<void> {
  const item = await db.selectFrom('feedback_items').select(['created_at', 'first_response_at']).where('id', '=', id).executeTakeFirst();
  if (!item || item.first_response_at) return;
  await db
    .updateTable('feedback_items')
    .set({ first_response_at: at, days_to_first_response: daysBetween(item.created_at, at) })
    .where('id', '=', id)
    .where('first_response_at', 'is', null)
    .execute();
}

export async function markClosed(db: Conn, ids: readonly string[], at: string): Promise<void> {
  if (!ids.length) return;
  const items = await db.selectFrom('feedback_items').select(['id', 'created_at']).where('id', 'in', ids).where('closed_at', 'is', null).execute();
  for (const item of items) {
    await db.updateTable('feedback_items').set({ closed_at: at, days_to_closure: daysBetween(item.created_at, at) }).where('id', '=', item.id).execute();
  }
}

export async function setModeration(db: Conn, id: string, input: { moderation: 'approved' | 'rejected'; publicText: string | null; by: string; at: string }): Promise<void> {
  await db
    .updateTable('feedback_items')
    .set({ moderation: input.moderation, public_text: input.publicText, moderated_by: input.by, moderated_at: input.at })
    .where('id', '=', id)
    .execute();
}

export async function countAwaitingModeration(db: Conn): Promise<number> {
  const row = await db.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n')).where('moderation', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The person has been told: their email address or phone number is deleted. */
export async function clearReplyContact(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('feedback_items').set({ reply_email: null, reply_phone: null, replied_at: at }).where('id', '=', id).execute();
}

/** The person has been told in their account (there is no contact detail to delete). */
export async function markReplied(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('feedback_items').set({ replied_at: at }).where('id', '=', id).execute();
}

// Measures for /insights (through index.ts)

export type DaysColumn = 'days_to_first_response' | 'days_to_closure';

/** How many pieces of feedback have a value in `column`, and the middle one or two values (read from its index). */
export async function middleDays(db: Conn, column: DaysColumn): Promise<{ n: number; middle: number[] }> {
  const { n } = await db.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n')).where(column, 'is not', null).executeTakeFirstOrThrow();
  const count = Number(n);
  if (count === 0) return { n: 0, middle: [] };
  const rows = await db
    .selectFrom('feedback_items')
    .select(`${column} as d`)
    .where(column, 'is not', null)
    .orderBy(column)
    .limit(count % 2 ? 1 : 2)
    .offset(count % 2 ? Math.floor(count / 2) : count / 2 - 1)
    .execute();
  return { n: count, middle: rows.map((r) => Number(r.d)) };
}

export async function receivedAndClosed(db: Conn): Promise<{ received: number; closed: number }> {
  const row = await db
    .selectFrom('feedback_items')
    .select((eb) => [eb.fn.countAll<number>().as('received'), eb.fn.count<number>('closed_at').as('closed')])
    .executeTakeFirstOrThrow();
  return { received: Number(row.received), closed: Number(row.closed) };
}

/** Changes whenever feedback is given, first answered or closed. */
export async function feedbackWatermark(db: Conn): Promise<unknown> {
  return db
    .selectFrom('feedback_items')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('m'), eb.fn.count('days_to_first_response').as('r'), eb.fn.count('closed_at').as('c')])
    .executeTakeFirst();
}
