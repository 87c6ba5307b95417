// Page data for "Your involvement": the benefits-advice note, the rates, what the member is owed
// and has been paid, their time and the form to record more; for a facilitator or the lead the
// time awaiting their approval; for the lead the payment runs. Pure.
import type { InvolvementPayment } from '../../../platform/config.ts';
import type { FieldError } from '../../../platform/forms.ts';
import { hasRole, type Actor } from '../../../platform/policy.ts';
import type { OwnTimeValues } from '../forms/involvement.ts';
import { pounds } from '../payment.ts';
import { INVOLVEMENT_KINDS, type AwaitingApproval, type InvolvementEntry, type MemberInvolvement, type PaymentRunView } from '../service/involvement.ts';
import type { MeetingTable, PaymentRunTable } from '../tables.ts';
import { errorData, subNav } from './common.ts';

const STATUS: Record<InvolvementEntry['status'], string> = { awaiting: 'Awaiting approval', approved: 'Approved, to be paid', declined: 'Declined', paid: 'Paid' };
const hoursWords = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '', m ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : ''].filter(Boolean).join(' ');
};
const money = (p: { timePence: number; expensesPence: number }) => ({ time: pounds(p.timePence), expenses: pounds(p.expensesPence), total: pounds(p.timePence + p.expensesPence) });

export const rateWords = (r: InvolvementPayment) => `${pounds(r.hourPence)} an hour for up to four hours (never more than the half-day rate of ${pounds(r.halfDayPence)}), and ${pounds(r.dayPence)} for more than four hours`;
export const methodWords = (method: string) => (method === 'voucher' ? 'by voucher' : 'through payroll');

export interface InvolvementPageInput {
  mine: MemberInvolvement;
  meetings: MeetingTable[];
  approvals: AwaitingApproval[];
  runs: PaymentRunTable[];
}

export function involvementPage(view: InvolvementPageInput, actor: Actor, form: { values?: Partial<OwnTimeValues> & { from?: string; to?: string }; errors?: FieldError[] } = {}) {
  const names = new Map(view.meetings.map((m) => [m.id, m.title]));
  const v = form.values ?? {};
  const today = new Date().toISOString().slice(0, 10);
  const kind = v.kind ?? 'meeting';
  return {
    pageTitle: 'Your involvement',
    subNav: subNav('/coproduction/involvement', actor),
    isMember: hasRole(actor, 'group'),
    isLead: hasRole(actor, 'lead'),
    rates: rateWords(view.mine.rates),
    method: methodWords(view.mine.rates.method),
    benefitsAdviceUrl: view.mine.rates.benefitsAdviceUrl,
    awaiting: money(view.mine.awaiting),
    owed: money(view.mine.owed),
    paid: money(view.mine.paid),
    entries: view.mine.entries.map((e) => ({
      id: e.id,
      changeable: e.status === 'awaiting',
      date: e.workedOn,
      what: e.meetingId ? `${INVOLVEMENT_KINDS[e.kind]}: ${names.get(e.meetingId) ?? ''}` : INVOLVEMENT_KINDS[e.kind],
      time: hoursWords(e.minutes),
      worth: e.unpaid ? 'Given unpaid' : pounds(e.timePence),
      expenses: e.expensesPence ? `${pounds(e.expensesPence)} (${e.expensesNote})` : 'None',
      status: STATUS[e.status],
    })),
    kindItems: (['meeting', 'reading', 'preparation'] as const).map((k) => ({ value: k, text: INVOLVEMENT_KINDS[k], checked: kind === k })),
    meetingItems: [{ value: '', text: 'Choose a meeting' }, ...view.meetings.map((m) => ({ value: m.id, text: `${m.title} (${m.held_on})`, selected: v.meetingId === m.id }))],
    values: { workedOn: v.workedOn ?? today, hours: v.hours ?? '', minutes: v.minutes ?? '', expenses: v.expenses ?? '', expensesNote: v.expensesNote ?? '', from: v.from ?? '', to: v.to ?? '' },
    unpaidItems: [{ value: 'yes', text: 'I choose to give this time unpaid', hint: { text: 'Expenses are still paid back.' }, checked: v.unpaid === 'yes' }],
    approvals: view.approvals.map((a) => ({
      id: a.id,
      who: a.displayName,
      what: a.meetingId ? `${INVOLVEMENT_KINDS[a.kind]}: ${names.get(a.meetingId) ?? ''}` : INVOLVEMENT_KINDS[a.kind],
      date: a.workedOn,
      time: hoursWords(a.minutes),
      worth: a.unpaid ? 'Given unpaid' : pounds(a.timePence),
      expenses: a.expensesPence ? `${pounds(a.expensesPence)} (${a.expensesNote})` : 'None',
    })),
    runs: view.runs.map((r) => ({ id: r.id, period: `${r.period_from} to ${r.period_to}`, total: pounds(r.time_pence + r.expenses_pence), paid: r.paid_at !== null })),
    ...errorData(form.errors),
  };
}

/** A member's own piece of time, to change or withdraw while it awaits approval. */
export function timeChangePage(entry: InvolvementEntry, meetingTitle: string | undefined, actor: Actor, form: { values: OwnTimeValues; errors?: FieldError[] }) {
  const v = form.values;
  return {
    pageTitle: 'Change your time',
    subNav: subNav('/coproduction/involvement', actor),
    entry: { id: entry.id, what: meetingTitle ? `${INVOLVEMENT_KINDS[entry.kind]}: ${meetingTitle}` : INVOLVEMENT_KINDS[entry.kind], date: entry.workedOn, isMeeting: entry.meetingId !== null, status: STATUS[entry.status] },
    pending: entry.status === 'awaiting',
    values: v,
    unpaidItems: [{ value: 'yes', text: 'I choose to give this time unpaid', hint: { text: 'Expenses are still paid back.' }, checked: v.unpaid === 'yes' }],
    ...errorData(form.errors),
  };
}

export function paymentRunPage(view: PaymentRunView, actor: Actor, errors?: FieldError[]) {
  const { run } = view;
  return {
    pageTitle: `Payment run ${run.period_from} to ${run.period_to}`,
    subNav: subNav('/coproduction/involvement', actor),
    run,
    method: methodWords(run.method),
    lines: view.lines.map((l) => ({ name: l.displayName, hours: (l.minutes / 60).toFixed(2), time: pounds(l.timePence), expenses: pounds(l.expensesPence), total: pounds(l.timePence + l.expensesPence) })),
    totals: money({ timePence: run.time_pence, expensesPence: run.expenses_pence }),
    paid: run.paid_at !== null,
    ...errorData(errors),
  };
}
