// The service's language guide, held in the database so the Coproduction Group governs it,
// and a record of every language check (counts only, never the text) for the insight figures.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('language_guide_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull()) // JSON array of strings
    .addColumn('suggestions', 'text', (c) => c.notNull()) // JSON array of strings
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('scope', 'text')
    .addColumn('derived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('changed_by_decision_id', 'text')
    .execute();

  await db.schema
    .createTable('language_check_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // record-entry, document-version, minutes, public-check…
    .addColumn('words', 'integer', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('blocking', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('language_check_log_at').on('language_check_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('language_check_log').execute();
  await db.schema.dropTable('language_guide_entries').execute();
}
