// Feedback, themes, suggestions, actions and reply tasks. Only this file touches their tables.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Conn } from '../../platform/db/database.ts';
import type { FeedbackItemTable } from './tables.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export function daysBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / DAY_MS) * 100) / 100;
}

// Feedback

export async function insertFeedback(db: Conn, row: Omit<FeedbackItemTable, 'id'> & { id?: string }): Promise<string> {
  const id = row.id ?? randomUUID();
  await db.insertInto('feedback_items').values({ ...row, id }).execute();
  return id;
}

export async function getFeedback(db: Conn, id: string): Promise<FeedbackItemTable | undefined> {
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

/** Names of the service's staff and group (and the person giving feedback), for de-identification. */
export async function knownNames(db: Conn, accountId?: string | null): Promise<string[]> {
  const staff = await db
    .selectFrom('accounts')
    .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
    .select('accounts.display_name')
    .where('account_roles.role', 'in', ['practitioner', 'lead', 'group'])
    .distinct()
    .execute();
  const names = staff.map((r) => r.display_name);
  if (accountId) {
    const own = await db.selectFrom('accounts').select('display_name').where('id', '=', accountId).executeTakeFirst();
    if (own) names.push(own.display_name);
  }
  return names;
}

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

export async function clearReplyContact(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('feedback_items').set({ reply_email: null, reply_phone: null, replied_at: at }).where('id', '=', id).execute();
}

// Themes

export async function createTheme(db: Conn, input: { name: string; description: string; createdBy: string | null; at: string }): Promise<string> {
  const id = randomUUID();
  await db.insertInto('feedback_themes').values({ id, name: input.name, description: input.description, created_by: input.createdBy, created_at: input.at }).execute();
  return id;
}

export async function findThemeByName(db: Conn, name: string) {
  return db.selectFrom('feedback_themes').selectAll().where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function getTheme(db: Conn, id: string) {
  return db.selectFrom('feedback_themes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Themes with how much feedback has each (counted from the theme index, not a join). */
export async function listThemes(db: Conn) {
  const [themes, counts] = await Promise.all([
    themeNames(db),
    db.selectFrom('feedback_item_themes').select(['theme_id', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('theme_id').execute(),
  ]);
  const byTheme = new Map(counts.map((c) => [c.theme_id, Number(c.count)]));
  return themes.map((t) => ({ ...t, count: byTheme.get(t.id) ?? 0 }));
}

/** Themes by name, without counts: cheap enough for every public page. */
export async function themeNames(db: Conn) {
  return db.selectFrom('feedback_themes').select(['id', 'name', 'description']).orderBy('name').execute();
}

export async function applyTheme(db: Conn, input: { feedbackId: string; themeId: string; by: string; at: string; viaSuggestion: boolean }): Promise<boolean> {
  const item = await db.selectFrom('feedback_items').select('created_at').where('id', '=', input.feedbackId).executeTakeFirst();
  if (!item) return false;
  const existing = await db.selectFrom('feedback_item_themes').select('theme_id').where('feedback_id', '=', input.feedbackId).where('theme_id', '=', input.themeId).executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('feedback_item_themes')
    .values({ feedback_id: input.feedbackId, theme_id: input.themeId, applied_by: input.by, applied_at: input.at, feedback_created_at: item.created_at, via_suggestion: input.viaSuggestion ? 1 : 0 })
    .execute();
  return true;
}

export async function removeTheme(db: Conn, feedbackId: string, themeId: string): Promise<void> {
  await db.deleteFrom('feedback_item_themes').where('feedback_id', '=', feedbackId).where('theme_id', '=', themeId).execute();
}

export async function themesOf(db: Conn, feedbackId: string) {
  return db
    .selectFrom('feedback_item_themes')
    .innerJoin('feedback_themes', 'feedback_themes.id', 'feedback_item_themes.theme_id')
    .select(['feedback_themes.id', 'feedback_themes.name', 'feedback_item_themes.via_suggestion'])
    .where('feedback_item_themes.feedback_id', '=', feedbackId)
    .orderBy('feedback_themes.name')
    .execute();
}

/** Feedback with this theme, per month of when it was given (YYYY-MM). */
export async function themeMonthlyCounts(db: Conn, themeId: string): Promise<Array<{ month: string; count: number }>> {
  const rows = await db
    .selectFrom('feedback_item_themes')
    .select([sql<string>`substr(feedback_created_at, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('theme_id', '=', themeId)
    .groupBy(sql`substr(feedback_created_at, 1, 7)`)
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}

export async function feedbackForTheme(db: Conn, themeId: string, limit: number) {
  return db
    .selectFrom('feedback_item_themes')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_item_themes.feedback_id')
    .select(['feedback_items.id', 'feedback_items.created_at', 'feedback_items.area', 'feedback_items.deidentified_text'])
    .where('feedback_item_themes.theme_id', '=', themeId)
    .orderBy('feedback_items.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The most recent themed feedback, for suggesting themes by similarity. */
export async function themedExamples(db: Conn, limit: number, excludeFeedbackId?: string): Promise<Array<{ text: string; themeIds: string[] }>> {
  // Newest first from the (feedback_created_at, feedback_id, theme_id) index; a piece of
  // feedback rarely has more than a few themes, so twice the limit in rows is plenty.
  const links = await db
    .selectFrom('feedback_item_themes')
    .select(['feedback_id', 'theme_id'])
    .orderBy('feedback_created_at', 'desc')
    .limit(limit * 2)
    .execute();
  const themesOfItem = new Map<string, string[]>();
  for (const link of links) {
    if (link.feedback_id === excludeFeedbackId) continue;
    const list = themesOfItem.get(link.feedback_id);
    if (list) list.push(link.theme_id);
    else if (themesOfItem.size < limit) themesOfItem.set(link.feedback_id, [link.theme_id]);
  }
  const ids = [...themesOfItem.keys()];
  const examples: Array<{ text: string; themeIds: string[] }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('feedback_items').select(['id', 'body']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const row of rows) examples.push({ text: row.body, themeIds: themesOfItem.get(row.id) ?? [] });
  }
  return examples;
}

export async function suggestionDecisions(db: Conn, feedbackId: string) {
  return db.selectFrom('feedback_theme_suggestions').selectAll().where('feedback_id', '=', feedbackId).execute();
}

export async function recordSuggestionDecision(db: Conn, input: { feedbackId: string; themeId: string; score: number; decision: 'accepted' | 'rejected'; by: string; at: string }): Promise<void> {
  await db.deleteFrom('feedback_theme_suggestions').where('feedback_id', '=', input.feedbackId).where('theme_id', '=', input.themeId).execute();
  await db
    .insertInto('feedback_theme_suggestions')
    .values({ feedback_id: input.feedbackId, theme_id: input.themeId, score: input.score, decision: input.decision, decided_by: input.by, decided_at: input.at })
    .execute();
}

export async function suggestionAcceptance(db: Conn): Promise<{ accepted: number; rejected: number }> {
  const rows = await db.selectFrom('feedback_theme_suggestions').select(['decision', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('decision').execute();
  const get = (d: string) => Number(rows.find((r) => r.decision === d)?.n ?? 0);
  return { accepted: get('accepted'), rejected: get('rejected') };
}

// Actions

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
  return db
    .selectFrom('feedback_actions')
    .leftJoin('accounts', 'accounts.id', 'feedback_actions.owner_id')
    .selectAll('feedback_actions')
    .select('accounts.display_name as owner_name')
    .where('feedback_actions.id', '=', id)
    .executeTakeFirst();
}

export async function listActions(db: Conn, options: { themeId?: string; open?: boolean } = {}) {
  let query = db
    .selectFrom('feedback_actions')
    .leftJoin('accounts', 'accounts.id', 'feedback_actions.owner_id')
    .select(['feedback_actions.id', 'feedback_actions.title', 'feedback_actions.status', 'feedback_actions.due_date', 'feedback_actions.closed_at', 'accounts.display_name as owner_name']);
  if (options.themeId) query = query.where('feedback_actions.id', 'in', db.selectFrom('feedback_action_themes').select('action_id').where('theme_id', '=', options.themeId));
  if (options.open !== undefined) query = query.where('feedback_actions.closed_at', options.open ? 'is' : 'is not', null);
  return query.orderBy('feedback_actions.created_at', 'desc').limit(500).execute();
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
    .select(['feedback_items.id', 'feedback_items.created_at', 'feedback_items.deidentified_text', 'feedback_items.reply_channel', 'feedback_items.replied_at', 'feedback_items.moderation', 'feedback_items.public_text'])
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

/** Who may own an action: staff and group members. */
export async function possibleOwners(db: Conn) {
  return db
    .selectFrom('accounts')
    .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.display_name'])
    .where('account_roles.role', 'in', ['practitioner', 'lead', 'group'])
    .where('accounts.disabled_at', 'is', null)
    .distinct()
    .orderBy('accounts.display_name')
    .limit(1000)
    .execute();
}

// The public board

export async function publicBoard(db: Conn, options: { themeId?: string; limit: number; offset?: number }) {
  let query = db
    .selectFrom('feedback_actions')
    .select(['id', 'title', 'status', 'closed_at', 'you_said', 'we_did', 'because'])
    .where('closed_at', 'is not', null);
  if (options.themeId) query = query.where('id', 'in', db.selectFrom('feedback_action_themes').select('action_id').where('theme_id', '=', options.themeId));
  return query.orderBy('closed_at', 'desc').limit(options.limit).offset(options.offset ?? 0).execute();
}

export async function countPublicBoard(db: Conn, themeId?: string): Promise<number> {
  let query = db.selectFrom('feedback_actions').select((eb) => eb.fn.countAll<number>().as('n')).where('closed_at', 'is not', null);
  if (themeId) query = query.where('id', 'in', db.selectFrom('feedback_action_themes').select('action_id').where('theme_id', '=', themeId));
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function themesForActions(db: Conn, actionIds: readonly string[]) {
  if (!actionIds.length) return [];
  return db
    .selectFrom('feedback_action_themes')
    .innerJoin('feedback_themes', 'feedback_themes.id', 'feedback_action_themes.theme_id')
    .select(['feedback_action_themes.action_id', 'feedback_themes.id', 'feedback_themes.name'])
    .where('feedback_action_themes.action_id', 'in', actionIds)
    .execute();
}

/** Approved, de-identified words of the people who spoke, for an action's public page. */
export async function publishedQuotes(db: Conn, actionId: string) {
  return db
    .selectFrom('feedback_action_items')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_action_items.feedback_id')
    .select(['feedback_items.public_text', 'feedback_items.created_at'])
    .where('feedback_action_items.action_id', '=', actionId)
    .where('feedback_items.moderation', '=', 'approved')
    .where('feedback_items.public_text', 'is not', null)
    .orderBy('feedback_items.created_at')
    .limit(20)
    .execute();
}

// Reply tasks (a call to make)

export async function createReplyTask(db: Conn, input: { feedbackId: string; actionId: string; at: string }): Promise<string> {
  const id = randomUUID();
  await db.insertInto('feedback_reply_tasks').values({ id, feedback_id: input.feedbackId, action_id: input.actionId, created_at: input.at, done_at: null, done_by: null }).execute();
  return id;
}

export async function openReplyTasks(db: Conn) {
  return db
    .selectFrom('feedback_reply_tasks')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_reply_tasks.feedback_id')
    .innerJoin('feedback_actions', 'feedback_actions.id', 'feedback_reply_tasks.action_id')
    .select(['feedback_reply_tasks.id', 'feedback_reply_tasks.created_at', 'feedback_items.reply_phone', 'feedback_items.id as feedback_id', 'feedback_actions.id as action_id', 'feedback_actions.title', 'feedback_actions.we_did', 'feedback_actions.because', 'feedback_actions.status'])
    .where('feedback_reply_tasks.done_at', 'is', null)
    .orderBy('feedback_reply_tasks.created_at')
    .execute();
}

export async function getReplyTask(db: Conn, id: string) {
  return db.selectFrom('feedback_reply_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function completeReplyTask(db: Conn, id: string, by: string, at: string): Promise<boolean> {
  const result = await db.updateTable('feedback_reply_tasks').set({ done_at: at, done_by: by }).where('id', '=', id).where('done_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function leadEmails(db: Conn): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
    .select('accounts.email')
    .where('account_roles.role', '=', 'lead')
    .where('accounts.disabled_at', 'is', null)
    .distinct()
    .execute();
  return rows.map((r) => r.email);
}

export async function accountEmail(db: Conn, id: string): Promise<string | undefined> {
  return (await db.selectFrom('accounts').select('email').where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst())?.email;
}

// ---------------------------------------------------------------------------------------------
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
