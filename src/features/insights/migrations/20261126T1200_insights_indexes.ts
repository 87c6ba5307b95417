// Indexes that let the insight figures be computed from aggregates at a large service's size
// (a million language checks): a covering index for findings per month, so a month's totals are
// read from the index alone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('language_check_log_at_totals').on('language_check_log').columns(['at', 'words', 'findings', 'blocking']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('language_check_log_at_totals').execute();
}
