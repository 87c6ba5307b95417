// Meetings: their agenda, attendance and involvement time, and the minutes.
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';
import type { AttendanceTable, MeetingTable } from '../tables.ts';

// Meetings -------------------------------------------------------------------------------------

export async function insertMeeting(db: Conn, row: Omit<MeetingTable, 'id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_meetings').values({ ...row, id }).execute();
  return id;
}

export async function getMeeting(db: Conn, id: string): Promise<MeetingTable | undefined> {
  return db.selectFrom('coproduction_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMeetings(db: Conn): Promise<MeetingTable[]> {
  return db.selectFrom('coproduction_meetings').selectAll().orderBy('held_on', 'desc').execute();
}

export async function setMinutes(db: Conn, id: string, minutes: string): Promise<void> {
  await db.updateTable('coproduction_meetings').set({ minutes }).where('id', '=', id).execute();
}

export async function setAgenda(db: Conn, meetingId: string, proposalIds: string[]): Promise<void> {
  await db.deleteFrom('coproduction_agenda_items').where('meeting_id', '=', meetingId).execute();
  if (proposalIds.length) {
    await db.insertInto('coproduction_agenda_items').values(proposalIds.map((proposal_id, i) => ({ meeting_id: meetingId, proposal_id, position: i + 1 }))).execute();
  }
}

export async function listAgenda(db: Conn, meetingId: string): Promise<Array<{ proposal_id: string; title: string; stage: string }>> {
  return db
    .selectFrom('coproduction_agenda_items')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_agenda_items.proposal_id')
    .select(['coproduction_agenda_items.proposal_id', 'coproduction_proposals.title', 'coproduction_proposals.stage'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function setAttendance(db: Conn, meetingId: string, rows: Array<{ accountId: string; minutes: number }>): Promise<void> {
  await db.deleteFrom('coproduction_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length) {
    await db.insertInto('coproduction_attendance').values(rows.map((r) => ({ meeting_id: meetingId, account_id: r.accountId, minutes_involved: r.minutes }))).execute();
  }
}

export async function listAttendance(db: Conn, meetingId: string): Promise<AttendanceTable[]> {
  return db.selectFrom('coproduction_attendance').selectAll().where('meeting_id', '=', meetingId).execute();
}

/** Involvement time per member per meeting, for recognition and payment, by meeting date (names come from accounts). */
export async function involvementRows(db: Conn): Promise<Array<{ held_on: string; title: string; account_id: string; minutes_involved: number }>> {
  return db
    .selectFrom('coproduction_attendance')
    .innerJoin('coproduction_meetings', 'coproduction_meetings.id', 'coproduction_attendance.meeting_id')
    .select(['coproduction_meetings.held_on', 'coproduction_meetings.title', 'coproduction_attendance.account_id', 'coproduction_attendance.minutes_involved'])
    .orderBy('coproduction_meetings.held_on')
    .execute();
}

/** One member's own involvement: meetings attended and minutes given. */
export async function involvementFor(db: Conn, accountId: string): Promise<{ meetings: number; minutes: number }> {
  const row = await db
    .selectFrom('coproduction_attendance')
    .select((eb) => [eb.fn.countAll<number>().as('meetings'), eb.fn.sum<number>('minutes_involved').as('minutes')])
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { meetings: Number(row.meetings), minutes: Number(row.minutes ?? 0) };
}

