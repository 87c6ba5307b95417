// A letter the person asked not to be sent yet (letter_status 'objected', their reason a
// response of kind 'objection'), what the practitioner recorded about discussing it before
// sending it all the same; and which version of each entry the person last read, for the
// "new" markers on their record and their home page.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record_entries').addColumn('objection_discussed', 'text').execute();
  await db.schema
    .createTable('record_reads')
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('record_entries.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_reads_pk', ['person_id', 'entry_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_reads').execute();
  await db.schema.alterTable('record_entries').dropColumn('objection_discussed').execute();
}
