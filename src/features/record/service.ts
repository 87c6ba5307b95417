// About me, the shared record and who may see it, in domain terms. Routes open the
// transaction; everything that reads a person's data for someone else writes the access log.
import { createHash, randomUUID } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { inTransaction, nowIso, type Conn, type Db, type Trx } from '../../platform/db/database.ts';
import { notifyAccount } from '../accounts/index.ts';
import { pageOf } from '../../platform/paging.ts';
import { NotFoundError, mayWritePersonRecord, personRecordAccess, type Actor } from '../../platform/policy.ts';
import type { Finding } from '../language/engine/index.ts';
import { checkAboutPerson, guideInForce, type FieldFinding } from './guard.ts';
import { hashPreviousName } from './names.ts';
import type { AboutMe, AvoidWord } from './profile.ts';
import * as repo from './repository.ts';
import type { EntryKind, RecordEntryTable } from './tables.ts';

/** JSON from a stored text column, or the fallback when it is missing or not valid JSON. */
export function parseJson<T>(raw: string | null | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// About me

export async function loadAboutMe(db: Conn, accountId: string): Promise<AboutMe | undefined> {
  const row = await repo.getAboutMe(db, accountId);
  if (!row) return undefined;
  return {
    nameToUse: row.name_to_use,
    pronouns: parseJson<string[]>(row.pronouns, []),
    nameOnly: row.name_only === 1,
    title: row.title ?? '',
    genderWords: parseJson<string[]>(row.gender_words, []),
    avoid: parseJson<AvoidWord[]>(row.avoid_words, []),
    communicationNeeds: parseJson<string[]>(row.communication_needs, []),
    communicationOther: row.communication_other ?? '',
    goals: row.goals ?? '',
    updatedAt: row.updated_at,
  };
}

export async function saveAboutMe(db: Db, accountId: string, about: Omit<AboutMe, 'updatedAt'>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.saveAboutMe(trx, {
      account_id: accountId,
      name_to_use: about.nameToUse,
      pronouns: JSON.stringify(about.pronouns),
      name_only: about.nameOnly ? 1 : 0,
      title: about.title || null,
      gender_words: JSON.stringify(about.genderWords),
      avoid_words: JSON.stringify(about.avoid),
      communication_needs: JSON.stringify(about.communicationNeeds),
      communication_other: about.communicationOther || null,
      goals: about.goals || null,
    });
    await audit(trx, { actorId: accountId, action: 'about-me.save', subject: accountId });
  });
}

export interface PriorityItem {
  id: string;
  label: string;
  description: string;
  rank: number | null;
  ownWords: string;
}

/** The catalogue with this person's ranks and words: ranked first, in their order. */
export async function loadPriorities(db: Conn, accountId: string): Promise<PriorityItem[]> {
  const [catalogue, mine] = await Promise.all([repo.listCatalogue(db), repo.listPersonPriorities(db, accountId)]);
  const byId = new Map(mine.map((m) => [m.priority_id, m]));
  const items = catalogue.map((c) => ({ id: c.id, label: c.label, description: c.description, rank: byId.get(c.id)?.rank ?? null, ownWords: byId.get(c.id)?.own_words ?? '' }));
  return items.sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
}

export async function savePriorities(db: Db, accountId: string, items: Array<{ priorityId: string; rank: number; ownWords: string | null }>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.replacePersonPriorities(trx, accountId, items);
    await audit(trx, { actorId: accountId, action: 'priorities.save', subject: accountId, detail: { ranked: items.length } });
  });
}

// ---------------------------------------------------------------------------------------------
// Previous names: only keyed hashes are kept; the readable name never leaves this function.

export async function addPreviousName(db: Db, config: Config, accountId: string, displayName: string, previousName: string): Promise<'added' | 'current-name'> {
  const about = await loadAboutMe(db, accountId);
  const hashed = hashPreviousName(config.secret, previousName, about?.nameToUse || displayName);
  if (!hashed) return 'current-name';
  await db.transaction().execute(async (trx) => {
    const id = await repo.addPreviousName(trx, {
      account_id: accountId,
      sequence_hashes: JSON.stringify(hashed.sequenceHashes),
      word_hashes: JSON.stringify(hashed.wordHashes),
      max_words: hashed.maxWords,
    });
    await audit(trx, { actorId: accountId, action: 'previous-name.add', subject: accountId, detail: { id } });
  });
  return 'added';
}

