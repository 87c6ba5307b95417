// The shared record: entries (notes, letters, care plans) saved through the language guard, every
// version kept, the person's responses, corrections answered, letters reviewed and sent. A change
// is based on the version the editor showed: if someone saved a newer one meanwhile, it is stale.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, nowIso, type Conn, type Db, type Trx } from '../../../platform/db/database.ts';
import { pageOf } from '../../../platform/paging.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { displayNames, noticesSeen, raiseNotice } from '../../accounts/index.ts';
import { raiseDutyAlert } from '../../duty/index.ts';
import { guardOwnWords, suggestsRisk } from '../../language/index.ts';
import { checkAboutPerson, entryFields, findingKey, guideInForce, type FieldFinding } from '../guard.ts';
import * as repo from '../repository.ts';
import type { EntryKind, RecordEntryTable, RecordResponseTable, ResponseKind } from '../tables.ts';
import type { PersonSummary } from './access.ts';
import { parseJson } from './about-me.ts';

export type Entry = RecordEntryTable;
export type EntryResponse = RecordResponseTable;

export interface KeptWarning {
  key: string;
  ruleId: string;
  message: string;
  reason: string;
  /** Where the kept words are (in the version saved), so the person sees them marked. Older entries have none. */
  field?: string;
  start?: number;
  end?: number;
  words?: string;
  line?: number;
}

/**
 * Why warned words may stay: they refer to someone else (who), they are the person's own words
 * quoted, the person asked for them here, or a reason written out (`other`: at least a sentence).
 */
export type KeepWhy = 'someone-else' | 'quoted' | 'asked' | 'other';
export const KEEP_WHYS: readonly KeepWhy[] = ['someone-else', 'quoted', 'asked', 'other'];

export const KEEP_WHY_WORDS: Record<Exclude<KeepWhy, 'other'>, string> = {
  'someone-else': 'It refers to someone else',
  quoted: 'These are the person’s own words, quoted',
  asked: 'The person asked for this here',
};

