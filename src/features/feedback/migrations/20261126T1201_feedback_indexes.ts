// Indexes for a large service: the newest themed feedback (for suggesting themes) and the list
// of feedback that may suggest risk, newest first.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('feedback_item_themes_recent').on('feedback_item_themes').columns(['feedback_created_at', 'feedback_id', 'theme_id']).execute();
  await db.schema.createIndex('feedback_items_risk').on('feedback_items').columns(['risk', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('feedback_items_risk').execute();
  await db.schema.dropIndex('feedback_item_themes_recent').execute();
}
