// Involvement recognised and paid. A group member records their own time (a meeting, reading,
// preparation) and expenses; the meeting's facilitator (whoever planned it) or the lead approves
// it, never the member themselves. A facilitator or the lead may record or change a member's time
// for a meeting, and that change is its approval record; nobody else may touch another member's
// time. The lead puts approved time for a period in a payment run (each piece's worth fixed then,
// at the service's rates), exports it and marks it paid. Money is integer pence. While their time
// still awaits approval, the member (and only they) may change or withdraw it; once approved,
// declined or in a payment run it is fixed.
import { namesAndEmails } from '../../accounts/index.ts';
import type { InvolvementPayment } from '../../../platform/config.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../../platform/db/database.ts';
import { toCsv } from '../../../platform/formats/csv.ts';
import { hasRole, NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { poundsPlain, timePence } from '../payment.ts';
import * as repo from '../repository/index.ts';
import type { InvolvementTable, MeetingTable, PaymentRunTable } from '../tables.ts';

export type InvolvementKind = 'meeting' | 'reading' | 'preparation';
export const INVOLVEMENT_KINDS: Record<InvolvementKind, string> = { meeting: 'A meeting', reading: 'Reading', preparation: 'Preparation' };

export type RecordRefusal = 'group-members-only' | 'already-recorded';
export type DecideRefusal = 'own-time' | 'not-your-approval' | 'already-decided';
export type MeetingTimeRefusal = 'only-facilitator' | 'already-in-payment-run';
export type PaymentRunRefusal = 'nothing-to-pay' | 'period-order';
export type PaidRefusal = 'already-paid';
export type OwnTimeChangeRefusal = 'not-your-time' | 'no-longer-pending';

export interface OwnTime {
  kind: InvolvementKind;
  meetingId: string | null;
  workedOn: string;
  minutes: number;
  expensesPence: number;
  expensesNote: string;
  unpaid: boolean;
}

/** What a member may change in their own time while it awaits approval (not what it was for). */
export type OwnTimeChange = Pick<OwnTime, 'workedOn' | 'minutes' | 'expensesPence' | 'expensesNote' | 'unpaid'>;

const isLead = (actor: Actor) => hasRole(actor, 'lead');

/**
 * What a piece of time is worth: nothing when given unpaid; the worth a payment run fixed; or,
 * until a run takes it, its minutes at the service's rates.
 */
const worthOf = (row: Pick<InvolvementTable, 'unpaid' | 'minutes' | 'time_pence'>, rates: InvolvementPayment): number =>
  row.unpaid === 1 ? 0 : (row.time_pence ?? timePence(row.minutes, rates));

/** A group member records their own time; it waits for the facilitator or the lead to approve it. */
export async function recordOwnTime(db: Db, actor: Actor, input: OwnTime, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    if (!hasRole(actor, 'group')) throw new Refusal<RecordRefusal>('group-members-only');
    let workedOn = input.workedOn;
    if (input.meetingId) {
      const meeting = await repo.getMeeting(trx, input.meetingId);
      if (!meeting) throw new NotFoundError();
      workedOn = meeting.held_on;
      const mine = (await repo.involvementForMeeting(trx, meeting.id)).filter((e) => e.account_id === actor.id && e.kind === 'meeting');
      if (input.kind === 'meeting' && mine.length) throw new Refusal<RecordRefusal>('already-recorded');
    }
    const id = await repo.insertInvolvement(trx, {
      account_id: actor.id, meeting_id: input.meetingId, kind: input.kind, worked_on: workedOn, minutes: input.minutes,
      expenses_pence: input.expensesPence, expenses_note: input.expensesNote, unpaid: input.unpaid ? 1 : 0,
      status: 'awaiting', recorded_by: actor.id, recorded_at: at, decided_by: null, decided_at: null,
    });
    await audit(trx, { actorId: actor.id, action: 'coproduction.involvement-recorded', subject: id, detail: { minutes: input.minutes, expensesPence: input.expensesPence } });
    return id;
  });
}

/**
 * The member's own time while it awaits approval. Anyone else's (a facilitator's or the lead's
 * too: they change a member's time only through the meeting's attendance form, which is its
 * approval record) is `not-your-time`; time approved, declined or in a payment run is fixed.
 */
async function ownPendingTime(trx: Conn, actor: Actor, id: string): Promise<InvolvementTable> {
  const entry = await repo.getInvolvement(trx, id);
  if (!entry) throw new NotFoundError();
  if (entry.account_id !== actor.id) throw new Refusal<OwnTimeChangeRefusal>('not-your-time');
  if (entry.status !== 'awaiting' || entry.payment_run_id !== null) throw new Refusal<OwnTimeChangeRefusal>('no-longer-pending');
  return entry;
}

