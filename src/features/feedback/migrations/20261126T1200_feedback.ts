// Listening, learning, acting: feedback, themes (and suggested themes), actions, replies.
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // what the person wrote; staff only
    .addColumn('rating', 'text') // very-good … dont-know, or null
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('consent_publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null')) // only when they chose to attach it
    .addColumn('reply_channel', 'text') // email | phone | account | null
    .addColumn('reply_email', 'text') // kept only until the reply is sent
    .addColumn('reply_phone', 'text') // kept only until the call is made
    .addColumn('replied_at', 'text')
    .addColumn('risk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deidentified_text', 'text', (c) => c.notNull())
    .addColumn('moderation', 'text', (c) => c.notNull()) // not-consented | pending | approved | rejected
    .addColumn('public_text', 'text') // the text a group member approved
    .addColumn('moderated_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('moderated_at', 'text')
    .addColumn('first_response_at', 'text')
    .addColumn('days_to_first_response', 'real')
    .addColumn('closed_at', 'text')
    .addColumn('days_to_closure', 'real')
    .execute();
  await db.schema.createIndex('feedback_items_created').on('feedback_items').column('created_at').execute();
  await db.schema.createIndex('feedback_items_moderation').on('feedback_items').columns(['moderation', 'created_at']).execute();
  await db.schema.createIndex('feedback_items_first_response').on('feedback_items').column('days_to_first_response').execute();
  await db.schema.createIndex('feedback_items_closure').on('feedback_items').column('days_to_closure').execute();

  await db.schema
    .createTable('feedback_themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_item_themes')
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('feedback_themes.id').onDelete('cascade'))
    .addColumn('applied_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('feedback_created_at', 'text', (c) => c.notNull()) // for the monthly trend without a join
    .addColumn('via_suggestion', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('feedback_item_themes_pk', ['feedback_id', 'theme_id'])
    .execute();
  await db.schema.createIndex('feedback_item_themes_theme').on('feedback_item_themes').columns(['theme_id', 'feedback_created_at']).execute();

  await db.schema
    .createTable('feedback_theme_suggestions')
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('feedback_themes.id').onDelete('cascade'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // accepted | rejected
    .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_theme_suggestions_pk', ['feedback_id', 'theme_id'])
    .execute();

  await db.schema
    .createTable('feedback_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('due_date', 'text') // YYYY-MM-DD
    .addColumn('status', 'text', (c) => c.notNull()) // open | in-progress | done | not-done
    .addColumn('proposal_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('you_said', 'text')
    .addColumn('we_did', 'text') // "We did …" or, when not done, "We couldn't …"
    .addColumn('because', 'text') // the reason, when not done
    .execute();
  await db.schema.createIndex('feedback_actions_closed').on('feedback_actions').column('closed_at').execute();

  await db.schema
    .createTable('feedback_action_items')
    .addColumn('action_id', 'text', (c) => c.notNull().references('feedback_actions.id').onDelete('cascade'))
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('feedback_action_items_pk', ['action_id', 'feedback_id'])
    .execute();
  await db.schema.createIndex('feedback_action_items_feedback').on('feedback_action_items').column('feedback_id').execute();

  await db.schema
    .createTable('feedback_action_themes')
    .addColumn('action_id', 'text', (c) => c.notNull().references('feedback_actions.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('feedback_themes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('feedback_action_themes_pk', ['action_id', 'theme_id'])
    .execute();
  await db.schema.createIndex('feedback_action_themes_theme').on('feedback_action_themes').column('theme_id').execute();

  await db.schema
    .createTable('feedback_reply_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('feedback_actions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('accounts.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['feedback_reply_tasks', 'feedback_action_themes', 'feedback_action_items', 'feedback_actions', 'feedback_theme_suggestions', 'feedback_item_themes', 'feedback_themes', 'feedback_items']) {
    await db.schema.dropTable(table).execute();
  }
}
