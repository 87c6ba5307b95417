// Actions: what is being done about feedback, the feedback and themes each answers, and its
// public statement once closed. (Owners are accounts: their names come from the accounts feature.)
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';

export async function createAction(
  db: Conn,
  input: { title: string; description: string; ownerId: string | null; dueDate: string | null; createdBy: string; at: string; feedbackIds: readonly string[]; themeIds: readonly string[]; proposalId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('feedback_actions')
    .values({ id, title: input.title, description: input.description, owner_id: input.ownerId, due_date: input.dueDate, status: 'open', proposal_id: input.proposalId ?? null, created_by: input.createdBy, created_at: input.at, closed_at: null, closed_by: null, you_said: null, we_did: null, because: null })
    .execute();
  if (input.feedbackIds.length) await db.insertInto('feedback_action_items').values(input.feedbackIds.map((feedback_id) => ({ action_id: id, feedback_id }))).execute();
  if (input.themeIds.length) await db.insertInto('feedback_action_themes').values(input.themeIds.map((theme_id) => ({ action_id: id, theme_id }))).execute();
  return id;
}

export async function getAction(db: Conn, id: string) {
  return db.selectFrom('feedback_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export type ActionRow = NonNullable<Awaited<ReturnType<typeof getAction>>>;

export async function listActions(db: Conn, options: { themeId?: string; open?: boolean } = {}) {
  let query = db.selectFrom('feedback_actions').select(['id', 'title', 'status', 'due_date', 'closed_at', 'owner_id']);
  if (options.themeId) query = query.where('id', 'in', db.selectFrom('feedback_action_themes').select('action_id').where('theme_id', '=', options.themeId));
  if (options.open !== undefined) query = query.where('closed_at', options.open ? 'is' : 'is not', null);
  return query.orderBy('created_at', 'desc').limit(500).execute();
}

export async function updateAction(db: Conn, id: string, input: { ownerId: string | null; dueDate: string | null; status: string; proposalId?: string | null }): Promise<void> {
  await db
    .updateTable('feedback_actions')
    .set({ owner_id: input.ownerId, due_date: input.dueDate, status: input.status, ...(input.proposalId !== undefined ? { proposal_id: input.proposalId } : {}) })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .execute();
}

export async function closeAction(db: Conn, id: string, input: { status: 'done' | 'not-done'; youSaid: string; weDid: string; because: string | null; by: string; at: string }): Promise<boolean> {
  const result = await db
    .updateTable('feedback_actions')
    .set({ status: input.status, you_said: input.youSaid, we_did: input.weDid, because: input.because, closed_by: input.by, closed_at: input.at })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function actionFeedbackIds(db: Conn, actionId: string): Promise<string[]> {
  return (await db.selectFrom('feedback_action_items').select('feedback_id').where('action_id', '=', actionId).execute()).map((r) => r.feedback_id);
}

/** Feedback not yet closed that carries any of the action's themes: closing the action answers it too. */
export async function openFeedbackInActionThemes(db: Conn, actionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_item_themes')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_item_themes.feedback_id')
    .select('feedback_items.id')
    .distinct()
    .where('feedback_item_themes.theme_id', 'in', db.selectFrom('feedback_action_themes').select('theme_id').where('action_id', '=', actionId))
    .where('feedback_items.closed_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function actionThemes(db: Conn, actionId: string) {
  return db
    .selectFrom('feedback_action_themes')
    .innerJoin('feedback_themes', 'feedback_themes.id', 'feedback_action_themes.theme_id')
    .select(['feedback_themes.id', 'feedback_themes.name'])
    .where('feedback_action_themes.action_id', '=', actionId)
    .orderBy('feedback_themes.name')
    .execute();
}

export async function actionsForFeedback(db: Conn, feedbackId: string) {
  return db
    .selectFrom('feedback_action_items')
    .innerJoin('feedback_actions', 'feedback_actions.id', 'feedback_action_items.action_id')
    .select(['feedback_actions.id', 'feedback_actions.title', 'feedback_actions.status'])
    .where('feedback_action_items.feedback_id', '=', feedbackId)
    .execute();
}

export async function linkFeedbackToAction(db: Conn, actionId: string, feedbackId: string): Promise<void> {
  const existing = await db.selectFrom('feedback_action_items').select('action_id').where('action_id', '=', actionId).where('feedback_id', '=', feedbackId).executeTakeFirst();
  if (!existing) await db.insertInto('feedback_action_items').values({ action_id: actionId, feedback_id: feedbackId }).execute();
}

export async function feedbackLinkedToAction(db: Conn, actionId: string) {
  return db
    .selectFrom('feedback_action_items')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_action_items.feedback_id')
    .select(['feedback_items.id', 'feedback_items.created_at', 'feedback_items.risk', 'feedback_items.deidentified_text', 'feedback_items.reply_channel', 'feedback_items.replied_at', 'feedback_items.moderation', 'feedback_items.public_text'])
    .where('feedback_action_items.action_id', '=', actionId)
    .orderBy('feedback_items.created_at', 'desc')
    .limit(100)
    .execute();
}

/** How much feedback an action answers, and how many of those people still wait for a reply. */
export async function actionFeedbackCounts(db: Conn, actionId: string): Promise<{ linked: number; waiting: number }> {
  const row = await db
    .selectFrom('feedback_action_items')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_action_items.feedback_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('linked'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('feedback_items.reply_channel', 'is not', null), eb('feedback_items.replied_at', 'is', null)])).then(1).else(0).end()).as('waiting'),
    ])
    .where('feedback_action_items.action_id', '=', actionId)
    .executeTakeFirstOrThrow();
  return { linked: Number(row.linked), waiting: Number(row.waiting ?? 0) };
}