/** A piece of the member's own time, to read before changing it; anyone else's is not found. */
export async function ownTime(db: Db, actor: Actor, id: string, rates: InvolvementPayment): Promise<InvolvementEntry> {
  const entry = await repo.getInvolvement(db, id);
  if (!entry || entry.account_id !== actor.id) throw new NotFoundError();
  return entryOf(entry, await repo.paidRunIds(db, entry.payment_run_id ? [entry.payment_run_id] : []), rates);
}

/** The member corrects their own time while it awaits approval; what it was for (and a meeting's date) stays. */
export async function changeOwnTime(db: Db, actor: Actor, id: string, change: OwnTimeChange): Promise<void> {
  return inTransaction(db, async (trx) => {
    const entry = await ownPendingTime(trx, actor, id);
    const changed = await repo.changePendingInvolvement(trx, id, actor.id, {
      worked_on: entry.meeting_id ? entry.worked_on : change.workedOn, minutes: change.minutes,
      expenses_pence: change.expensesPence, expenses_note: change.expensesNote, unpaid: change.unpaid ? 1 : 0,
    });
    // Approved (or taken by a run) between reading it and changing it.
    if (!changed) throw new Refusal<OwnTimeChangeRefusal>('no-longer-pending');
    await audit(trx, {
      actorId: actor.id, action: 'coproduction.involvement-changed', subject: id,
      detail: { from: entry.minutes, to: change.minutes, expensesFromPence: entry.expenses_pence, expensesToPence: change.expensesPence, byMember: true },
    });
  });
}

/** The member withdraws their own time while it awaits approval: it is gone, and the audit log keeps what it was. */
export async function withdrawOwnTime(db: Db, actor: Actor, id: string): Promise<void> {
  return inTransaction(db, async (trx) => {
    const entry = await ownPendingTime(trx, actor, id);
    if (!(await repo.deletePendingInvolvement(trx, id, actor.id))) throw new Refusal<OwnTimeChangeRefusal>('no-longer-pending');
    await audit(trx, { actorId: actor.id, action: 'coproduction.involvement-withdrawn', subject: id, detail: { minutes: entry.minutes, expensesPence: entry.expenses_pence } });
  });
}

/** Who may approve this piece of time: the lead, or the facilitator of its meeting; never its member. */
function mayApprove(actor: Actor, meeting: MeetingTable | undefined): boolean {
  return isLead(actor) || (meeting !== undefined && meeting.created_by === actor.id);
}

export async function decideTime(db: Db, actor: Actor, id: string, decision: 'approve' | 'decline', at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    const entry = await repo.getInvolvement(trx, id);
    if (!entry) throw new NotFoundError();
    if (entry.account_id === actor.id) throw new Refusal<DecideRefusal>('own-time');
    const meeting = entry.meeting_id ? await repo.getMeeting(trx, entry.meeting_id) : undefined;
    if (!mayApprove(actor, meeting)) throw new Refusal<DecideRefusal>('not-your-approval');
    if (entry.status !== 'awaiting') throw new Refusal<DecideRefusal>('already-decided');
    await repo.updateInvolvement(trx, id, { status: decision === 'approve' ? 'approved' : 'declined', decided_by: actor.id, decided_at: at });
    await audit(trx, { actorId: actor.id, action: `coproduction.involvement-${decision === 'approve' ? 'approved' : 'declined'}`, subject: id });
  });
}

/**
 * The facilitator or the lead records (or corrects) members' time at a meeting. Each change is
 * approved by them, recorded as such; their own time waits for someone else's approval.
 */
