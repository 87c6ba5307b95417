// Gathers the data behind each insight figure and keeps a snapshot of the results in the
// database, so /insights answers quickly at any size and every instance shows the same numbers.
// The snapshot is dropped by writes that change feedback figures, and recomputed when the data
// behind the other figures (decisions, comments, priorities, language checks) has changed.
// Every figure is made from other features' data, read through their index.ts.
import { nowIso, type Db } from '../../platform/db/database.ts';
import { monthLabel, monthRange } from '../../platform/formats/charts.ts';
import { activeMembers, closedDecisionLevels, figuresWatermark, staffResponseRate } from '../coproduction/index.ts';
import { feedbackFigures, feedbackWatermark } from '../feedback/index.ts';
import { checkTotals, checksWatermark, type CheckTotals } from '../language/index.ts';
import { prioritiesWatermark, prioritySpread } from '../record/index.ts';
import {
  feedbackResponseFigure, groupMembersFigure, languageFigure, livedExperienceFirstFigure, participationFigure, prioritiesFigure, staffResponseFigure, type Figure,
} from './figures.ts';
import { onChange } from '../../platform/changes.ts';
import { invalidateInsights, readMonthTotals, readSnapshot, writeMonthTotals, writeSnapshot } from './repository.ts';

/** How often the snapshot is checked against the data it was computed from. */
export const CHECK_INTERVAL_MS = 60 * 1000;

export interface Insights {
  computedAt: string;
  figures: Figure[];
}

function lastMonths(n: number, now = new Date()): string[] {
  const end = now.toISOString().slice(0, 7);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1), 1)).toISOString().slice(0, 7);
  return monthRange(start, end);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

async function languageMonth(db: Db, month: string): Promise<CheckTotals> {
  return checkTotals(db, { from: `${month}-01`, to: `${nextMonth(month)}-01` });
}

/**
 * Language checks per month. A month that has ended is summed once (from a covering index) and
 * kept; only the current month is summed on each refresh.
 */
export async function languageData(db: Db, months: string[], now = new Date()) {
  const current = now.toISOString().slice(0, 7);
  const result = [];
  for (const month of months) {
    let totals: CheckTotals | undefined;
    const key = `language:${month}`;
    if (month < current) totals = (await readMonthTotals(db, key)) as CheckTotals | undefined;
    if (!totals) {
      totals = await languageMonth(db, month);
      if (month < current) await writeMonthTotals(db, key, totals, nowIso());
    }
    result.push({ month, label: monthLabel(month), ...totals });
  }
  return result;
}

export async function computeInsights(db: Db, now = new Date()): Promise<Insights> {
  const months = lastMonths(12, now);
  const decisions = await closedDecisionLevels(db);
  const responses = await staffResponseRate(db);
  const members = [];
  for (const month of months) {
    const m = await activeMembers(db, { from: `${month}-01`, to: `${nextMonth(month)}-01` });
    members.push({ month, label: monthLabel(month), active: m.active, returning: m.returning });
  }
  const figures = [
    participationFigure(decisions.map((d) => d.level)),
    livedExperienceFirstFigure(decisions),
    feedbackResponseFigure(await feedbackFigures(db)),
    staffResponseFigure(responses),
    groupMembersFigure(members),
    prioritiesFigure(await prioritySpread(db)),
    languageFigure(await languageData(db, months, now)),
  ];
  return { computedAt: now.toISOString(), figures };
}

/**
 * What the figures are computed from, in a few cheap aggregate reads: when none of it has
 * changed, neither have the figures. (Feedback writes also drop the snapshot straight away.)
 */
export async function dataWatermark(db: Db): Promise<string> {
  const parts = await Promise.all([feedbackWatermark(db), figuresWatermark(db), prioritiesWatermark(db), checksWatermark(db)]);
  return JSON.stringify(parts);
}

interface Snapshot extends Insights {
  watermark?: string;
  checkedAt?: string;
}

/**
 * The figures from the snapshot in the database. At most once a CHECK_INTERVAL_MS the
 * snapshot is checked against the data it came from and recomputed only if that changed, so
 * readers almost never wait for a computation, and every instance serves the same figures.
 */
export async function currentInsights(db: Db, options: { checkIntervalMs?: number; now?: Date } = {}): Promise<Insights> {
  const now = options.now ?? new Date();
  const interval = options.checkIntervalMs ?? CHECK_INTERVAL_MS;
  const row = await readSnapshot(db);
  const snapshot = row ? (JSON.parse(row.data) as Snapshot) : undefined;
  if (snapshot && now.getTime() - Date.parse(snapshot.checkedAt ?? snapshot.computedAt) < interval) return snapshot;
  const watermark = await dataWatermark(db);
  if (snapshot && snapshot.watermark === watermark) {
    await writeSnapshot(db, { ...snapshot, checkedAt: now.toISOString() }, snapshot.computedAt);
    return snapshot;
  }
  const insights = await computeInsights(db, now);
  await writeSnapshot(db, { ...insights, watermark, checkedAt: now.toISOString() } satisfies Snapshot, insights.computedAt);
  return insights;
}

export async function refreshInsights(db: Db): Promise<Insights> {
  const watermark = await dataWatermark(db);
  const insights = await computeInsights(db);
  await writeSnapshot(db, { ...insights, watermark, checkedAt: nowIso() } satisfies Snapshot, insights.computedAt);
  return insights;
}

/**
 * The feedback figures change with every piece of feedback, first response and closed action:
 * feedback announces each such write, and the snapshot is dropped in the same transaction.
 */
export function followChanges(): void {
  onChange('feedback', invalidateInsights);
}