/** A written reason is at least a sentence: four words and twenty letters ("habit" is not a reason). */
export function isASentence(text: string): boolean {
  const t = text.trim();
  return t.length >= 20 && (t.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 4;
}

/** The reason as it is kept and shown to the person, or undefined when it is not a reason. */
export function keptReason(why: KeepWhy | undefined, detail: string | undefined): string | undefined {
  const d = (detail ?? '').trim();
  if (why === 'someone-else') return d ? `${KEEP_WHY_WORDS[why]}: ${d}` : undefined;
  if (why === 'quoted' || why === 'asked') return d ? `${KEEP_WHY_WORDS[why]}: ${d}` : KEEP_WHY_WORDS[why];
  return isASentence(d) ? d : undefined;
}

export interface EntryView {
  entry: Entry;
  /** Every version, newest first, with who wrote it and the warned words kept with a reason. */
  revisions: Array<Awaited<ReturnType<typeof repo.listRevisions>>[number] & { author: string; kept: KeptWarning[] }>;
  responses: Array<EntryResponse & { answered_by_name: string | null }>;
  openCorrections: number;
}

/** An entry in a person's record, its history and their responses; NotFoundError if it is not theirs. */
export async function loadEntry(db: Conn, personId: string, entryId: string): Promise<EntryView> {
  const entry = await repo.getEntry(db, personId, entryId);
  if (!entry) throw new NotFoundError('Not found');
  const [revisions, responses] = await Promise.all([repo.listRevisions(db, entryId), repo.listResponses(db, entryId)]);
  const names = await displayNames(db, [...revisions.map((r) => r.author_id), ...responses.flatMap((r) => (r.answered_by ? [r.answered_by] : []))]);
  return {
    entry,
    revisions: revisions.map((r) => ({ ...r, author: names.get(r.author_id) ?? '', kept: parseJson<KeptWarning[]>(r.kept_warnings, []) })),
    responses: responses.map((r) => ({ ...r, answered_by_name: r.answered_by ? (names.get(r.answered_by) ?? null) : null })),
    openCorrections: responses.filter((r) => r.kind === 'correction' && r.status === 'open').length,
  };
}

/** Entries shown a page at a time on the person's page and in their record. */
export const ENTRIES_PER_PAGE = 20;

/** An entry in a list: who wrote it, how many corrections wait, and whether it is new to the person reading. */
export type ListedEntry = Entry & { authorName: string; openCorrections: number; isNew: boolean };

/**
 * One page of a person's entries, most recently changed first (`requested` is kept within the
 * pages there are). `reader: 'person'` marks what is new to them since they last read it.
 */
export async function loadEntryPage(db: Conn, personId: string, requested: number | undefined, reader: 'person' | 'staff' = 'staff') {
  const { total } = await repo.countEntries(db, personId);
  const page = pageOf(requested, total, ENTRIES_PER_PAGE);
  const rows = await repo.listEntries(db, personId, page);
  const [names, open, reads] = await Promise.all([
    displayNames(db, rows.map((e) => e.author_id)),
    repo.openCorrectionsByEntry(db, rows.map((e) => e.id)),
    reader === 'person' ? repo.readsOf(db, personId) : Promise.resolve(new Map<string, { revision: number }>()),
  ]);
  const entries: ListedEntry[] = rows.map((e) => ({
    ...e,
    authorName: names.get(e.author_id) ?? '',
    openCorrections: open.get(e.id) ?? 0,
    isNew: reader === 'person' && (reads.get(e.id)?.revision ?? 0) < e.revision,
  }));
  return { entries, page, total };
}

// ---------------------------------------------------------------------------------------------
// Saving through the language guard

export interface EntryInput {
  kind: EntryKind;
  title: string;
  body: string;
  recipient: string;
  changeReason: string;
  /** What the writer said about keeping warned words, by finding key: the detail (who, or the reason written out). */
  keep: Record<string, string>;
  /** Which reason from the list, by finding key; a detail without one is a reason written out. */
  keepWhy?: Record<string, KeepWhy>;
}

export interface Saved {
  saved: true;
  entryId: string;
  revision: number;
}

/** The guard stopped it: a block finding, or warnings without a reason to keep the words. */
export interface Stopped {
  saved: false;
  why: 'guard';
  findings: FieldFinding[];
  blocking: FieldFinding[];
  unexplained: FieldFinding[];
  /** Of those, the ones with something said that is not a reason (a word like "habit", or "someone else" without who). */
  weak: Array<FieldFinding & { key: string }>;
}

/** Someone else saved the entry first: nothing was saved; the latest version is `currentRevision`. */
export interface Stale {
  saved: false;
  why: 'stale';
  currentRevision: number;
}

/** Answering a correction: someone else answered it first, and nothing was saved. */
export interface AnsweredAlready {
  saved: false;
  why: 'answered';
}

export type SaveOutcome = Saved | Stopped | Stale | AnsweredAlready;

/** Thrown inside a save's transaction when what it was based on has changed; rolls it back. */
class StaleChange extends Error {
  override name = 'StaleChange';
}

/**
 * Saves a new entry after the language guard: a block finding stops it; a warning stops it
 * unless a reason to keep the words is given, and the reason is recorded.
 */
export async function saveEntry(db: Db, config: Config, actor: Actor, person: PersonSummary, input: EntryInput): Promise<Saved | Stopped> {
  const guide = await guideInForce(db);
  return saveInTransaction(db, config, actor, person, input, guide, undefined);
}

/** Saves a new version of an entry, based on `baseRevision` (the version the editor showed). */
export async function reviseEntry(db: Db, config: Config, actor: Actor, person: PersonSummary, entry: Entry, input: EntryInput, baseRevision: number): Promise<Saved | Stopped | Stale> {
  // The guide is read (and cached) outside the transaction; the check runs inside it.
  const guide = await guideInForce(db);
  try {
    return await saveInTransaction(db, config, actor, person, input, guide, { id: entry.id, expectedRevision: baseRevision });
  } catch (error) {
    if (!(error instanceof StaleChange)) throw error;
    const current = await repo.getEntry(db, person.id, entry.id);
    return { saved: false, why: 'stale', currentRevision: current?.revision ?? entry.revision };
  }
}

/**
 * Answers a correction request by changing the entry: a new version, and the correction marked
 * corrected in the same transaction. If someone answered it first, nothing is saved (`answered`).
 */
export async function correctEntry(
  db: Db,
  config: Config,
  actor: Actor,
  person: PersonSummary,
  entry: Entry,
  correctionId: string,
  input: EntryInput & { answer: string },
  baseRevision: number,
): Promise<SaveOutcome> {
  const guide = await guideInForce(db);
  try {
    return await saveInTransaction(db, config, actor, person, input, guide, { id: entry.id, expectedRevision: baseRevision }, (trx, entryId, revision) =>
      markCorrected(trx, actor, person.id, entryId, correctionId, input.answer, revision),
    );
  } catch (error) {
    if (!(error instanceof StaleChange)) throw error;
    const still = await repo.getResponse(db, entry.id, correctionId);
    if (still?.status !== 'open') return { saved: false, why: 'answered' };
    const current = await repo.getEntry(db, person.id, entry.id);
    return { saved: false, why: 'stale', currentRevision: current?.revision ?? entry.revision };
  }
}

/**
 * The guard on an entry as a save runs it (a previous name is a stop, written to the person's
 * access log; warnings need a reason): `checked` says what would stop the save.
 */
async function guardEntry(trx: Trx, config: Config, actor: Actor, person: PersonSummary, input: EntryInput, guide: Awaited<ReturnType<typeof guideInForce>>) {
  const fields = entryFields(input);
  const result = await checkAboutPerson(trx, config, person, fields, { source: 'record-entry', actorId: actor.id }, guide);
  const keyOf = (f: FieldFinding) => findingKey(fields[f.field] ?? '', f);
  const reasonOf = (f: FieldFinding) => keptReason(input.keepWhy?.[keyOf(f)], input.keep[keyOf(f)]);
  const unexplained = result.warnings.filter((f) => !reasonOf(f));
  const weak = unexplained.filter((f) => input.keep[keyOf(f)]?.trim() || input.keepWhy?.[keyOf(f)]).map((f) => ({ ...f, key: keyOf(f) }));
  const checked: Stopped = { saved: false, why: 'guard', findings: result.findings, blocking: result.blocking, unexplained, weak };
  return { checked, warnings: result.warnings, fields, keyOf, reasonOf };
}

/**
 * Checks an entry being written without saving it (after a one-click fix in the editor): the
 * same guard as a save, so a previous name counts as a stop here too. Nothing of the entry is stored.
 */
export async function checkEntry(db: Db, config: Config, actor: Actor, person: PersonSummary, input: EntryInput): Promise<Stopped> {
  const guide = await guideInForce(db);
  return inTransaction(db, async (trx) => (await guardEntry(trx, config, actor, person, input, guide)).checked);
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
): Promise<Saved | Stopped> {
  return inTransaction(db, async (trx): Promise<Saved | Stopped> => {
    // Re-read inside the transaction: the version this change is based on must still be the latest.
    const existing = change ? await repo.getEntry(trx, person.id, change.id) : undefined;
    if (change && (!existing || existing.revision !== change.expectedRevision)) throw new StaleChange();
    const { checked, warnings, fields, keyOf, reasonOf } = await guardEntry(trx, config, actor, person, input, guide);
    if (checked.blocking.length || checked.unexplained.length) return checked;
    const kept: KeptWarning[] = warnings.map((f) => {
      const key = keyOf(f);
      const text = fields[f.field] ?? '';
      return { key, ruleId: f.ruleId, message: f.message, reason: reasonOf(f)!, field: f.field, start: f.start, end: f.end, words: text.slice(f.start, f.end), line: f.line };
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
        // A changed letter is a new letter to review, whatever the person said of the last one.
        ...(existing.kind === 'letter' && (existing.letter_status === 'reviewed' || existing.letter_status === 'objected') ? { letter_status: 'awaiting-review' as const, reviewed_at: null } : {}),
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
        objection_discussed: null,
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
    const isLetter = (existing?.kind ?? input.kind) === 'letter';
    await raiseNotice(trx, person.id, {
      purpose: 'record-entry',
      text: isLetter ? (existing ? 'A letter about you was changed: it is ready for you to review again' : 'A letter about you is ready for you to review') : existing ? 'An entry in your record was updated' : 'There is a new entry in your record',
      href: `/me/record/${entryId}`,
    });
    return { saved: true, entryId, revision };
  });
}

/** Marks a correction answered by a new revision; if someone answered it first, the save is rolled back (StaleChange). */
async function markCorrected(trx: Trx, actor: Actor, personId: string, entryId: string, responseId: string, answer: string, revision: number): Promise<void> {
  const response = await repo.getResponse(trx, entryId, responseId);
  if (!response || response.person_id !== personId || response.kind !== 'correction' || response.status !== 'open') throw new StaleChange();
  if (!(await repo.answerCorrection(trx, responseId, { status: 'corrected', answer, answeredBy: actor.id, answerRevision: revision }))) throw new StaleChange();
  await audit(trx, { actorId: actor.id, action: 'record.correction.corrected', subject: personId, detail: { entry: entryId, response: responseId, revision } });
}

// ---------------------------------------------------------------------------------------------
// The person's responses, and staff's answers

/**
 * The person answers an entry in their own words. When what they write suggests they may be at
 * risk, it is raised in the duty queue in the same transaction (their practitioner still reads it
 * beside the entry: it is written to them), and `risk` tells the page to put crisis help first.
 */
export async function respond(db: Db, config: Config, person: Actor, entryId: string, kind: 'view' | 'agree' | 'correction', body: string): Promise<{ risk: boolean }> {
  return inTransaction(db, async (trx) => {
    const entry = await repo.getEntry(trx, person.id, entryId);
    if (!entry) throw new NotFoundError('Not found');
    // A name they asked us to protect is never stored, nor reaches their practitioner or the duty team.
    await guardOwnWords(trx, person.id, { body });
    const responseId = await repo.insertResponse(trx, { entry_id: entryId, person_id: person.id, revision: entry.revision, kind, body: body || null, status: kind === 'correction' ? 'open' : null });
    await audit(trx, { actorId: person.id, action: `record.response.${kind}`, subject: person.id, detail: { entry: entryId } });
    const risk = Boolean(body) && suggestsRisk(body);
    if (risk) await raiseDutyAlert(trx, config, { source: 'record-response', sourceId: responseId, personId: person.id, body });
    return { risk };
  });
}

/**
 * Staff decline a correction with a reason (a correction made is answered through correctEntry).
 * `answered`: someone else answered it first, and this answer was not saved.
 */
export async function declineCorrection(db: Db, config: Config, actor: Actor, personId: string, entryId: string, responseId: string, reason: string): Promise<'declined' | 'answered'> {
  return inTransaction(db, async (trx) => {
    const response = await repo.getResponse(trx, entryId, responseId);
    if (!response || response.person_id !== personId || response.kind !== 'correction' || response.status !== 'open') return 'answered';
    if (!(await repo.answerCorrection(trx, responseId, { status: 'declined', answer: reason, answeredBy: actor.id, answerRevision: null }))) return 'answered';
    await audit(trx, { actorId: actor.id, action: 'record.correction.declined', subject: personId, detail: { entry: entryId, response: responseId } });
    await raiseNotice(trx, personId, { purpose: 'record-correction-answer', text: 'There is an answer to your correction', href: `/me/record/${entryId}` });
    return 'declined';
  });
}

/**
 * `needs-reason`: the person has not reviewed the letter, and no reason was given to send it now.
 * `needs-discussion`: the person asked for it not to be sent yet, and the practitioner has not
 * recorded that they discussed it with them.
 */
export type SendRefusal = 'needs-reason' | 'needs-discussion';

/**
 * Marks a letter sent: after the person's review; before it only with a recorded reason; after
 * they objected only with a record of discussing it with them. NotFoundError when it is not a
 * letter waiting to be sent.
 */
export async function markSent(db: Db, config: Config, actor: Actor, personId: string, entryId: string, reason: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const entry = await repo.getEntry(trx, personId, entryId);
    if (!entry || entry.kind !== 'letter' || entry.letter_status === 'sent') throw new NotFoundError('Not found');
    const reviewed = entry.letter_status === 'reviewed';
    const objected = entry.letter_status === 'objected';
    if (objected && !reason) throw new Refusal<SendRefusal>('needs-discussion');
    if (!reviewed && !objected && !reason) throw new Refusal<SendRefusal>('needs-reason');
    await repo.updateEntry(trx, entryId, {
      letter_status: 'sent',
      sent_at: nowIso(),
      sent_by: actor.id,
      sent_without_review_reason: reviewed || objected ? null : reason,
      objection_discussed: objected ? reason : null,
    });
    const action = reviewed ? 'record.letter.sent' : objected ? 'record.letter.sent-after-objection' : 'record.letter.sent-without-review';
    await audit(trx, { actorId: actor.id, action, subject: personId, detail: { entry: entryId } });
    if (!reviewed) await raiseNotice(trx, personId, { purpose: 'record-letter-sent', text: 'A letter about you was sent', href: `/me/record/${entryId}` });
  });
}

/** The person's one decision on a letter: it can be sent, please don't send it yet (and why), or a correction. */
export type LetterDecision = 'send' | 'hold' | 'correct';

/**
 * The person decides about a letter waiting for them (or one they asked to hold and have now
 * thought again about). `send` marks it reviewed; `hold` marks it objected, with their reason,
 * and the practitioner may then send it only after recording that they discussed it; `correct`
 * asks for a correction and leaves it waiting. What they write is read for risk, as any response.
 */
export async function decideLetter(db: Db, config: Config, person: Actor, entryId: string, decision: LetterDecision, body: string): Promise<{ risk: boolean }> {
  return inTransaction(db, async (trx) => {
    const entry = await repo.getEntry(trx, person.id, entryId);
    if (!entry || entry.kind !== 'letter' || (entry.letter_status !== 'awaiting-review' && entry.letter_status !== 'objected')) throw new NotFoundError('Not found');
    await guardOwnWords(trx, person.id, { body });
    const kind: ResponseKind = decision === 'send' ? 'review' : decision === 'hold' ? 'objection' : 'correction';
    const responseId = await repo.insertResponse(trx, { entry_id: entryId, person_id: person.id, revision: entry.revision, kind, body: body || null, status: kind === 'correction' ? 'open' : null });
    if (decision === 'send') await repo.updateEntry(trx, entryId, { letter_status: 'reviewed', reviewed_at: nowIso() });
    if (decision === 'hold') await repo.updateEntry(trx, entryId, { letter_status: 'objected', reviewed_at: nowIso() });
    await audit(trx, { actorId: person.id, action: `record.response.${kind}`, subject: person.id, detail: { entry: entryId } });
    const risk = Boolean(body) && suggestsRisk(body);
    if (risk) await raiseDutyAlert(trx, config, { source: 'record-response', sourceId: responseId, personId: person.id, body });
    return { risk };
  });
}

/** The person opens an entry of their own record: it is no longer new to them, nor are the notices about it. */
export async function readOwnEntry(db: Db, personId: string, entryId: string): Promise<EntryView> {
  const view = await loadEntry(db, personId, entryId);
  await inTransaction(db, async (trx) => {
    await repo.markRead(trx, personId, entryId, view.entry.revision);
    await noticesSeen(trx, personId, `/me/record/${entryId}`);
  });
  return view;
}