export async function setMeetingTime(db: Db, actor: Actor, meetingId: string, rows: Array<{ accountId: string; minutes: number }>, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    const meeting = await repo.getMeeting(trx, meetingId);
    if (!meeting) throw new NotFoundError();
    if (!isLead(actor) && meeting.created_by !== actor.id) throw new Refusal<MeetingTimeRefusal>('only-facilitator');
    const existing = (await repo.involvementForMeeting(trx, meetingId)).filter((e) => e.kind === 'meeting');
    let changed = 0;
    for (const row of rows) {
      const own = row.accountId === actor.id;
      const decided = own ? { status: 'awaiting', decided_by: null, decided_at: null } : { status: 'approved', decided_by: actor.id, decided_at: at };
      const entry = existing.find((e) => e.account_id === row.accountId);
      if (entry) {
        if (entry.minutes === row.minutes && (own || entry.status === 'approved')) continue;
        if (entry.payment_run_id) throw new Refusal<MeetingTimeRefusal>('already-in-payment-run');
        await repo.updateInvolvement(trx, entry.id, { minutes: row.minutes, ...decided });
        await audit(trx, { actorId: actor.id, action: 'coproduction.involvement-changed', subject: entry.id, detail: { from: entry.minutes, to: row.minutes } });
      } else {
        const id = await repo.insertInvolvement(trx, {
          account_id: row.accountId, meeting_id: meetingId, kind: 'meeting', worked_on: meeting.held_on, minutes: row.minutes,
          expenses_pence: 0, expenses_note: '', unpaid: 0, recorded_by: actor.id, recorded_at: at, ...decided,
        });
        await audit(trx, { actorId: actor.id, action: 'coproduction.involvement-recorded', subject: id, detail: { minutes: row.minutes } });
      }
      changed += 1;
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.attendance', subject: meetingId, detail: { changed } });
  });
}

// What a member is owed ---------------------------------------------------------------------------

/** A piece of time as its member recorded it, with its state and worth. */
export interface InvolvementEntry extends OwnTime {
  id: string;
  status: 'awaiting' | 'approved' | 'declined' | 'paid';
  /** What the time is worth: fixed once in a payment run, else at today's rates (0 when given unpaid). */
  timePence: number;
}

export interface MemberInvolvement {
  entries: InvolvementEntry[];
  awaiting: { timePence: number; expensesPence: number };
  owed: { timePence: number; expensesPence: number };
  paid: { timePence: number; expensesPence: number };
  rates: InvolvementPayment;
}

function entryOf(row: InvolvementTable, paidRuns: Set<string>, rates: InvolvementPayment): InvolvementEntry {
  const paid = row.payment_run_id !== null && paidRuns.has(row.payment_run_id);
  return {
    id: row.id, kind: row.kind as InvolvementKind, meetingId: row.meeting_id, workedOn: row.worked_on, minutes: row.minutes,
    expensesPence: row.expenses_pence, expensesNote: row.expenses_note, unpaid: row.unpaid === 1,
    status: paid ? 'paid' : (row.status as InvolvementEntry['status']),
    timePence: worthOf(row, rates),
  };
}

/** A member's own time: each piece and its state, and what is awaiting approval, owed and paid. */
export async function memberInvolvement(db: Db, accountId: string, rates: InvolvementPayment): Promise<MemberInvolvement> {
  const rows = await repo.involvementOf(db, accountId);
  const paidRuns = await repo.paidRunIds(db, [...new Set(rows.flatMap((r) => (r.payment_run_id ? [r.payment_run_id] : [])))]);
  const entries = rows.map((r) => entryOf(r, paidRuns, rates));
  const sum = (status: InvolvementEntry['status']) => {
    const of = entries.filter((e) => e.status === status);
    return { timePence: of.reduce((n, e) => n + e.timePence, 0), expensesPence: of.reduce((n, e) => n + e.expensesPence, 0) };
  };
  return { entries, awaiting: sum('awaiting'), owed: sum('approved'), paid: sum('paid'), rates };
}

export interface AwaitingApproval extends InvolvementEntry {
  accountId: string;
  displayName: string;
}

/** Time the actor may approve: every member's for the lead, their meetings' for a facilitator; never their own. */
export async function awaitingApproval(db: Db, actor: Actor, rates: InvolvementPayment): Promise<AwaitingApproval[]> {
  const rows = (await repo.awaitingInvolvement(db, isLead(actor) ? undefined : actor.id)).filter((r) => r.account_id !== actor.id);
  const names = await namesAndEmails(db, [...new Set(rows.map((r) => r.account_id))]);
  return rows.map((r) => ({ ...entryOf(r, new Set(), rates), accountId: r.account_id, displayName: names.get(r.account_id)?.displayName ?? '' }));
}

// Payment runs ------------------------------------------------------------------------------------

/** The lead puts approved time and expenses for the period (inclusive) in a payment run. */
export async function createPaymentRun(db: Db, actor: Actor, rates: InvolvementPayment, period: { from: string; to: string }, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    if (!isLead(actor)) throw new NotFoundError();
    if (period.from > period.to) throw new Refusal<PaymentRunRefusal>('period-order');
    const due = (await repo.unpaidApproved(trx, period.from, period.to)).filter((e) => e.unpaid === 0 || e.expenses_pence > 0);
    if (!due.length) throw new Refusal<PaymentRunRefusal>('nothing-to-pay');
    const worth = due.map((e) => ({ e, pence: worthOf(e, rates) }));
    const id = await repo.insertPaymentRun(trx, {
      period_from: period.from, period_to: period.to, method: rates.method,
      time_pence: worth.reduce((n, w) => n + w.pence, 0), expenses_pence: due.reduce((n, e) => n + e.expenses_pence, 0),
      created_by: actor.id, created_at: at,
    });
    for (const { e, pence } of worth) {
      if (!(await repo.addToRun(trx, e.id, id, pence))) throw new Error('involvement changed while the payment run was made');
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.payment-run', subject: id, detail: { entries: due.length } });
    return id;
  });
}

