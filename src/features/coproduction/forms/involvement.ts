// The involvement forms: a member recording their own time and expenses, approving or declining
// someone's time, and the lead's payment run for a period; and each refusal in words. Pure.
import type { FieldError } from '../../../platform/forms.ts';
import { text } from '../../../platform/forms.ts';
import { poundsPlain, readPounds } from '../payment.ts';
import type { DecideRefusal, InvolvementKind, MeetingTimeRefusal, OwnTime, OwnTimeChange, OwnTimeChangeRefusal, PaidRefusal, PaymentRunRefusal, RecordRefusal } from '../service/involvement.ts';
import type { Read } from './common.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const KINDS: readonly InvolvementKind[] = ['meeting', 'reading', 'preparation'];

export type OwnTimeValues = { kind: string; meetingId: string; workedOn: string; hours: string; minutes: string; expenses: string; expensesNote: string; unpaid: string };

/** `known`: the meetings a member may record time for (their ids). Time is hours and minutes. */
export function readOwnTimeForm(body: unknown, known: ReadonlySet<string>): Read<OwnTimeValues, OwnTime> {
  const values: OwnTimeValues = {
    kind: text(body, 'kind'), meetingId: text(body, 'meetingId'), workedOn: text(body, 'workedOn'), hours: text(body, 'hours'),
    minutes: text(body, 'minutes'), expenses: text(body, 'expenses'), expensesNote: text(body, 'expensesNote'), unpaid: text(body, 'unpaid'),
  };
  const errors: FieldError[] = [];
  const kind = KINDS.find((k) => k === values.kind);
  if (!kind) errors.push({ field: 'kind', message: 'Choose what the time was for' });
  if (kind === 'meeting' && !known.has(values.meetingId)) errors.push({ field: 'meetingId', message: 'Choose the meeting' });
  if (kind && kind !== 'meeting' && !validDate(values.workedOn)) errors.push({ field: 'workedOn', message: 'Enter the date as year-month-day, like 2026-12-03' });
  const hours = values.hours === '' ? 0 : Number(values.hours);
  const mins = values.minutes === '' ? 0 : Number(values.minutes);
  const total = hours * 60 + mins;
  if (!Number.isInteger(hours) || hours < 0 || hours > 24) errors.push({ field: 'hours', message: 'Enter the hours as a whole number from 0 to 24' });
  else if (!Number.isInteger(mins) || mins < 0 || mins > 59) errors.push({ field: 'hours', message: 'Enter the minutes as a whole number from 0 to 59' });
  else if (total < 1 || total > 24 * 60) errors.push({ field: 'hours', message: 'Enter the time you gave, from 1 minute to 24 hours' });
  const expensesPence = values.expenses === '' ? 0 : readPounds(values.expenses);
  if (expensesPence === null || expensesPence > 100_000) errors.push({ field: 'expenses', message: 'Enter expenses in pounds, like 4.50, up to £1,000 (or leave it blank)' });
  if (values.expensesNote.length > 500) errors.push({ field: 'expensesNote', message: 'Say what the expenses were in 500 characters or fewer' });
  else if ((expensesPence ?? 0) > 0 && !values.expensesNote) errors.push({ field: 'expensesNote', message: 'Say what the expenses were for, like “bus fare”' });
  if (errors.length || !kind) return { values, errors, input: null };
  return {
    values, errors,
    input: { kind, meetingId: kind === 'meeting' ? values.meetingId : null, workedOn: values.workedOn, minutes: total, expensesPence: expensesPence ?? 0, expensesNote: values.expensesNote, unpaid: values.unpaid === 'yes' },
  };
}

/**
 * A member correcting their own time: the same fields, checked the same way, for time whose
 * purpose (and, for a meeting, date) stays what it was.
 */
export function readTimeChangeForm(body: unknown, entry: { kind: InvolvementKind; meetingId: string | null }): Read<OwnTimeValues, OwnTimeChange> {
  const fixed = { ...(body as Record<string, unknown>), kind: entry.kind, meetingId: entry.meetingId ?? '', workedOn: entry.meetingId ? '' : text(body, 'workedOn') };
  const form = readOwnTimeForm(fixed, new Set(entry.meetingId ? [entry.meetingId] : []));
  return { values: form.values, errors: form.errors, input: form.input };
}

/** What an entry holds, as its change form shows it. */
export function timeChangeValues(entry: OwnTime): OwnTimeValues {
  return {
    kind: entry.kind, meetingId: entry.meetingId ?? '', workedOn: entry.workedOn, hours: String(Math.floor(entry.minutes / 60)), minutes: String(entry.minutes % 60),
    expenses: entry.expensesPence ? poundsPlain(entry.expensesPence) : '', expensesNote: entry.expensesNote, unpaid: entry.unpaid ? 'yes' : '',
  };
}

export function readDecisionForm(body: unknown): 'approve' | 'decline' | null {
  const d = text(body, 'decision');
  return d === 'approve' || d === 'decline' ? d : null;
}

export function readPaymentRunForm(body: unknown): Read<{ from: string; to: string }, { from: string; to: string }> {
  const values = { from: text(body, 'from'), to: text(body, 'to') };
  const errors: FieldError[] = [];
  if (!validDate(values.from)) errors.push({ field: 'from', message: 'Enter the first day as year-month-day, like 2026-12-01' });
  if (!validDate(values.to)) errors.push({ field: 'to', message: 'Enter the last day as year-month-day, like 2026-12-31' });
  return { values, errors, input: errors.length ? null : values };
}

export const RECORD_REFUSALS: Record<RecordRefusal, FieldError> = {
  'group-members-only': { field: 'kind', message: 'Only Coproduction Group members record involvement time to be paid for.' },
  'already-recorded': { field: 'meetingId', message: 'Your time for this meeting is already recorded.' },
};

export const DECIDE_REFUSALS: Record<DecideRefusal, FieldError> = {
  'own-time': { field: 'approvals', message: 'You cannot approve your own time: the facilitator or the lead does.' },
  'not-your-approval': { field: 'approvals', message: 'Only the meeting’s facilitator or the lead can approve this time.' },
  'already-decided': { field: 'approvals', message: 'That time has already been approved or declined.' },
};

export const MEETING_TIME_REFUSALS: Record<MeetingTimeRefusal, FieldError> = {
  'only-facilitator': { field: 'attendance', message: 'Only the meeting’s facilitator or the lead can record other people’s time. Record your own time on “Your involvement”.' },
  'already-in-payment-run': { field: 'attendance', message: 'Some of this time is already in a payment run, so it cannot be changed here.' },
};

export const PAYMENT_RUN_REFUSALS: Record<PaymentRunRefusal, FieldError> = {
  'nothing-to-pay': { field: 'from', message: 'There is no approved time or expenses to pay in that period.' },
  'period-order': { field: 'to', message: 'The last day must be the same as or after the first day' },
};

export const PAID_REFUSALS: Record<PaidRefusal, FieldError> = {
  'already-paid': { field: 'paid', message: 'This payment run has already been marked as paid.' },
};

export const TIME_CHANGE_REFUSALS: Record<OwnTimeChangeRefusal, FieldError> = {
  'not-your-time': { field: 'hours', message: 'You can change or withdraw only your own time.' },
  'no-longer-pending': { field: 'hours', message: 'This time has already been approved or declined, so it can no longer be changed or withdrawn. Ask the meeting’s facilitator or the lead if it is wrong.' },
};
