// The language guard where staff write about a person: the person's own profile (name, pronouns,
// title, gendered words, words to avoid, previous names as keyed hashes) and the service's guide
// (the database's adopted entries, or the seed guide before the group has any).
import { createHash } from 'node:crypto';
import type { Conn } from '../../platform/db/database.ts';
import { check, compileProfile, type CompiledGuide, type CompiledProfile, type Finding, type PersonProfile } from '../language/engine/index.ts';
import { logLanguageCheck } from '../language/index.ts';
import { auditPreviousNameStopped, currentGuide } from '../language/index.ts';
import { previousNameMatcher } from './names.ts';
import type { AboutMe } from './profile.ts';
import * as repo from './repository.ts';

/** The guide in force: the Coproduction Group's entries, as the language feature compiles them. */
export async function guideInForce(db: Conn): Promise<CompiledGuide> {
  return (await currentGuide(db)).compiled;
}

export function personProfile(displayName: string, about: AboutMe | undefined): PersonProfile {
  if (!about) return { name: displayName };
  return {
    name: about.nameToUse || displayName,
    ...(about.title ? { title: about.title } : {}),
    ...(about.nameOnly ? { pronouns: [] } : about.pronouns.length ? { pronouns: about.pronouns } : {}),
    ...(about.genderWords.length ? { genderWords: about.genderWords } : {}),
    ...(about.avoid.length ? { avoid: about.avoid } : {}),
  };
}

/** A person's profile compiled for the guard, previous names as keyed hashes only. */
export async function compilePerson(db: Conn, secret: string, person: { id: string; displayName: string; about: AboutMe | undefined }): Promise<CompiledProfile> {
  const names = await repo.listPreviousNames(db, person.id);
  return compileProfile(personProfile(person.displayName, person.about), previousNameMatcher(secret, names));
}

export interface FieldFinding extends Finding {
  /** Which field of the form the finding is in (offsets are into that field's text). */
  field: string;
}

export interface GuardResult {
  findings: FieldFinding[];
  blocking: FieldFinding[];
  warnings: FieldFinding[];
  words: number;
}

/**
 * Checks the fields of something written about a person (title, body, recipient…). Logs counts
 * only, never the text, when `log` is given. When `log.actorId` wrote one of the person's
 * previous names, the audit log records that it was stopped (who, whose, where; never the text
 * or where in it), so that guessing at a protected name through the guard leaves a trace.
 */
export async function checkAboutPerson(
  db: Conn,
  secret: string,
  person: { id: string; displayName: string; about: AboutMe | undefined },
  fields: Record<string, string>,
  log?: { source: string; actorId?: string },
  guide?: CompiledGuide,
): Promise<GuardResult> {
  guide ??= await guideInForce(db);
  const profile = await compilePerson(db, secret, person);
  const findings: FieldFinding[] = [];
  let words = 0;
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    words += text.split(/\s+/).filter(Boolean).length;
    for (const f of check(text, { guide, people: [profile] }, { documentKind: 'person', subject: 0 })) findings.push({ ...f, field });
  }
  const blocking = findings.filter((f) => f.severity === 'block');
  const warnings = findings.filter((f) => f.severity === 'warn');
  if (log) await logLanguageCheck(db, { source: log.source, words, findings: findings.length, blocking: blocking.length });
  if (log?.actorId) await auditPreviousNameStopped(db, log.actorId, person.id, log.source, findings);
  return { findings, blocking, warnings, words };
}

/** The fields of a record entry the guard reads: a letter's recipient too. */
export function entryFields(input: { kind: string; title: string; body: string; recipient: string }): Record<string, string> {
  return input.kind === 'letter' ? { title: input.title, body: input.body, recipient: input.recipient } : { title: input.title, body: input.body };
}

/** A stable key for a finding across re-submissions: its rule and the words it is about. */
export function findingKey(text: string, f: Finding): string {
  return 'w' + createHash('sha256').update(`${f.ruleId}|${text.slice(f.start, f.end).toLowerCase()}`).digest('hex').slice(0, 12);
}

export const NAME_REMOVED = '[name removed]';

/** The text with every previous name the guard found replaced, so it is never shown again. */
export function withoutPreviousNames(text: string, findings: readonly Finding[]): string {
  const spans = findings.filter((f) => f.category === 'previous-name').sort((a, b) => b.start - a.start);
  let out = text;
  for (const f of spans) out = out.slice(0, f.start) + NAME_REMOVED + out.slice(f.end);
  return out;
}

export interface MarkedSegment {
  text: string;
  mark?: { severity: string; number: number };
}

/**
 * The text cut into plain and marked segments for showing findings in place without JavaScript.
 * Previous names are shown only as NAME_REMOVED. Overlapping findings mark the first.
 */
export function markedSegments(text: string, findings: ReadonlyArray<Finding & { number: number }>): MarkedSegment[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const out: MarkedSegment[] = [];
  let at = 0;
  for (const f of sorted) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ text: text.slice(at, f.start) });
    out.push({ text: f.category === 'previous-name' ? NAME_REMOVED : text.slice(f.start, f.end), mark: { severity: f.severity, number: f.number } });
    at = f.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