export interface PaymentLine {
  accountId: string;
  displayName: string;
  email: string;
  minutes: number;
  timePence: number;
  expensesPence: number;
}

export interface PaymentRunView {
  run: PaymentRunTable;
  lines: PaymentLine[];
}

/** A run: the amount owed to each member for time, and their expenses, by name. */
export async function paymentRunView(db: Conn, actor: Actor, runId: string): Promise<PaymentRunView> {
  if (!isLead(actor)) throw new NotFoundError();
  const run = await repo.getPaymentRun(db, runId);
  if (!run) throw new NotFoundError();
  const rows = await repo.runInvolvement(db, runId);
  const people = await namesAndEmails(db, [...new Set(rows.map((r) => r.account_id))]);
  const by = new Map<string, PaymentLine>();
  for (const r of rows) {
    const line = by.get(r.account_id) ?? { accountId: r.account_id, displayName: people.get(r.account_id)?.displayName ?? '', email: people.get(r.account_id)?.email ?? '', minutes: 0, timePence: 0, expensesPence: 0 };
    line.minutes += r.unpaid === 1 ? 0 : r.minutes;
    line.timePence += r.time_pence ?? 0;
    line.expensesPence += r.expenses_pence;
    by.set(r.account_id, line);
  }
  const lines = [...by.values()].sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
  return { run, lines };
}

/** The run as CSV for payroll or the voucher supplier; the export itself is audited. */
export async function exportPaymentRun(db: Db, actor: Actor, runId: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    const { run, lines } = await paymentRunView(trx, actor, runId);
    await audit(trx, { actorId: actor.id, action: 'coproduction.payment-run-export', subject: runId });
    return toCsv(
      ['Period from', 'Period to', 'Member', 'Email', 'Payment method', 'Hours', 'Time owed (GBP)', 'Expenses (GBP)', 'Total (GBP)'],
      lines.map((l) => [run.period_from, run.period_to, l.displayName, l.email, run.method, (l.minutes / 60).toFixed(2), poundsPlain(l.timePence), poundsPlain(l.expensesPence), poundsPlain(l.timePence + l.expensesPence)]),
    );
  });
}

export async function markPaymentRunPaid(db: Db, actor: Actor, runId: string, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    if (!isLead(actor)) throw new NotFoundError();
    if (!(await repo.getPaymentRun(trx, runId))) throw new NotFoundError();
    if (!(await repo.markRunPaid(trx, runId, actor.id, at))) throw new Refusal<PaidRefusal>('already-paid');
    await audit(trx, { actorId: actor.id, action: 'coproduction.payment-run-paid', subject: runId });
  });
}

export async function paymentRuns(db: Db, actor: Actor): Promise<PaymentRunTable[]> {
  return isLead(actor) ? repo.listPaymentRuns(db) : [];
}

/** Everyone's involvement time as CSV, for staff, with its state and expenses; the export is audited. */
export async function exportInvolvement(db: Db, actor: Actor): Promise<string> {
  return inTransaction(db, async (trx) => {
    const rows = await repo.allInvolvement(trx);
    const people = await namesAndEmails(trx, [...new Set(rows.map((r) => r.account_id))]);
    const named = rows
      .map((r) => ({ ...r, name: people.get(r.account_id)?.displayName ?? '', email: people.get(r.account_id)?.email ?? '' }))
      .sort((a, b) => (a.worked_on < b.worked_on ? -1 : a.worked_on > b.worked_on ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    await audit(trx, { actorId: actor.id, action: 'coproduction.involvement-export' });
    return toCsv(
      ['Date', 'Meeting', 'Activity', 'Member', 'Email', 'Minutes', 'Hours', 'Status', 'Unpaid by choice', 'Expenses (GBP)'],
      named.map((r) => [r.worked_on, r.meeting_title ?? '', INVOLVEMENT_KINDS[r.kind as InvolvementKind] ?? r.kind, r.name, r.email, r.minutes, (r.minutes / 60).toFixed(2), r.status, r.unpaid ? 'yes' : 'no', poundsPlain(r.expenses_pence)]),
    );
  });
}
