// Page data for meetings: the list, planning one (open proposals for its agenda), and a meeting's
// page (agenda, attendance and involvement time for each person listed, the minutes). Pure.
import type { FieldError } from '../../../platform/forms.ts';
import { isStaff, type Actor } from '../../../platform/policy.ts';
import { STAGES, type Stage } from '../model.ts';
import type { MeetingView } from '../service/meetings.ts';
import type { Person, WorkspacePeople } from '../service/people.ts';
import type { WritingFinding } from '../service/language-check.ts';
import type { MeetingTable, ProposalTable } from '../tables.ts';
import { errorData, subNav } from './common.ts';

export function meetingsPage(meetings: MeetingTable[], actor: Actor) {
  return { pageTitle: 'Meetings', subNav: subNav('/coproduction/meetings', actor), meetings, isStaff: isStaff(actor) };
}

export function newMeetingPage(proposals: ProposalTable[], actor: Actor | null, values: Record<string, string>, selected: readonly string[], errors?: FieldError[]) {
  return {
    pageTitle: 'Plan a meeting',
    subNav: subNav('/coproduction/meetings', actor),
    values,
    proposalItems: proposals.map((p) => ({ value: p.id, text: p.title, hint: { text: STAGES[p.stage as Stage] }, checked: selected.includes(p.id) })),
    ...errorData(errors),
  };
}

/** Who a meeting's attendance lists: group members first, then staff, each once. */
export function listedPeople(people: WorkspacePeople): Person[] {
  const members = people.group;
  const staff = [...people.practitioners, ...people.leads];
  const all = [...members, ...staff.filter((s) => !members.some((m) => m.id === s.id))];
  return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
}

export function meetingPage(view: MeetingView, actor: Actor | null, forms: { values?: Record<string, string>; errors?: FieldError[]; findings?: WritingFinding[] } = {}) {
  const { meeting, attendance } = view;
  const minutesBy = new Map(attendance.map((a) => [a.account_id, a.minutes_involved]));
  const members = view.people.group;
  return {
    pageTitle: meeting.title,
    subNav: subNav('/coproduction/meetings', actor),
    meeting,
    agenda: view.agenda.map((a) => ({ ...a, stageLabel: STAGES[a.stage as Stage] })),
    people: listedPeople(view.people).map((p) => ({
      ...p,
      group: members.some((m) => m.id === p.id),
      minutes: forms.values?.[`minutes-${p.id}`] ?? (minutesBy.has(p.id) ? String(minutesBy.get(p.id)) : ''),
    })),
    totalMinutes: attendance.reduce((n, a) => n + a.minutes_involved, 0),
    values: forms.values ?? { minutes: meeting.minutes },
    findings: forms.findings ?? [],
    ...errorData(forms.errors),
  };
}
