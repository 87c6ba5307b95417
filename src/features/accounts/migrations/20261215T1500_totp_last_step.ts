// An authenticator app's code works once (issue 16): the time step of the last code accepted from
// each app, so the same code, or an older one, is refused afterwards. Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('second_factors').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('second_factors').dropColumn('totp_last_step').execute();
}
