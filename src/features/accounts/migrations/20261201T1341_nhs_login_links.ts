// NHS login (issue 16): which NHS login identity (its `sub`) an account is linked to, the NHS
// number it gave (encrypted with a key derived from WITHME_SECRET, never stored in the clear),
// and the identity proofing level NHS login vouched for at the last sign-in.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nhs_login_links')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull().unique())
    .addColumn('nhs_number_encrypted', 'text')
    .addColumn('identity_level', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('last_signed_in_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('nhs_login_links').execute();
}