export async function removePreviousName(db: Db, accountId: string, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await repo.removePreviousName(trx, accountId, id);
    if (removed) await audit(trx, { actorId: accountId, action: 'previous-name.remove', subject: accountId, detail: { id } });
    return removed;
  });
}

export async function listProtectedNames(db: Conn, accountId: string): Promise<Array<{ id: string; addedAt: string }>> {
  return (await repo.listPreviousNames(db, accountId)).map((r) => ({ id: r.id, addedAt: r.created_at }));
}

// ---------------------------------------------------------------------------------------------
// Who may see whom

export type Access = 'self' | 'caseload' | 'grant';

export interface PersonSummary {
  id: string;
  displayName: string;
  email: string;
  createdAt: string;
  about: AboutMe | undefined;
}

/**
 * The person, if this account may see them, and how; otherwise NotFoundError (404), whether the
 * person exists or not, so nobody learns who uses the service.
 */
export async function personFor(db: Conn, actor: Actor, personId: string): Promise<{ person: PersonSummary; access: Access; why: string }> {
  const account = await repo.findPersonAccount(db, personId);
  if (!account) throw new NotFoundError('Not found');
  const caseload = actor.id !== personId && (await repo.onCaseload(db, actor.id, personId));
  const grant = actor.id !== personId && !caseload ? await repo.activeGrant(db, actor.id, personId, nowIso()) : undefined;
  const access = personRecordAccess(actor, personId, { onCaseload: caseload, grantActive: grant !== undefined });
  if (!access) throw new NotFoundError('Not found');
  const why = access === 'caseload' ? 'On their caseload' : access === 'grant' ? `Time-limited access: ${grant!.reason}` : 'Their own record';
  return {
    person: { id: account.id, displayName: account.display_name, email: account.email, createdAt: account.created_at, about: await loadAboutMe(db, personId) },
    access,
    why,
  };
}

/** As personFor, but only for staff who may write in the record. */
export async function personForStaff(db: Conn, actor: Actor, personId: string): Promise<{ person: PersonSummary; access: Access; why: string }> {
  const found = await personFor(db, actor, personId);
  if (!mayWritePersonRecord(actor, found.access)) throw new NotFoundError('Not found');
  return found;
}

const ROLE_WORDS: Record<string, string> = { practitioner: 'Practitioner', lead: 'Service lead', group: 'Coproduction Group member', person: 'Person' };

/** Records a view of a person's data by someone else: the access log they read, and the audit. */
export async function recordView(db: Conn, actor: Actor, personId: string, what: string, why: string): Promise<void> {
  if (actor.id === personId) return;
  const role = actor.roles.has('practitioner') ? 'practitioner' : ([...actor.roles][0] ?? 'unknown');
  // One commit for both: every view is a write, and on SQLite each commit waits for the disk.
  await inTransaction(db, async (trx) => {
    await repo.logAccess(trx, { person_id: personId, viewer_id: actor.id, viewer_role: ROLE_WORDS[role] ?? role, what, why });
    // The audit holds ids only; what was looked at, in words, is in the person's own access log.
    await audit(trx, { actorId: actor.id, action: 'record.view', subject: personId, detail: { role } });
  });
}

export const GRANT_HOURS = [1, 4, 8, 24] as const;

/**
 * Staff free text the person reads beside the record (reasons, answers, kept-warning reasons) is
 * checked like the record itself: a block finding (a previous name) refuses it. Returns the
 * blocking findings, by field; the counts are logged, never the text.
 */
export async function blockedNotes(db: Conn, config: Config, actor: Actor, person: { id: string; displayName: string; about: AboutMe | undefined }, fields: Record<string, string>): Promise<FieldFinding[]> {
  if (!Object.values(fields).some((t) => t.trim())) return [];
  return (await checkAboutPerson(db, config.secret, person, fields, { source: 'record-staff-note', actorId: actor.id })).blocking;
}

