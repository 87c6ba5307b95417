// The language guard where people meet it in the app: the service's guide, loaded from the
// database (seeded from guide-data.ts once) and compiled once per version of the guide, and
// text marked in place with its findings.
import { audit } from '../../platform/audit.ts';
import { inTransaction, type Conn } from '../../platform/db/database.ts';
import { check, compileGuide, type CheckOptions, type CompiledGuide, type CompiledProfile, type Finding, type GuideEntry } from './engine/index.ts';
import { guideSources, languageGuide } from './guide-data.ts';
import { countNameStops, guideStamp, insertNameStop, listGuideRows, searchGuideIds, seedGuideIfEmpty, type GuideRow } from './repository.ts';

export const CATEGORY_LABELS: Record<GuideEntry['category'], string> = {
  'trans-inclusive': 'Trans-inclusive language',
  'person-centred': 'Person-centred language',
  'clinical-documentation': 'Clinical documentation',
};

export { guideSources };

interface CompiledVersion {
  stamp: string;
  compiled: CompiledGuide;
  rows: GuideRow[];
}

// Derived from the database and rebuilt whenever the guide's stamp changes, so every instance
// follows the group's latest guide without sharing anything in memory.
const compiledByDb = new WeakMap<object, CompiledVersion>();

export async function currentGuide(db: Conn): Promise<CompiledVersion> {
  let stamp = await guideStamp(db);
  if (stamp.startsWith('0|')) {
    // All of it or none: a guide half-seeded would never be completed (a guide with rows is not seeded again).
    await inTransaction(db, (trx) => seedGuideIfEmpty(trx, languageGuide));
    stamp = await guideStamp(db);
  }
  const cached = compiledByDb.get(db);
  if (cached && cached.stamp === stamp) return cached;
  const rows = await listGuideRows(db);
  const version = { stamp, rows, compiled: compileGuide(rows.filter((r) => r.active).map((r) => r.entry)) };
  compiledByDb.set(db, version);
  return version;
}

export async function checkText(
  db: Conn,
  text: string,
  options: { people?: CompiledProfile[]; subject?: number; documentKind?: CheckOptions['documentKind'] } = {},
): Promise<Finding[]> {
  const { compiled } = await currentGuide(db);
  const checkOptions: CheckOptions = {};
  if (options.documentKind) checkOptions.documentKind = options.documentKind;
  if (options.subject !== undefined) checkOptions.subject = options.subject;
  return check(text, { guide: compiled, people: options.people ?? [] }, checkOptions);
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export interface Segment {
  text: string;
  /** 1-based number of the finding this segment is, as listed under the text. */
  finding?: number;
  severity?: Finding['severity'];
}

/** Splits text into plain and marked segments, for showing findings in place without JavaScript. */
export function markFindings(text: string, findings: readonly Finding[]): Segment[] {
  const ordered = findings.map((f, i) => ({ f, n: i + 1 })).sort((a, b) => a.f.start - b.f.start || b.f.end - a.f.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const { f, n } of ordered) {
    if (f.start < at) continue; // overlaps one already marked: it is still listed below
    if (f.start > at) segments.push({ text: text.slice(at, f.start) });
    segments.push({ text: text.slice(f.start, f.end), finding: n, severity: f.severity });
    at = f.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

export { SEVERITY_LABELS } from './severity.ts';

/** After this many stops for one writer and one person in `NAME_STOP_WINDOW_MS`, the guard stops saying where. */
export const NAME_STOP_LIMIT = 3;
export const NAME_STOP_WINDOW_MS = 24 * 3600_000;

/**
 * The guard has to stop a previous name, so it has to say that one is there: a writer could
 * guess at a protected name by trying names against it. Every stop is counted here (who wrote
 * it, whose name it was, where: never the text, never where in it) and audited; the record
 * feature adds it to the person's access log. Returns the stops for this writer and person in
 * the last 24 hours, this one included.
 */
export async function recordNameStop(db: Conn, writerId: string, personId: string, source: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    await insertNameStop(trx, { writerId, personId, source });
    await audit(trx, { actorId: writerId, action: 'language.previous-name-stopped', subject: personId, detail: { source } });
    return countNameStops(trx, writerId, personId, new Date(Date.now() - NAME_STOP_WINDOW_MS).toISOString());
  });
}

/** Whether this writer has been stopped NAME_STOP_LIMIT times for this person in the last 24 hours: then no positions. */
export async function namePositionsWithheld(db: Conn, writerId: string, personId: string): Promise<boolean> {
  return (await countNameStops(db, writerId, personId, new Date(Date.now() - NAME_STOP_WINDOW_MS).toISOString())) >= NAME_STOP_LIMIT;
}

export const WITHHELD_MESSAGE = 'This text holds a name the person asked us to protect. After several stops we no longer say where: find the name and take it out';

/**
 * The findings with every previous name replaced by one finding over the whole text: the text
 * is refused as a whole, and nothing says where (or which of several candidates) the name was.
 */
export function withholdNamePositions(text: string, findings: readonly Finding[]): Finding[] {
  if (!findings.some((f) => f.category === 'previous-name')) return [...findings];
  const whole: Finding = { ruleId: 'previous-name', category: 'previous-name', severity: 'block', start: 0, end: text.length, line: 1, column: 1, message: WITHHELD_MESSAGE, reason: '', suggestions: [] };
  return [whole, ...findings.filter((f) => f.category !== 'previous-name')];
}

/** The guide's active entries that match what someone searched for, best match first; none for an empty search. */
export async function searchGuide(db: Conn, text: string): Promise<GuideRow[]> {
  const { rows } = await currentGuide(db); // seeds the guide on first use, and so its index
  const ids = await searchGuideIds(db, text);
  const byId = new Map(rows.filter((r) => r.active).map((r) => [r.entry.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
