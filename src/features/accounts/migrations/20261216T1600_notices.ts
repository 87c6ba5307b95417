// Notifications that respect people (issue 14): what features tell an account about waits in a
// queue of notices (listed in the app, read or unread), and a digest job sends one discreet
// message for what is pending, no more often than the person chose (`notice_frequency`:
// immediately, daily or weekly), never inside their unsafe times. Each digest claims the one
// before it (`claim`), so two instances never send the same period twice. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact_preferences').addColumn('notice_frequency', 'text', (c) => c.notNull().defaultTo('immediately')).execute();
  await db.schema
    .createTable('notice_digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('claim', 'text', (c) => c.notNull())
    .addColumn('notices', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_digests_claim').on('notice_digests').columns(['account_id', 'claim']).unique().execute();
  await db.schema.createIndex('notice_digests_account').on('notice_digests').columns(['account_id', 'sent_at']).execute();
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('href', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('mailed_at', 'text')
    .addColumn('digest_id', 'text', (c) => c.references('notice_digests.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('notices_account').on('notices').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('notices_pending').on('notices').columns(['mailed_at', 'read_at', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notices').execute();
  await db.schema.dropTable('notice_digests').execute();
  await db.schema.alterTable('contact_preferences').dropColumn('notice_frequency').execute();
}
