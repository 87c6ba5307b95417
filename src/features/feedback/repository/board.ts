// The public "You said, we did": closed actions, their themes, and the approved words of the
// people who spoke.
import type { Conn } from '../../../platform/db/database.ts';

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
