// The language guard where people meet it in the app: the service's guide, loaded from the
// database (seeded from guide-data.ts once) and compiled once per version of the guide, and
// text marked in place with its findings.
import { audit } from '../../platform/audit.ts';
import { inTransaction, type Conn } from '../../platform/db/database.ts';
import { check, compileGuide, type CheckOptions, type CompiledGuide, type CompiledProfile, type Finding, type GuideEntry } from './engine/index.ts';
import { guideSources, languageGuide } from './guide-data.ts';
import { guideStamp, listGuideRows, seedGuideIfEmpty, type GuideRow } from './repository.ts';

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

export const SEVERITY_LABELS: Record<Finding['severity'], string> = {
  block: 'Must change',
  warn: 'Change or give a reason',
  info: 'For your judgement',
};

/** The live check (`check-api`) runs as someone types: its stops are one audit entry a minute per writer and person. */
export const LIVE_CHECK_AUDIT_WINDOW_MS = 60_000;

/**
 * The guard has to say where a previous name is, so a name could be guessed at by trying names
 * against it. Each time one is stopped, the audit log keeps who wrote it, whose name it was and
 * where (`source`): never the text, never where in it. Every refused save is an entry; the live
 * check, which runs at each pause in typing, is one entry a minute, so sustained guessing shows
 * as a run of entries while ordinary typing shows as one.
 */
export async function auditPreviousNameStopped(db: Conn, actorId: string, personId: string, source: string, findings: readonly Finding[]): Promise<void> {
  if (!findings.some((f) => f.category === 'previous-name')) return;
  await audit(db, { actorId, action: 'language.previous-name-stopped', subject: personId, detail: { source } }, source === 'check-api' ? { oncePerMs: LIVE_CHECK_AUDIT_WINDOW_MS } : {});
}
