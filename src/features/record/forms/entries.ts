// The record editor's forms (a new entry, a change, an answer to a correction, marking a letter
// sent) and the words for what the guard, or someone else's save, stopped. Pure.
import { text, type FieldError } from '../../../platform/forms.ts';
import { applyOfferedFixes, fixPlace, readFixes, type FixOutcome, type OfferedFix } from '../fixes.ts';
import { NAME_REMOVED, withoutPreviousNames, type FieldFinding } from '../guard.ts';
import { ENTRY_BODY_MAX } from '../schemas.ts';
import { KEEP_WHYS, type Entry, type KeepWhy, type Stopped, type SendRefusal } from '../service/entries.ts';
import type { EntryKind } from '../tables.ts';

export interface EntryFormValues {
  title: string;
  body: string;
  recipient: string;
  changeReason: string;
  answer?: string;
  outcome?: string;
}

export interface EntryForm {
  values: EntryFormValues;
  /** Reasons to keep warned words, by finding key (from the keep_<key> fields): who, or the reason written out. */
  keep: Record<string, string>;
  /** The reason chosen from the list, by finding key (the keepwhy_<key> radios). */
  keepWhy: Record<string, KeepWhy>;
  errors: FieldError[];
}

const NO_TITLE: FieldError = { field: 'title', message: 'Enter a title' };
const NO_BODY: FieldError = { field: 'body', message: 'Write the entry' };
const NO_CHANGE_REASON: FieldError = { field: 'changeReason', message: 'Say what changed and why. The person will read it' };

/** What every editor form sends: the entry's fields and the reasons to keep warned words. */
export function readEntryForm(body: unknown): EntryForm {
  const values = {
    title: text(body, 'title'),
    body: typeof (body as Record<string, unknown>)?.body === 'string' ? ((body as Record<string, string>).body ?? '').replace(/\r\n/g, '\n').trim() : '',
    recipient: text(body, 'recipient'),
    changeReason: text(body, 'changeReason'),
    answer: text(body, 'answer'),
  };
  const keep: Record<string, string> = {};
  const keepWhy: Record<string, KeepWhy> = {};
  for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {})) {
    if (/^keep_w[0-9a-f]{12}$/.test(k) && typeof v === 'string' && v.trim()) keep[k.slice(5)] = v.trim().slice(0, 1000);
    if (/^keepwhy_w[0-9a-f]{12}$/.test(k) && typeof v === 'string' && (KEEP_WHYS as readonly string[]).includes(v)) keepWhy[k.slice(8)] = v as KeepWhy;
  }
  const errors: FieldError[] = [];
  if (!values.title) errors.push(NO_TITLE);
  else if (values.title.length > 200) errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' });
  if (!values.body) errors.push(NO_BODY);
  else if (values.body.length > ENTRY_BODY_MAX) errors.push({ field: 'body', message: `The entry must be ${ENTRY_BODY_MAX.toLocaleString('en-GB')} characters or fewer. It is ${values.body.length.toLocaleString('en-GB')}: shorten it, or split it into two entries` });
  if (values.changeReason.length > 1000) errors.push({ field: 'changeReason', message: 'Reason must be 1,000 characters or fewer' });
  for (const field of ['title', 'body', 'recipient'] as const) {
    if (values[field].includes(NAME_REMOVED)) errors.push({ field, message: `Replace ${NAME_REMOVED} with the name the person uses` });
  }
  return { values, keep, keepWhy, errors };
}

const NO_RECIPIENT: FieldError = { field: 'recipient', message: 'Enter who the letter is to, for example their GP' };

export function readNewEntryForm(body: unknown, kind: EntryKind): EntryForm {
  const form = readEntryForm(body);
  if (kind === 'letter' && !form.values.recipient) form.errors.push(NO_RECIPIENT);
  if (form.values.recipient.length > 500) form.errors.push({ field: 'recipient', message: 'Recipient must be 500 characters or fewer' });
  return form;
}

/** The revision the form was based on (a hidden field), or the entry's when the form did not say. */
function baseRevisionOf(body: unknown, entry: Entry): number {
  const n = Number(text(body, 'revision'));
  return Number.isInteger(n) && n > 0 ? n : entry.revision;
}

/** A change to an entry: what changed and why is needed, and the person reads it. */
export function readChangeForm(body: unknown, entry: Entry): EntryForm & { baseRevision: number } {
  const form = readEntryForm(body);
  if (entry.kind === 'letter' && !form.values.recipient) form.errors.push(NO_RECIPIENT);
  if (!form.values.changeReason) form.errors.push(NO_CHANGE_REASON);
  return { ...form, baseRevision: baseRevisionOf(body, entry) };
}

/**
 * The answer to a correction request: the entry changed (`corrected`) or kept (`declined`), and
 * the answer the person reads. The entry's fields count only when it was changed.
 */
export function readCorrectionForm(body: unknown, entry: Entry): EntryForm & { outcome: string; answer: string; baseRevision: number } {
  const form = readEntryForm(body);
  return { ...form, outcome: text(body, 'outcome'), answer: form.values.answer ?? '', baseRevision: baseRevisionOf(body, entry) };
}

/** The correction form's errors, in the order the page lists them; `notes` are the errors of the staff notes in it. */
export function correctionErrors(form: ReturnType<typeof readCorrectionForm>, entry: Entry, notes: FieldError[]): FieldError[] {
  const errors: FieldError[] = [];
  if (form.outcome !== 'corrected' && form.outcome !== 'declined') errors.push({ field: 'outcome', message: 'Choose whether you changed the entry or are keeping it' });
  if (!form.answer) errors.push({ field: 'answer', message: 'Write your answer to the person' });
  else if (form.answer.length > 5000) errors.push({ field: 'answer', message: 'Answer must be 5,000 characters or fewer' });
  errors.push(...notes);
  if (form.outcome === 'corrected') {
    errors.push(...form.errors);
    if (!form.errors.length && form.values.body === entry.body && form.values.title === entry.title && form.values.recipient === (entry.recipient ?? '')) {
      errors.push({ field: 'body', message: 'Change the entry, or choose to keep it and say why' });
    }
  }
  return errors;
}

