// Meetings: an agenda drawn from proposals, attendance with involvement time, minutes checked
// against the language guide, and the involvement-time export for recognition and payment.
import { namesAndEmails } from '../../accounts/index.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../../platform/db/database.ts';
import { toCsv } from '../../../platform/formats/csv.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import * as repo from '../repository/index.ts';
import type { AttendanceTable, MeetingTable } from '../tables.ts';
import { checkWriting, type WritingCheck } from './language-check.ts';
import { workspacePeople, type WorkspacePeople } from './people.ts';

export async function createMeeting(db: Db, actor: Actor, input: { title: string; heldOn: string; proposalIds: string[] }, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    const id = await repo.insertMeeting(trx, { title: input.title, held_on: input.heldOn, minutes: '', created_by: actor.id, created_at: at });
    const known = new Set((await repo.listProposals(trx)).map((p) => p.id));
    await repo.setAgenda(trx, id, input.proposalIds.filter((p) => known.has(p)));
    await audit(trx, { actorId: actor.id, action: 'coproduction.meeting', subject: id });
    return id;
  });
}

/** Saves the minutes unless the language guard blocks them (the check is logged either way). */
export async function saveMinutes(db: Db, actor: Actor, meetingId: string, minutes: string): Promise<WritingCheck> {
  return inTransaction(db, async (trx) => {
    if (!(await repo.getMeeting(trx, meetingId))) throw new NotFoundError();
    const check = await checkWriting(trx, minutes, 'minutes');
    if (check.blocking === 0) {
      await repo.setMinutes(trx, meetingId, minutes);
      await audit(trx, { actorId: actor.id, action: 'coproduction.minutes', subject: meetingId });
    }
    return check;
  });
}

export async function recordAttendance(db: Db, actor: Actor, meetingId: string, rows: Array<{ accountId: string; minutes: number }>): Promise<void> {
  return inTransaction(db, async (trx) => {
    if (!(await repo.getMeeting(trx, meetingId))) throw new NotFoundError();
    await repo.setAttendance(trx, meetingId, rows);
    await audit(trx, { actorId: actor.id, action: 'coproduction.attendance', subject: meetingId, detail: { attendees: rows.length } });
  });
}

/** Involvement time per member per meeting, by meeting date and then by name. */
export async function involvementCsv(db: Conn): Promise<string> {
  const rows = await repo.involvementRows(db);
  const people = await namesAndEmails(db, rows.map((r) => r.account_id));
  const named = rows
    .map((r) => ({ ...r, name: people.get(r.account_id)?.displayName ?? '', email: people.get(r.account_id)?.email ?? '' }))
    .sort((a, b) => (a.held_on < b.held_on ? -1 : a.held_on > b.held_on ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return toCsv(['Date', 'Meeting', 'Member', 'Email', 'Minutes', 'Hours'], named.map((r) => [r.held_on, r.title, r.name, r.email, r.minutes_involved, (r.minutes_involved / 60).toFixed(2)]));
}

/** Everyone's involvement time as CSV, for staff: the export itself is audited. */
export async function exportInvolvement(db: Db, actor: Actor): Promise<string> {
  return inTransaction(db, async (trx) => {
    const csv = await involvementCsv(trx);
    await audit(trx, { actorId: actor.id, action: 'coproduction.involvement-export' });
    return csv;
  });
}

// What the pages show ---------------------------------------------------------------------------

export async function listMeetings(db: Db): Promise<MeetingTable[]> {
  return repo.listMeetings(db);
}

export interface MeetingView {
  meeting: MeetingTable;
  agenda: Array<{ proposal_id: string; title: string; stage: string }>;
  attendance: AttendanceTable[];
  people: WorkspacePeople;
}

export async function meetingView(db: Db, id: string): Promise<MeetingView> {
  const meeting = await repo.getMeeting(db, id);
  if (!meeting) throw new NotFoundError();
  const [agenda, attendance, people] = await Promise.all([repo.listAgenda(db, id), repo.listAttendance(db, id), workspacePeople(db)]);
  return { meeting, agenda, attendance, people };
}
