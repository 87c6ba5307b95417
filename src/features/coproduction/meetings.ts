// Meetings: an agenda drawn from proposals, attendance with involvement time, minutes checked
// against the language guide, and the involvement-time export for recognition and payment.
import { namesAndEmails } from '../accounts/index.ts';
import { audit } from '../../platform/audit.ts';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import { toCsv } from '../../platform/formats/csv.ts';
import { checkWriting, type WritingCheck } from './language-guard.ts';
import * as repo from './repository/index.ts';

export async function createMeeting(db: Conn, actor: Actor, input: { title: string; heldOn: string; proposalIds: string[] }, at: string = nowIso()): Promise<string> {
  const id = await repo.insertMeeting(db, { title: input.title, held_on: input.heldOn, minutes: '', created_by: actor.id, created_at: at });
  const known = new Set((await repo.listProposals(db)).map((p) => p.id));
  await repo.setAgenda(db, id, input.proposalIds.filter((p) => known.has(p)));
  await audit(db, { actorId: actor.id, action: 'coproduction.meeting', subject: id });
  return id;
}

/** Saves the minutes unless the language guard blocks them. */
export async function saveMinutes(db: Conn, actor: Actor, meetingId: string, minutes: string): Promise<WritingCheck> {
  const check = await checkWriting(db, minutes, 'minutes');
  if (check.blocking === 0) {
    await repo.setMinutes(db, meetingId, minutes);
    await audit(db, { actorId: actor.id, action: 'coproduction.minutes', subject: meetingId });
  }
  return check;
}

export async function recordAttendance(db: Conn, actor: Actor, meetingId: string, rows: Array<{ accountId: string; minutes: number }>): Promise<void> {
  await repo.setAttendance(db, meetingId, rows);
  await audit(db, { actorId: actor.id, action: 'coproduction.attendance', subject: meetingId, detail: { attendees: rows.length } });
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