export async function grantAccess(db: Db, config: Config, actor: Actor, personEmail: string, reason: string, hours: number): Promise<string | { blocked: FieldFinding[] } | undefined> {
  const person = await repo.findPersonByEmail(db, personEmail);
  if (!person || person.id === actor.id) {
    // Asking about addresses that are nobody's leaves a trace too (never the address itself).
    await audit(db, { actorId: actor.id, action: 'record.access-no-such-person' });
    return undefined;
  }
  // The person reads the reason: it must not use a name they no longer use.
  const account = await repo.findPersonAccount(db, person.id);
  const blocked = await blockedNotes(db, config, actor, { id: person.id, displayName: account?.display_name ?? '', about: await loadAboutMe(db, person.id) }, { reason });
  if (blocked.length) return { blocked };
  await db.transaction().execute(async (trx) => {
    const id = await repo.addGrant(trx, {
      practitioner_id: actor.id,
      person_id: person.id,
      reason,
      expires_at: new Date(Date.now() + hours * 3600_000).toISOString(),
    });
    await audit(trx, { actorId: actor.id, action: 'record.access-granted', subject: person.id, detail: { grant: id, hours } });
    await notifyAccount(trx, config, person.id, { purpose: 'record-access' });
  });
  return person.id;
}

// ---------------------------------------------------------------------------------------------
// The shared record

export const KIND_LABELS: Record<EntryKind, string> = { note: 'Note', letter: 'Letter', 'care-plan': 'Care plan' };

export interface KeptWarning {
  key: string;
  ruleId: string;
  message: string;
  reason: string;
}

/** A stable key for a finding across re-submissions: its rule and the words it is about. */
export function findingKey(text: string, f: Finding): string {
  return 'w' + createHash('sha256').update(`${f.ruleId}|${text.slice(f.start, f.end).toLowerCase()}`).digest('hex').slice(0, 12);
}

export interface EntryInput {
  kind: EntryKind;
  title: string;
  body: string;
  recipient: string;
  changeReason: string;
  /** Reasons to keep warned words, by finding key. */
  keep: Record<string, string>;
}

/** The fields of an entry the guard reads. */
export function entryFields(input: Pick<EntryInput, 'kind' | 'title' | 'body' | 'recipient'>): Record<string, string> {
  return input.kind === 'letter' ? { title: input.title, body: input.body, recipient: input.recipient } : { title: input.title, body: input.body };
}

export type SaveOutcome =
  | { ok: true; entryId: string; revision: number }
  | { ok: false; findings: FieldFinding[]; blocking: FieldFinding[]; unexplained: FieldFinding[]; stale?: false }
  /** Someone else saved the entry (or answered the correction) first: nothing was saved. */
  | { ok: false; stale: true; currentRevision: number; findings: FieldFinding[]; blocking: FieldFinding[]; unexplained: FieldFinding[] };

/** Thrown inside a save's transaction when what it was based on has changed; rolls it back. */
export class StaleChange extends Error {
  override name = 'StaleChange';
}

/**
 * Saves a new entry or a new revision after the language guard: a block finding stops it; a
 * warning stops it unless a reason to keep the words is given, and the reason is recorded.
 * A change is based on `expectedRevision` (the version the editor showed): if someone else
 * saved a newer one meanwhile, nothing is saved and the outcome is `stale`.
 */
export async function saveEntry(
  db: Db,
  config: Config,
  actor: Actor,
  person: PersonSummary,
  input: EntryInput,
  existing?: RecordEntryTable,
  onSaved?: (trx: Trx, entryId: string, revision: number) => Promise<void>,
  expectedRevision: number | undefined = existing?.revision,
): Promise<SaveOutcome> {
  // The guide is read (and cached) outside the transaction; the check runs inside it.
  const guide = await guideInForce(db);
  try {
    return await saveInTransaction(db, config, actor, person, input, guide, existing && expectedRevision !== undefined ? { id: existing.id, expectedRevision } : undefined, onSaved);
  } catch (error) {
    if (!(error instanceof StaleChange) || !existing) throw error;
    const current = await repo.getEntry(db, person.id, existing.id);
    return { ok: false, stale: true, currentRevision: current?.revision ?? existing.revision, findings: [], blocking: [], unexplained: [] };
  }
}

