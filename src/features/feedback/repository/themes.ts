// Themes (what we learn from feedback), the themes applied to each piece of feedback, and the
// decisions on suggested themes.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Conn } from '../../../platform/db/database.ts';

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
    .select(['feedback_items.id', 'feedback_items.created_at', 'feedback_items.area', 'feedback_items.risk', 'feedback_items.deidentified_text'])
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
