// Gathers the data behind each insight figure and keeps a snapshot of the results in the
// database, so /insights answers quickly at any size and every instance shows the same numbers.
// The snapshot is dropped by writes that change feedback figures and is recomputed when older
// than SNAPSHOT_MAX_AGE_MS (for figures fed by other features: decisions, comments, priorities).
import { sql } from 'kysely';
import { nowIso, type Db } from '../../platform/db/database.ts';
import { activeMembers, decisionLevels, staffResponseRate } from '../coproduction/service.ts';
import { monthLabel, monthRange } from './charts.ts';
import {
  feedbackResponseFigure, groupMembersFigure, languageFigure, livedExperienceFirstFigure, participationFigure, prioritiesFigure, staffResponseFigure, type Figure,
} from './figures.ts';
import { readSnapshot, writeSnapshot } from './repository.ts';
import '../feedback/repository.ts';
import '../language/repository.ts';
import '../record/repository.ts';

export const SNAPSHOT_MAX_AGE_MS = 5 * 60 * 1000;

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

export async function feedbackData(db: Db) {
  const counts = await db
    .selectFrom('feedback_items')
    .select((eb) => [eb.fn.countAll<number>().as('received'), eb.fn.count<number>('closed_at').as('closed')])
    .executeTakeFirstOrThrow();
  const first = await db.selectFrom('feedback_items').select('days_to_first_response as d').where('days_to_first_response', 'is not', null).orderBy('days_to_first_response').execute();
  const closure = await db.selectFrom('feedback_items').select('days_to_closure as d').where('days_to_closure', 'is not', null).orderBy('days_to_closure').execute();
  return { received: Number(counts.received), closed: Number(counts.closed), daysToFirstResponse: first.map((r) => Number(r.d)), daysToClosure: closure.map((r) => Number(r.d)) };
}

export async function prioritiesData(db: Db) {
  const priorities = await db.selectFrom('care_priorities').select(['id', 'label']).where('active', '=', 1).orderBy('sort_order').execute();
  const ranks = await db
    .selectFrom('person_priorities')
    .select(['priority_id', 'rank', (eb) => eb.fn.countAll<number>().as('people')])
    .where('rank', '<=', 3)
    .groupBy(['priority_id', 'rank'])
    .execute();
  const people = await db.selectFrom('person_priorities').select((eb) => eb.fn.count<number>('account_id').distinct().as('n')).executeTakeFirstOrThrow();
  return { priorities, ranks: ranks.map((r) => ({ priorityId: r.priority_id, rank: Number(r.rank), people: Number(r.people) })), people: Number(people.n) };
}

export async function languageData(db: Db, months: string[]) {
  const from = `${months[0]}-01`;
  const rows = await db
    .selectFrom('language_check_log')
    .select([
      sql<string>`substr(at, 1, 7)`.as('month'),
      (eb) => eb.fn.countAll<number>().as('checks'),
      (eb) => eb.fn.sum<number>('words').as('words'),
      (eb) => eb.fn.sum<number>('findings').as('findings'),
      (eb) => eb.fn.sum<number>('blocking').as('blocking'),
    ])
    .where('at', '>=', from)
    .groupBy(sql`substr(at, 1, 7)`)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = byMonth.get(month);
    return { month, label: monthLabel(month), checks: Number(r?.checks ?? 0), words: Number(r?.words ?? 0), findings: Number(r?.findings ?? 0), blocking: Number(r?.blocking ?? 0) };
  });
}

export async function computeInsights(db: Db, now = new Date()): Promise<Insights> {
  const months = lastMonths(12, now);
  const decisions = await decisionLevels(db, { closedOnly: true });
  const responses = await staffResponseRate(db);
  const members = [];
  for (const month of months) {
    const m = await activeMembers(db, { from: `${month}-01`, to: `${nextMonth(month)}-01` });
    members.push({ month, label: monthLabel(month), active: m.active, returning: m.returning });
  }
  const figures = [
    participationFigure(decisions.map((d) => d.level)),
    livedExperienceFirstFigure(decisions),
    feedbackResponseFigure(await feedbackData(db)),
    staffResponseFigure(responses),
    groupMembersFigure(members),
    prioritiesFigure(await prioritiesData(db)),
    languageFigure(await languageData(db, months)),
  ];
  return { computedAt: now.toISOString(), figures };
}

/** The figures from the snapshot when it is fresh; otherwise computed now and stored. */
export async function currentInsights(db: Db, options: { maxAgeMs?: number } = {}): Promise<Insights> {
  const snapshot = await readSnapshot(db);
  const maxAge = options.maxAgeMs ?? SNAPSHOT_MAX_AGE_MS;
  if (snapshot && Date.now() - Date.parse(snapshot.computed_at) < maxAge) {
    return JSON.parse(snapshot.data) as Insights;
  }
  const insights = await computeInsights(db);
  await writeSnapshot(db, insights, insights.computedAt);
  return insights;
}

export async function refreshInsights(db: Db): Promise<Insights> {
  const insights = await computeInsights(db);
  await writeSnapshot(db, insights, nowIso());
  return insights;
}
