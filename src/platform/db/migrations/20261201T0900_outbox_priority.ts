// Duty alerts go out ahead of everything else: the outbox gains a priority (higher first).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('outbox_due_first').on('outbox').columns(['status', 'priority', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_due_first').execute();
  await db.schema.alterTable('outbox').dropColumn('priority').execute();
}
