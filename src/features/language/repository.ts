// The language guide's rows and the log of checks. Only this file touches their tables.
import { randomUUID } from 'node:crypto';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import { searchIndex } from '../../platform/db/search.ts';
import type { GuideEntry } from './engine/index.ts';
import type { LanguageGuideEntryTable } from './tables.ts';

export interface GuideRow {
  entry: GuideEntry;
  active: boolean;
  updatedAt: string;
  changedByDecisionId: string | null;
}

function rowToEntry(row: LanguageGuideEntryTable): GuideRow {
  const options = JSON.parse(row.options) as Pick<GuideEntry, 'exceptBefore' | 'exceptAfter' | 'noun' | 'fixes'>;
  const entry: GuideEntry = {
    id: row.id,
    category: row.category as GuideEntry['category'],
    terms: JSON.parse(row.terms) as string[],
    suggestions: JSON.parse(row.suggestions) as string[],
    reason: row.reason,
    source: JSON.parse(row.source) as string[],
    severity: row.severity === 'info' ? 'info' : 'warn',
    ...(row.scope ? { scope: row.scope as NonNullable<GuideEntry['scope']> } : {}),
    ...(row.derived ? { derived: true } : {}),
    ...(row.note ? { note: row.note } : {}),
    ...options,
  };
  return { entry, active: row.active === 1, updatedAt: row.updated_at, changedByDecisionId: row.changed_by_decision_id };
}

export function entryToRow(entry: GuideEntry, updatedAt: string, decisionId: string | null = null): LanguageGuideEntryTable {
  const options: Pick<GuideEntry, 'exceptBefore' | 'exceptAfter' | 'noun' | 'fixes'> = {};
  if (entry.exceptBefore) options.exceptBefore = entry.exceptBefore;
  if (entry.exceptAfter) options.exceptAfter = entry.exceptAfter;
  if (entry.noun) options.noun = entry.noun;
  if (entry.fixes) options.fixes = entry.fixes;
  return {
    id: entry.id,
    category: entry.category,
    terms: JSON.stringify(entry.terms),
    suggestions: JSON.stringify(entry.suggestions),
    reason: entry.reason,
    source: JSON.stringify(entry.source),
    severity: entry.severity,
    scope: entry.scope ?? null,
    derived: entry.derived ? 1 : 0,
    active: 1,
    updated_at: updatedAt,
    changed_by_decision_id: decisionId,
    options: JSON.stringify(options),
    note: entry.note ?? null,
  };
}

/** The guide as the group has it now, active entries and retired ones. */
export async function listGuideRows(db: Conn): Promise<GuideRow[]> {
  const rows = await db.selectFrom('language_guide_entries').selectAll().orderBy('category').orderBy('id').execute();
  return rows.map(rowToEntry);
}

/** A stamp that changes whenever any entry changes: compiled guides are rebuilt on a new stamp. */
export async function guideStamp(db: Conn): Promise<string> {
  const row = await db
    .selectFrom('language_guide_entries')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}|${row.latest ?? ''}`;
}

/** Writes the shipped guide into an empty table; does nothing once the group has a guide. */
export async function seedGuideIfEmpty(db: Conn, entries: readonly GuideEntry[]): Promise<number> {
  const existing = await db.selectFrom('language_guide_entries').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const now = nowIso();
  const rows = entries.map((entry) => entryToRow(entry, now));
  for (let i = 0; i < rows.length; i += 50) {
    await db.insertInto('language_guide_entries').values(rows.slice(i, i + 50)).onConflict((oc) => oc.column('id').doNothing()).execute();
  }
  return rows.length;
}

/**
 * Records that a text was checked: how many words and findings, never the text itself.
 * Call it wherever staff writing is checked on save (record entries, document versions,
 * minutes) so /insights can show findings per 1,000 words by month.
 */
export async function logLanguageCheck(
  db: Conn,
  input: { source: string; words: number; findings: number; blocking: number; at?: string },
): Promise<void> {
  await db
    .insertInto('language_check_log')
    .values({ id: randomUUID(), at: input.at ?? nowIso(), source: input.source, words: input.words, findings: input.findings, blocking: input.blocking })
    .execute();
}

// Changes the Coproduction Group adopted (the workspace's catalogue.ts decides and records them;
// these only write the rows).

export async function getGuideEntryRow(db: Conn, id: string): Promise<LanguageGuideEntryTable | undefined> {
  return db.selectFrom('language_guide_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGuideEntryRow(db: Conn, row: LanguageGuideEntryTable): Promise<void> {
  await db.insertInto('language_guide_entries').values(row).execute();
}

export async function updateGuideEntryRow(db: Conn, id: string, values: Partial<Omit<LanguageGuideEntryTable, 'id'>>): Promise<void> {
  await db.updateTable('language_guide_entries').set(values).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Measures for /insights (through index.ts)

export interface CheckTotals {
  checks: number;
  words: number;
  findings: number;
  blocking: number;
}

/** Checks, words, findings and blocking findings from `from` (inclusive) to `to` (exclusive). */
export async function checkTotals(db: Conn, range: { from: string; to: string }): Promise<CheckTotals> {
  const row = await db
    .selectFrom('language_check_log')
    .select([
      (eb) => eb.fn.countAll<number>().as('checks'),
      (eb) => eb.fn.sum<number>('words').as('words'),
      (eb) => eb.fn.sum<number>('findings').as('findings'),
      (eb) => eb.fn.sum<number>('blocking').as('blocking'),
    ])
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .executeTakeFirstOrThrow();
  return { checks: Number(row.checks), words: Number(row.words ?? 0), findings: Number(row.findings ?? 0), blocking: Number(row.blocking ?? 0) };
}

/** Changes whenever a check is logged. */
export async function checksWatermark(db: Conn): Promise<unknown> {
  return db.selectFrom('language_check_log').select((eb) => [eb.fn.max('at').as('m')]).executeTakeFirst();
}

export async function insertNameStop(db: Conn, row: { writerId: string; personId: string; source: string }): Promise<void> {
  await db.insertInto('language_name_stops').values({ id: randomUUID(), writer_id: row.writerId, person_id: row.personId, source: row.source, at: nowIso() }).execute();
}

/** How many times this writer was stopped for this person's previous names since `since`. */
export async function countNameStops(db: Conn, writerId: string, personId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('language_name_stops')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('writer_id', '=', writerId)
    .where('person_id', '=', personId)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Search (the index and its triggers: migrations/20261215T1404_language_guide_search.ts)

/** Ids of active guide entries whose terms, variants, suggestions or reason have the words, best first. */
export async function searchGuideIds(db: Conn, text: string): Promise<string[]> {
  return (await searchIndex(db, 'language_guide_search', text, { limit: 100 })).map((h) => h.id);
}