async function saveInTransaction(
  db: Db,
  config: Config,
  actor: Actor,
  person: PersonSummary,
  input: EntryInput,
  guide: Awaited<ReturnType<typeof guideInForce>>,
  change: { id: string; expectedRevision: number } | undefined,
  onSaved?: (trx: Trx, entryId: string, revision: number) => Promise<void>,
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: the version this change is based on must still be the latest.
    const existing = change ? await repo.getEntry(trx, person.id, change.id) : undefined;
    if (change && (!existing || existing.revision !== change.expectedRevision)) throw new StaleChange();
    const fields = entryFields(input);
    const result = await checkAboutPerson(trx, config.secret, person, fields, { source: 'record-entry', actorId: actor.id }, guide);
    const keyOf = (f: FieldFinding) => findingKey(fields[f.field] ?? '', f);
    const unexplained = result.warnings.filter((f) => !input.keep[keyOf(f)]?.trim());
    if (result.blocking.length || unexplained.length) {
      return { ok: false as const, findings: result.findings, blocking: result.blocking, unexplained };
    }
    const kept: KeptWarning[] = result.warnings.map((f) => {
      const key = keyOf(f);
      return { key, ruleId: f.ruleId, message: f.message, reason: input.keep[key]!.trim() };
    });
    const entryId = existing?.id ?? randomUUID();
    const revision = (existing?.revision ?? 0) + 1;
    const recipient = input.kind === 'letter' ? input.recipient : null;
    if (existing) {
      const updated = await repo.updateEntryAtRevision(trx, existing.id, existing.revision, {
        revision,
        title: input.title,
        body: input.body,
        recipient,
        ...(existing.kind === 'letter' && existing.letter_status === 'reviewed' ? { letter_status: 'awaiting-review' as const, reviewed_at: null } : {}),
      });
      // Another save committed between our read and this update.
      if (!updated) throw new StaleChange();
    } else {
      await repo.insertEntry(trx, {
        id: entryId,
        person_id: person.id,
        kind: input.kind,
        author_id: actor.id,
        revision,
        title: input.title,
        body: input.body,
        recipient,
        letter_status: input.kind === 'letter' ? 'awaiting-review' : null,
        reviewed_at: null,
        sent_at: null,
        sent_by: null,
        sent_without_review_reason: null,
      });
    }
    await repo.insertRevision(trx, {
      entry_id: entryId,
      person_id: person.id,
      revision,
      author_id: actor.id,
      title: input.title,
      body: input.body,
      recipient,
      change_reason: input.changeReason || null,
      kept_warnings: JSON.stringify(kept),
    });
    await audit(trx, { actorId: actor.id, action: existing ? 'record.entry.revise' : 'record.entry.create', subject: person.id, detail: { entry: entryId, revision, keptWarnings: kept.length } });
    if (onSaved) await onSaved(trx, entryId, revision);
    await notifyAccount(trx, config, person.id, { purpose: 'record-entry' });
    return { ok: true as const, entryId, revision };
  });
}

export interface EntryView {
  entry: RecordEntryTable & { kindLabel: string };
  revisions: Array<Awaited<ReturnType<typeof repo.listRevisions>>[number] & { kept: KeptWarning[] }>;
  responses: Awaited<ReturnType<typeof repo.listResponses>>;
  openCorrections: number;
}

export async function loadEntry(db: Conn, personId: string, entryId: string): Promise<EntryView> {
  const entry = await repo.getEntry(db, personId, entryId);
  if (!entry) throw new NotFoundError('Not found');
  const [revisions, responses] = await Promise.all([repo.listRevisions(db, entryId), repo.listResponses(db, entryId)]);
  return {
    entry: { ...entry, kindLabel: KIND_LABELS[entry.kind] },
    revisions: revisions.map((r) => ({ ...r, kept: parseJson<KeptWarning[]>(r.kept_warnings, []) })),
    responses,
    openCorrections: responses.filter((r) => r.kind === 'correction' && r.status === 'open').length,
  };
}

/** Entries shown a page at a time on the person's page and in their record. */
export const ENTRIES_PER_PAGE = 20;

export async function loadEntries(db: Conn, personId: string, page?: { limit: number; offset: number }) {
  const entries = await repo.listEntries(db, personId, page);
  return entries.map((e) => ({ ...e, kindLabel: KIND_LABELS[e.kind] }));
}

/** One page of a person's entries (`requested` is kept within the pages there are). */
export async function loadEntryPage(db: Conn, personId: string, requested: number | undefined) {
  const { total } = await repo.countEntries(db, personId);
  const page = pageOf(requested, total, ENTRIES_PER_PAGE);
  return { entries: await loadEntries(db, personId, page), page, total };
}

export const countEntries = repo.countEntries;

