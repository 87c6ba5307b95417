// The duty queue: every disclosure of risk, until the duty team has taken it, done something,
// and closed it (and chosen whether a de-identified version may go back where it came from).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('suggested_release', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('taken_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('closed_at', 'text')
    .addColumn('action_taken', 'text')
    .addColumn('release', 'text')
    .addColumn('released_text', 'text')
    .execute();
  await db.schema.createIndex('duty_alerts_open').on('duty_alerts').columns(['closed_at', 'raised_at']).execute();
  await db.schema.createIndex('duty_alerts_source').on('duty_alerts').columns(['source', 'source_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duty_alerts').execute();
}
