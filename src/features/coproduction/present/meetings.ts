// Page data for meetings: the list, planning one (open proposals for its agenda), and a meeting's
// page (agenda, involvement time for each member — a form for the facilitator and the lead, the
// member's own time for everyone else — and the minutes). Pure.
import type { FieldError } from '../../../platform/forms.ts';
import type { InvolvementPayment } from '../../../platform/config.ts';
import { hasRole, isStaff, type Actor } from '../../../platform/policy.ts';
import { pounds } from '../payment.ts';
import { STAGES, type Stage } from '../model.ts';
import type { MeetingView } from '../service/meetings.ts';
import type { Person, WorkspacePeople } from '../service/people.ts';
import type { WritingFinding } from '../service/language-check.ts';
import type { MeetingTable, ProposalTable } from '../tables.ts';
import { errorData, labelledFindings, subNav } from './common.ts';

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

/** Whose time a meeting's attendance lists: the group's members (staff time is part of their job). */
export function listedPeople(people: WorkspacePeople): Person[] {
  return people.group.filter((p, i) => people.group.findIndex((q) => q.id === p.id) === i);
}

const STATUS_WORDS: Record<string, string> = { awaiting: 'awaiting approval', approved: 'approved', declined: 'declined' };

export function meetingPage(view: MeetingView, actor: Actor | null, forms: { values?: Record<string, string>; errors?: FieldError[]; findings?: WritingFinding[] } = {}, rates?: InvolvementPayment) {
  const { meeting, involvement } = view;
  const byAccount = new Map(involvement.map((e) => [e.account_id, e]));
  const facilitates = actor !== null && (hasRole(actor, 'lead') || meeting.created_by === actor.id);
  const mine = actor ? byAccount.get(actor.id) : undefined;
  return {
    pageTitle: meeting.title,
    subNav: subNav('/coproduction/meetings', actor),
    meeting,
    agenda: view.agenda.map((a) => ({ ...a, stageLabel: STAGES[a.stage as Stage] })),
    facilitates,
    people: listedPeople(view.people).map((p) => {
      const entry = byAccount.get(p.id);
      return {
        ...p,
        minutes: forms.values?.[`minutes-${p.id}`] ?? (entry ? String(entry.minutes) : ''),
        status: entry ? STATUS_WORDS[entry.status] ?? entry.status : '',
        hint: entry ? `${STATUS_WORDS[entry.status] ?? entry.status}${entry.account_id === actor?.id ? ' (your own time is approved by someone else)' : ''}` : '',
      };
    }),
    awaitingCount: involvement.filter((e) => e.status === 'awaiting').length,
    ownTime: mine ? { minutes: mine.minutes, status: STATUS_WORDS[mine.status] ?? mine.status } : null,
    canRecordOwn: actor !== null && hasRole(actor, 'group') && !mine,
    rateWords: rates ? `${pounds(rates.hourPence)} an hour, up to ${pounds(rates.halfDayPence)} for up to four hours, ${pounds(rates.dayPence)} for more` : '',
    totalMinutes: involvement.filter((e) => e.status === 'approved').reduce((n, e) => n + e.minutes, 0),
    values: forms.values ?? { minutes: meeting.minutes },
    findings: labelledFindings(forms.findings ?? []),
    ...errorData(forms.errors),
  };
}
