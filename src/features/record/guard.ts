// The language guard where staff write about a person: the person's own profile (name, pronouns,
// title, gendered words, words to avoid, previous names as keyed hashes) and the service's guide
// (the database's adopted entries, or the seed guide before the group has any).
import { createHash } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { inTransaction, type Conn } from '../../platform/db/database.ts';
import { accountsWithRoles, displayNames, notifyAccount, raiseNotice, rolesOf } from '../accounts/index.ts';
import { check, compileProfile, type CompiledGuide, type CompiledProfile, type Finding, type PersonProfile } from '../language/engine/index.ts';
import { NAME_STOP_LIMIT, currentGuide, logLanguageCheck, namePositionsWithheld, recordNameStop, withholdNamePositions, type OwnNamesLoader } from '../language/index.ts';
import { previousNameMatcher } from './names.ts';
import type { AboutMe } from './profile.ts';
import { loadAboutMe } from './service/about-me.ts';
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

/**
 * For the guard on the person's own words (language `guardOwnWords`): their profile with their
 * previous names as keyed hashes, or undefined when they have none (nothing to look for).
 */
export function ownNamesLoader(secret: string): OwnNamesLoader {
  return async (db, personId) => {
    const names = await repo.listPreviousNames(db, personId);
    if (!names.length) return undefined;
    const [displayName, about] = await Promise.all([displayNames(db, [personId]).then((m) => m.get(personId) ?? ''), loadAboutMe(db, personId)]);
    return compileProfile(personProfile(displayName, about), previousNameMatcher(secret, names));
  };
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
 * previous names, the stop is counted and written to the person's access log (`nameStopped`),
 * and once that writer has been stopped NAME_STOP_LIMIT times for this person in 24 hours, a
 * field holding a name is refused as a whole: nothing says where the name was.
 */
export async function checkAboutPerson(
  db: Conn,
  config: Config,
  person: { id: string; displayName: string; about: AboutMe | undefined },
  fields: Record<string, string>,
  log?: { source: string; actorId?: string },
  guide?: CompiledGuide,
): Promise<GuardResult> {
  guide ??= await guideInForce(db);
  const profile = await compilePerson(db, config.secret, person);
  const withheld = log?.actorId ? await namePositionsWithheld(db, log.actorId, person.id) : false;
  const findings: FieldFinding[] = [];
  let words = 0;
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    words += text.split(/\s+/).filter(Boolean).length;
    const found = check(text, { guide, people: [profile] }, { documentKind: 'person', subject: 0 });
    for (const f of withheld ? withholdNamePositions(text, found) : found) findings.push({ ...f, field });
  }
  const blocking = findings.filter((f) => f.severity === 'block');
  const warnings = findings.filter((f) => f.severity === 'warn');
  if (log) await logLanguageCheck(db, { source: log.source, words, findings: findings.length, blocking: blocking.length });
  if (log?.actorId && findings.some((f) => f.category === 'previous-name')) await nameStopped(db, config, log.actorId, person.id, log.source);
  return { findings, blocking, warnings, words };
}

/** Where a stop happened, in the words of the person's access log. */
const STOP_WHERE: Record<string, string> = {
  'record-entry': 'Writing in your record',
  'record-staff-note': 'Writing a note you would read',
  'check-api': 'Checked while writing about you',
};

const ROLE_WORDS: Record<string, string> = { practitioner: 'Practitioner', lead: 'Service lead', group: 'Coproduction Group member', duty: 'Duty worker', person: 'Person' };

/**
 * One of the person's previous names was stopped in something `writerId` wrote: counted (the
 * language feature), written to the person's access log in words that never hold the name, and
 * audited. The stop that reaches NAME_STOP_LIMIT in 24 hours tells the person and every lead
 * (a discreet notice; the person reads the stops in their access log).
 */
export async function nameStopped(db: Conn, config: Config, writerId: string, personId: string, source: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const stops = await recordNameStop(trx, writerId, personId, source);
    const [names, roles] = await Promise.all([displayNames(trx, [writerId]), rolesOf(trx, writerId)]);
    const writer = names.get(writerId) || 'someone';
    const role = roles.includes('practitioner') ? 'practitioner' : (roles[0] ?? 'unknown');
    await repo.logAccess(trx, {
      person_id: personId,
      viewer_id: writerId,
      viewer_role: ROLE_WORDS[role] ?? role,
      what: `A note by ${writer} was stopped because it held a name you asked us to protect`,
      why: STOP_WHERE[source] ?? 'Writing about you',
    });
    if (stops !== NAME_STOP_LIMIT) return;
    await audit(trx, { actorId: writerId, action: 'language.previous-name-positions-withheld', subject: personId, detail: { stops } });
    // The person reads it in their access log (their next digest says there is something); the
    // leads are told at once: someone may be trying to find out a name.
    await raiseNotice(trx, personId, { purpose: 'previous-name-stops', text: 'Writing about you was stopped several times because it held a name you asked us to protect', href: '/me/access-log' });
    for (const lead of await accountsWithRoles(trx, ['lead'])) {
      if (lead.id !== writerId) await notifyAccount(trx, config, lead.id, { purpose: 'previous-name-stops-lead' });
    }
  });
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

