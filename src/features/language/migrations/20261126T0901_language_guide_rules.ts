// The engine options an entry may carry beyond its words (exceptions, noun use, safe fixes)
// and the note the public guide shows about why an entry is shaped as it is.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('language_guide_entries').addColumn('options', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('language_guide_entries').addColumn('note', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('language_guide_entries').dropColumn('note').execute();
  await db.schema.alterTable('language_guide_entries').dropColumn('options').execute();
}
