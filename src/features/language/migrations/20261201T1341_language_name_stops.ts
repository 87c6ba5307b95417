// Every time the guard stops a writer for a name a person asked us to protect: who wrote it,
// whose name it was, where (`source`) and when. Never the text or where in it. Counting these
// per writer and person is what takes the guard's positions away from someone guessing names.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('language_name_stops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('writer_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('language_name_stops_writer_person_at').on('language_name_stops').columns(['writer_id', 'person_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('language_name_stops').execute();
}
