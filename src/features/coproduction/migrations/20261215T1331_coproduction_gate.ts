// The publish gate is the group's (issue 11): a decision records exactly which catalogue change it
// approves (`catalogue_change`, JSON: the language-guide or priorities-of-care change, set when it
// opens) and when that change was applied (`applied_at`: once only). Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coproduction_decisions').addColumn('catalogue_change', 'text').execute();
  await db.schema.alterTable('coproduction_decisions').addColumn('applied_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coproduction_decisions').dropColumn('applied_at').execute();
  await db.schema.alterTable('coproduction_decisions').dropColumn('catalogue_change').execute();
}
