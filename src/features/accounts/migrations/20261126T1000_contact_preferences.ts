// Contact safety: how withme may reach a person (channels, a discreet sender and subject, the
// name for an envelope, voicemail, safe times). Every message withme sends reads this first.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_preferences')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('email_allowed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('letter_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sender_name', 'text')
    .addColumn('subject', 'text')
    .addColumn('envelope_name', 'text')
    .addColumn('voicemail_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('safe_times', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contact_preferences').execute();
}