/** The kept-warning reasons as note fields (keep_<key>), and back. */
export const keepNotes = (keep: Record<string, string>) => Object.fromEntries(Object.entries(keep).map(([k, v]) => [`keep_${k}`, v]));
export const keepFrom = (notes: Record<string, string>) => Object.fromEntries(Object.entries(notes).filter(([k]) => k.startsWith('keep_')).map(([k, v]) => [k.slice(5), v]));

/**
 * The errors of the staff notes the person reads (reasons and answers), given the previous names
 * the guard found in them (`blocked`), and the notes as shown again: with the name taken out.
 */
export function noteErrors(notes: Record<string, string>, blocked: FieldFinding[], personName: string): { errors: FieldError[]; cleaned: Record<string, string> } {
  const errors: FieldError[] = [];
  const cleaned = { ...notes };
  for (const [field, value] of Object.entries(notes)) {
    if (value.includes(NAME_REMOVED)) errors.push({ field, message: `Replace ${NAME_REMOVED} with the name the person uses` });
  }
  for (const field of new Set(blocked.map((f) => f.field))) {
    cleaned[field] = withoutPreviousNames(notes[field] ?? '', blocked.filter((f) => f.field === field));
    errors.push({ field, message: `This cannot be saved: it uses a name ${personName} no longer uses. We have taken it out; use their name` });
  }
  return { errors, cleaned };
}

/** What the guard found that stops the save, in words. */
export function guardErrors(outcome: Stopped, personName: string): FieldError[] {
  const errors: FieldError[] = [];
  if (outcome.blocking.length) errors.push({ field: 'body', message: `This cannot be saved: it uses a name ${personName} no longer uses. We have taken it out; use their name` });
  const missing = outcome.unexplained.length - outcome.weak.length;
  if (missing > 0) errors.push({ field: 'findings', message: `Change the ${missing === 1 ? 'highlighted words' : `${missing} highlighted words`}, or say why they should stay` });
  for (const f of outcome.weak.filter((w, i) => outcome.weak.findIndex((x) => x.key === w.key) === i)) {
    errors.push({ field: `keep_${f.key}`, message: `Say why “${f.message.match(/“([^”]+)”/)?.[1] ?? 'these words'}” on line ${f.line} should stay: choose a reason, say who it refers to, or write the reason out in a sentence the person will understand` });
  }
  return errors;
}

/**
 * A one-click fix: the editor's `fix` button (a fix's index, or `all`) with the fixes the page
 * offered (`fixes`, signed for this editor's `scope`), made in the fields as submitted. Undefined
 * when no fix button was pressed (a save). `values` are the fields to read the form from.
 */
export function readFixRequest(body: unknown, secret: string, scope: string): (FixOutcome & { values?: Record<string, string> }) | undefined {
  const choice = text(body, 'fix');
  if (!choice) return undefined;
  const { title, body: entryBody, recipient } = readEntryForm(body).values;
  return applyOfferedFixes({ title, body: entryBody, recipient }, readFixes(secret, scope, text(body, 'fixes')), choice);
}

/** The form's errors worth saying after a fix: not what is still to be written (that is said when they save). */
export const whileFixing = (errors: FieldError[]) => errors.filter((e) => e !== NO_TITLE && e !== NO_BODY && e !== NO_RECIPIENT && e !== NO_CHANGE_REASON);

/** Why a fix was not made, in words beside the text. */
export function fixError(outcome: Extract<FixOutcome, { ok: false }>): FieldError {
  if (outcome.why === 'moved' && outcome.fix) {
    return { field: 'body', message: `The text changed after it was checked, so we did not change ${outcome.fix.words === NAME_REMOVED ? NAME_REMOVED : `‘${outcome.fix.words}’`} (${fixPlace(outcome.fix)}). We have checked it again: the findings below are for the text as it is now` };
  }
  return { field: 'body', message: 'We could not make that change: it was not one this page offered. We have checked the text again: use a button below, or change the words yourself' };
}

/** What a fix changed, for the page to say: nothing is saved yet. */
export function fixDone(applied: readonly OfferedFix[]): string {
  const what = applied.map((f) => `${f.words === NAME_REMOVED ? NAME_REMOVED : `‘${f.words}’`} to ‘${f.replacement}’ (${fixPlace(f)})`);
  return `Changed ${what.length > 2 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what.join(' and ')}. Nothing is saved until you press Save`;
}

/** Someone else saved a newer version first: their text is kept, and the form is now based on the latest. */
export const STALE_ERROR: FieldError = { field: 'body', message: 'Someone else changed this entry while you were editing: check their version, then save again' };

export function readSendForm(body: unknown): { reason: string; errors: FieldError[] } {
  const reason = text(body, 'reason');
  return { reason, errors: reason.length > 1000 ? [{ field: 'reason', message: 'Reason must be 1,000 characters or fewer' }] : [] };
}

export const SEND_REFUSALS: Record<SendRefusal, FieldError> = {
  'needs-reason': { field: 'reason', message: 'The person has not reviewed this letter yet. Wait for them, or give the reason it must go now. They will read it' },
  'needs-discussion': { field: 'reason', message: 'The person asked for this letter not to be sent yet. Talk it through with them first, then say what you agreed. They will read it' },
};
