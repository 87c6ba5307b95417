// How a decision is run: its facilitator (who opened it, or whom they named), its closing time,
// the seed of the random draw that breaks a ranked-choice tie left by every earlier round, and
// when each reminder went (so each goes once). Decisions already in the table get their opener
// as facilitator and a closing time a week after they opened. Frozen in time: imports nothing
// from the app.
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coproduction_decisions').addColumn('facilitator_id', 'text').execute();
  await db.schema.alterTable('coproduction_decisions').addColumn('closes_at', 'text').execute();
  await db.schema.alterTable('coproduction_decisions').addColumn('tie_break_seed', 'text').execute();
  await db.schema.alterTable('coproduction_decisions').addColumn('reminded_before_close_at', 'text').execute();
  await db.schema.alterTable('coproduction_decisions').addColumn('reminded_quorum_at', 'text').execute();
  const rows = await db.selectFrom('coproduction_decisions').select(['id', 'opened_by', 'opened_at']).execute();
  for (const row of rows as Array<{ id: string; opened_by: string; opened_at: string }>) {
    await db
      .updateTable('coproduction_decisions')
      .set({ facilitator_id: row.opened_by, closes_at: new Date(Date.parse(row.opened_at) + 7 * 86_400_000).toISOString(), tie_break_seed: randomBytes(8).toString('hex') })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema.createIndex('coproduction_decisions_closing').on('coproduction_decisions').columns(['status', 'closes_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('coproduction_decisions_closing').execute();
  for (const column of ['reminded_quorum_at', 'reminded_before_close_at', 'tie_break_seed', 'closes_at', 'facilitator_id']) {
    await db.schema.alterTable('coproduction_decisions').dropColumn(column).execute();
  }
}
