// How each person appears to others in the workspace (issue 11): the name they chose for the group
// (a pseudonym is fine) and whether others see that they speak from lived experience (never shown
// unless they chose it). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coproduction_profiles')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('group_name', 'text')
    .addColumn('show_lived_experience', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coproduction_profiles').execute();
}
