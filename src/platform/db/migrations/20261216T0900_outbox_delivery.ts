// GOV.UK Notify delivery receipts (issue 16): a message Notify accepted keeps Notify's id for it,
// so a later receipt (a delivery-status callback, or a look-up by the outbox job) finds it, and
// the last status Notify gave and when withme last asked.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('provider_id', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('delivery_status', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('delivery_checked_at', 'text').execute();
  await db.schema.createIndex('outbox_provider_id').on('outbox').column('provider_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_provider_id').execute();
  await db.schema.alterTable('outbox').dropColumn('delivery_checked_at').execute();
  await db.schema.alterTable('outbox').dropColumn('delivery_status').execute();
  await db.schema.alterTable('outbox').dropColumn('provider_id').execute();
}
