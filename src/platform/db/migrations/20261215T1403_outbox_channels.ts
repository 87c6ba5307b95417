// GOV.UK Notify beside SMTP (issue 16): each message in the outbox has a channel (email, sms,
// letter), and a text may carry the person's safe times, outside which it waits.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('channel', 'text', (c) => c.notNull().defaultTo('email')).execute();
  await db.schema.alterTable('outbox').addColumn('send_window', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('send_window').execute();
  await db.schema.alterTable('outbox').dropColumn('channel').execute();
}