/** The person responds to an entry: their view, agreement, a correction request, or a letter review. */
export async function respond(db: Db, person: Actor, entryId: string, kind: 'view' | 'agree' | 'correction' | 'review', body: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await repo.getEntry(trx, person.id, entryId);
    if (!entry) throw new NotFoundError('Not found');
    if (kind === 'review' && (entry.kind !== 'letter' || entry.letter_status !== 'awaiting-review')) throw new NotFoundError('Not found');
    await repo.insertResponse(trx, { entry_id: entryId, person_id: person.id, revision: entry.revision, kind, body: body || null, status: kind === 'correction' ? 'open' : null });
    if (kind === 'review') await repo.updateEntry(trx, entryId, { letter_status: 'reviewed', reviewed_at: nowIso() });
    await audit(trx, { actorId: person.id, action: `record.response.${kind}`, subject: person.id, detail: { entry: entryId } });
  });
}

/** Staff decline a correction with a reason (a correction made is answered through saveEntry). */
export async function declineCorrection(db: Db, config: Config, actor: Actor, personId: string, entryId: string, responseId: string, reason: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const response = await repo.getResponse(trx, entryId, responseId);
    if (!response || response.person_id !== personId || response.kind !== 'correction' || response.status !== 'open') return false;
    if (!(await repo.answerCorrection(trx, responseId, { status: 'declined', answer: reason, answeredBy: actor.id, answerRevision: null }))) return false;
    await audit(trx, { actorId: actor.id, action: 'record.correction.declined', subject: personId, detail: { entry: entryId, response: responseId } });
    await notifyAccount(trx, config, personId, { purpose: 'record-correction-answer' });
    return true;
  });
}

/** Marks a correction answered by a new revision; if someone answered it first, the save is rolled back (StaleChange). */
export async function markCorrected(trx: Trx, actor: Actor, personId: string, entryId: string, responseId: string, answer: string, revision: number): Promise<void> {
  const response = await repo.getResponse(trx, entryId, responseId);
  if (!response || response.person_id !== personId || response.kind !== 'correction' || response.status !== 'open') throw new StaleChange();
  if (!(await repo.answerCorrection(trx, responseId, { status: 'corrected', answer, answeredBy: actor.id, answerRevision: revision }))) throw new StaleChange();
  await audit(trx, { actorId: actor.id, action: 'record.correction.corrected', subject: personId, detail: { entry: entryId, response: responseId, revision } });
}

/** Marks a letter sent: after the person's review, or without it only with a recorded reason. */
export async function markSent(db: Db, config: Config, actor: Actor, personId: string, entryId: string, reason: string): Promise<'sent' | 'needs-reason' | 'not-a-letter'> {
  return db.transaction().execute(async (trx) => {
    const entry = await repo.getEntry(trx, personId, entryId);
    if (!entry || entry.kind !== 'letter' || entry.letter_status === 'sent') return 'not-a-letter' as const;
    const reviewed = entry.letter_status === 'reviewed';
    if (!reviewed && !reason) return 'needs-reason' as const;
    await repo.updateEntry(trx, entryId, { letter_status: 'sent', sent_at: nowIso(), sent_by: actor.id, sent_without_review_reason: reviewed ? null : reason });
    await audit(trx, { actorId: actor.id, action: reviewed ? 'record.letter.sent' : 'record.letter.sent-without-review', subject: personId, detail: { entry: entryId } });
    if (!reviewed) await notifyAccount(trx, config, personId, { purpose: 'record-letter-sent' });
    return 'sent' as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Caseloads, assigned by the lead

export async function assignToCaseload(db: Db, lead: Actor, practitionerId: string, personEmail: string): Promise<'added' | 'no-person' | 'no-practitioner'> {
  const practitioners = await repo.listPractitioners(db);
  if (!practitioners.some((p) => p.id === practitionerId)) return 'no-practitioner';
  const person = await repo.findPersonByEmail(db, personEmail);
  if (!person) return 'no-person';
  await db.transaction().execute(async (trx) => {
    await repo.addToCaseload(trx, practitionerId, person.id, lead.id);
    await audit(trx, { actorId: lead.id, action: 'caseload.add', subject: person.id, detail: { practitioner: practitionerId } });
  });
  return 'added';
}

export async function unassignFromCaseload(db: Db, lead: Actor, practitionerId: string, personId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await repo.removeFromCaseload(trx, practitionerId, personId);
    if (removed) await audit(trx, { actorId: lead.id, action: 'caseload.remove', subject: personId, detail: { practitioner: practitionerId } });
    return removed;
  });
}
