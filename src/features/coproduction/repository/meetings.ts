// Meetings: their agenda and minutes (the time people gave is in involvement.ts).
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';
import type { MeetingTable } from '../tables.ts';

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
