// An anonymous ballot's owner key (issue 11): an HMAC of the decision and the account under the
// service's secret, so the member who cast it can see it (and withdraw an objection) while the
// ballot row alone still names no one. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coproduction_ballots').addColumn('owner_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coproduction_ballots').dropColumn('owner_key').execute();
}
