// Meetings: an agenda drawn from proposals, minutes checked against the language guide, and the
// involvement time people gave (recorded and approved in involvement.ts).
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import * as repo from '../repository/index.ts';
import type { InvolvementTable, MeetingTable } from '../tables.ts';
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

// What the pages show ---------------------------------------------------------------------------

export async function listMeetings(db: Db): Promise<MeetingTable[]> {
  return repo.listMeetings(db);
}

export interface MeetingView {
  meeting: MeetingTable;
  agenda: Array<{ proposal_id: string; title: string; stage: string }>;
  /** Time recorded for the meeting, awaiting approval or approved. */
  involvement: InvolvementTable[];
  people: WorkspacePeople;
}

export async function meetingView(db: Db, id: string): Promise<MeetingView> {
  const meeting = await repo.getMeeting(db, id);
  if (!meeting) throw new NotFoundError();
  const [agenda, involvement, people] = await Promise.all([repo.listAgenda(db, id), repo.involvementForMeeting(db, id), workspacePeople(db)]);
  return { meeting, agenda, involvement: involvement.filter((e) => e.kind === 'meeting'), people };
}
