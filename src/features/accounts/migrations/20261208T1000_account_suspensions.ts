// Suspending an account (issue 11): each suspension with its reason, who suspended it and when,
// and who restored it and when. `accounts.disabled_at` stays the switch every check reads; a
// suspension also ends every session begun before it (`sessions_ended_at`), so restoring the
// account does not bring an old session back.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('sessions_ended_at', 'text').execute();
  await db.schema
    .createTable('account_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('suspended_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('suspended_at', 'text', (c) => c.notNull())
    .addColumn('restored_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('restored_at', 'text')
    .execute();
  await db.schema.createIndex('account_suspensions_account').on('account_suspensions').columns(['account_id', 'suspended_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_suspensions').execute();
  await db.schema.alterTable('accounts').dropColumn('sessions_ended_at').execute();
}
