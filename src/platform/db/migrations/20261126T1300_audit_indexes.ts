// The audit log is read by whom it is about and by who acted: a person's data download, and the
// guard's "a previous name was stopped" entry, which is written once per hour at most.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'action', 'at']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_actor').execute();
  await db.schema.dropIndex('audit_log_subject').execute();
}
