// Involvement time and expenses, their approval, and the payment runs that pay them.
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';
import type { InvolvementTable, PaymentRunTable } from '../tables.ts';

export type NewInvolvement = Omit<InvolvementTable, 'id' | 'payment_run_id' | 'time_pence'>;

export async function insertInvolvement(db: Conn, row: NewInvolvement): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_involvement').values({ ...row, id, payment_run_id: null, time_pence: null }).execute();
  return id;
}

export async function getInvolvement(db: Conn, id: string): Promise<InvolvementTable | undefined> {
  return db.selectFrom('coproduction_involvement').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A change to time not yet in a payment run, with who approved it (the approval record). */
export async function updateInvolvement(db: Conn, id: string, change: Partial<Pick<InvolvementTable, 'minutes' | 'status' | 'decided_by' | 'decided_at'>>): Promise<boolean> {
  const r = await db.updateTable('coproduction_involvement').set(change).where('id', '=', id).where('payment_run_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The member's own time, changed only while it still awaits approval and is in no payment run. */
export async function changePendingInvolvement(
  db: Conn, id: string, accountId: string, change: Pick<InvolvementTable, 'worked_on' | 'minutes' | 'expenses_pence' | 'expenses_note' | 'unpaid'>,
): Promise<boolean> {
  const r = await db.updateTable('coproduction_involvement').set(change)
    .where('id', '=', id).where('account_id', '=', accountId).where('status', '=', 'awaiting').where('payment_run_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The member withdraws their own time, only while it still awaits approval and is in no payment run. */
export async function deletePendingInvolvement(db: Conn, id: string, accountId: string): Promise<boolean> {
  const r = await db.deleteFrom('coproduction_involvement')
    .where('id', '=', id).where('account_id', '=', accountId).where('status', '=', 'awaiting').where('payment_run_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function involvementOf(db: Conn, accountId: string): Promise<InvolvementTable[]> {
  return db.selectFrom('coproduction_involvement').selectAll().where('account_id', '=', accountId).orderBy('worked_on', 'desc').orderBy('recorded_at', 'desc').execute();
}

export async function involvementForMeeting(db: Conn, meetingId: string): Promise<InvolvementTable[]> {
  return db.selectFrom('coproduction_involvement').selectAll().where('meeting_id', '=', meetingId).where('status', '!=', 'declined').orderBy('recorded_at').execute();
}

/** Time awaiting approval: all of it, or only for meetings these accounts planned. */
export async function awaitingInvolvement(db: Conn, onlyMeetingsBy?: string): Promise<InvolvementTable[]> {
  let q = db.selectFrom('coproduction_involvement').selectAll('coproduction_involvement').where('coproduction_involvement.status', '=', 'awaiting');
  if (onlyMeetingsBy !== undefined) {
    q = q.innerJoin('coproduction_meetings', 'coproduction_meetings.id', 'coproduction_involvement.meeting_id').where('coproduction_meetings.created_by', '=', onlyMeetingsBy);
  }
  return q.orderBy('coproduction_involvement.worked_on').orderBy('coproduction_involvement.recorded_at').execute();
}

/** Every piece of time recorded (declined too), oldest first, with the meeting's title when there is one. */
export async function allInvolvement(db: Conn): Promise<Array<InvolvementTable & { meeting_title: string | null }>> {
  return db
    .selectFrom('coproduction_involvement')
    .leftJoin('coproduction_meetings', 'coproduction_meetings.id', 'coproduction_involvement.meeting_id')
    .selectAll('coproduction_involvement')
    .select('coproduction_meetings.title as meeting_title')
    .orderBy('coproduction_involvement.worked_on')
    .orderBy('coproduction_involvement.recorded_at')
    .execute();
}

/** Approved time and expenses in the period not yet in any payment run. */
export async function unpaidApproved(db: Conn, from: string, to: string): Promise<InvolvementTable[]> {
  return db
    .selectFrom('coproduction_involvement')
    .selectAll()
    .where('status', '=', 'approved')
    .where('payment_run_id', 'is', null)
    .where('worked_on', '>=', from)
    .where('worked_on', '<=', to)
    .orderBy('worked_on')
    .execute();
}

export async function insertPaymentRun(db: Conn, row: Omit<PaymentRunTable, 'id' | 'paid_by' | 'paid_at'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_payment_runs').values({ ...row, id, paid_by: null, paid_at: null }).execute();
  return id;
}

/** Puts a piece of time in a run with what it is worth (only while it is in none). */
export async function addToRun(db: Conn, involvementId: string, runId: string, timePence: number): Promise<boolean> {
  const r = await db
    .updateTable('coproduction_involvement')
    .set({ payment_run_id: runId, time_pence: timePence })
    .where('id', '=', involvementId)
    .where('payment_run_id', 'is', null)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getPaymentRun(db: Conn, id: string): Promise<PaymentRunTable | undefined> {
  return db.selectFrom('coproduction_payment_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPaymentRuns(db: Conn): Promise<PaymentRunTable[]> {
  return db.selectFrom('coproduction_payment_runs').selectAll().orderBy('created_at', 'desc').execute();
}

export async function runInvolvement(db: Conn, runId: string): Promise<InvolvementTable[]> {
  return db.selectFrom('coproduction_involvement').selectAll().where('payment_run_id', '=', runId).orderBy('worked_on').execute();
}

/** Marks a run paid, once: false when it already was. */
export async function markRunPaid(db: Conn, id: string, by: string, at: string): Promise<boolean> {
  const r = await db.updateTable('coproduction_payment_runs').set({ paid_by: by, paid_at: at }).where('id', '=', id).where('paid_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Which of these runs have been paid. */
export async function paidRunIds(db: Conn, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('coproduction_payment_runs').select('id').where('id', 'in', ids).where('paid_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** One member's approved involvement: meetings attended and minutes given. */
export async function involvementFor(db: Conn, accountId: string): Promise<{ meetings: number; minutes: number }> {
  const row = await db
    .selectFrom('coproduction_involvement')
    .select((eb) => [eb.fn.count<number>('meeting_id').distinct().as('meetings'), eb.fn.sum<number>('minutes').as('minutes')])
    .where('account_id', '=', accountId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return { meetings: Number(row.meetings), minutes: Number(row.minutes ?? 0) };
}
