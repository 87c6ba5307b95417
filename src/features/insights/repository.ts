// Snapshots of the insight figures. Only this file touches `insight_snapshots`.
import type { Conn } from '../../platform/db/database.ts';
import type { InsightSnapshotTable } from './tables.ts';

export async function readSnapshot(db: Conn): Promise<InsightSnapshotTable | undefined> {
  return db.selectFrom('insight_snapshots').selectAll().where('figure', '=', 'all').executeTakeFirst();
}

export async function writeSnapshot(db: Conn, data: unknown, at: string): Promise<void> {
  const json = JSON.stringify(data);
  await db
    .insertInto('insight_snapshots')
    .values({ figure: 'all', computed_at: at, data: json })
    .onConflict((oc) => oc.column('figure').doUpdateSet({ computed_at: at, data: json }))
    .execute();
}

/** Marks the figures stale after a write that changes them; the next reader recomputes. */
export async function invalidateInsights(db: Conn): Promise<void> {
  await db.deleteFrom('insight_snapshots').where('figure', '=', 'all').execute();
}

/** Totals for a month that has ended: they do not change, so they are kept once worked out. */
export async function readMonthTotals(db: Conn, key: string): Promise<unknown> {
  const row = await db.selectFrom('insight_snapshots').select('data').where('figure', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.data) as unknown) : undefined;
}

export async function writeMonthTotals(db: Conn, key: string, data: unknown, at: string): Promise<void> {
  const json = JSON.stringify(data);
  await db
    .insertInto('insight_snapshots')
    .values({ figure: key, computed_at: at, data: json })
    .onConflict((oc) => oc.column('figure').doUpdateSet({ computed_at: at, data: json }))
    .execute();
}

/** Forgets every kept total (after loading data with past dates, as seed:large does). */
export async function clearInsightCache(db: Conn): Promise<void> {
  await db.deleteFrom('insight_snapshots').execute();
}
