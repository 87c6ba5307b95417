// Page data for the proposals: the list with its filters, the form to raise one, a proposal's page
// (the thread, options, decisions, the forms that fit its stage, and its timeline), and the group
// comments waiting for a staff response. Pure.
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { AREAS, DRAFTING_STAGES, METHODS, NEXT_STAGE, STAGES, UNDECIDED_STAGES, type Area, type Method, type Stage } from '../model.ts';
import type { ProposalView } from '../service/proposals.ts';
import type { WorkspacePeople } from '../service/people.ts';
import type { CommentTable, ProposalTable } from '../tables.ts';
import { shownCount } from '../suppression.ts';
import { OPEN_FOR_CHOICES } from '../forms/proposals.ts';
import { errorData, isWorkspaceMember, subNav, type FormState } from './common.ts';

const nameOf = (names: Map<string, string>, id: string) => names.get(id) ?? 'Unknown';

export function proposalListPage(list: { proposals: ProposalTable[]; names: Map<string, string> }, actor: Actor | null, filter: { stage?: Stage; area?: Area }) {
  return {
    pageTitle: 'Proposals',
    subNav: subNav('/coproduction/proposals', actor),
    proposals: list.proposals.map((p) => ({ ...p, authorName: nameOf(list.names, p.author_id), stageLabel: STAGES[p.stage as Stage], areaLabel: AREAS[p.area as Area] })),
    stageItems: [{ value: '', text: 'Any stage' }, ...Object.entries(STAGES).map(([value, t]) => ({ value, text: t, selected: value === filter.stage }))],
    areaItems: [{ value: '', text: 'Any area' }, ...Object.entries(AREAS).map(([value, t]) => ({ value, text: t, selected: value === filter.area }))],
    filtered: Boolean(filter.stage || filter.area),
  };
}

export function newProposalPage(actor: Actor | null, values: Record<string, string>, errors?: FieldError[]) {
  return {
    pageTitle: 'Raise a proposal',
    subNav: subNav('/coproduction/proposals', actor),
    values,
    areaItems: Object.entries(AREAS).map(([value, t]) => ({ value, text: t, checked: values.area === value })),
    ...errorData(errors),
  };
}

interface ThreadComment {
  id: string;
  body: string;
  authorName: string;
  origin: string;
  createdAt: string;
  awaiting: boolean;
  respondedBy: string | null;
  respondedAt: string | null;
  replies: ThreadComment[];
}

/** The comments as a thread, replies under what they answer (shown six deep at most). */
function thread(comments: CommentTable[], names: Map<string, string>): ThreadComment[] {
  const byParent = new Map<string | null, CommentTable[]>();
  for (const c of comments) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c]);
  const under = (parent: string | null, depth: number): ThreadComment[] =>
    (byParent.get(parent) ?? []).map((c) => ({
      id: c.id,
      body: c.body,
      authorName: nameOf(names, c.author_id),
      origin: c.author_origin,
      createdAt: c.created_at,
      awaiting: c.awaits_response === 1 && c.responded_at === null,
      respondedBy: c.responded_by ? (names.get(c.responded_by) ?? null) : null,
      respondedAt: c.responded_at,
      replies: depth < 6 ? under(c.id, depth + 1) : [],
    }));
  return under(null, 0);
}

/** Group members, then practitioners, then leads, each once, leaving out whoever is looking. */
export function peopleToAsk(people: WorkspacePeople, actorId: string | undefined, leaveOut: ReadonlySet<string> = new Set()) {
  const all = [...people.group, ...people.practitioners, ...people.leads];
  return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i && !leaveOut.has(p.id) && p.id !== actorId);
}

/** "N people took part": for an anonymous decision a small number reads "fewer than 5". */
export function tookPartText(n: number, anonymous: boolean): string {
  const shown = anonymous ? shownCount(n).text : String(n);
  return shown === '1' ? '1 person took part' : `${shown} people took part`;
}

/**
 * The proposal's timeline. Taking part in a decision is never shown one person at a time (that
 * would say who voted, and when, even in an anonymous decision): each decision's participants are
 * one entry, "N people took part", with no names and no times, after the decision opened.
 */
function timeline(view: ProposalView) {
  const { names } = view;
  const tookPart = new Map<string, number>();
  for (const e of view.events) if (e.kind === 'took-part' && e.decision_id) tookPart.set(e.decision_id, (tookPart.get(e.decision_id) ?? 0) + 1);
  const anonymous = new Set(view.decisions.filter((d) => d.anonymous === 1).map((d) => d.id));
  const entries = [];
  for (const e of view.events) {
    if (e.kind === 'took-part') continue;
    entries.push({ ...e, actorName: e.actor_id ? nameOf(names, e.actor_id) : 'withme', detail: JSON.parse(e.detail) as Record<string, unknown> });
    const count = e.kind === 'decision-opened' && e.decision_id ? tookPart.get(e.decision_id) : undefined;
    if (count) entries.push({ id: `${e.id}-took-part`, kind: 'took-part-count', at: null, actor_id: null, actor_origin: null, actorName: null, text: tookPartText(count, anonymous.has(e.decision_id!)), detail: {} });
  }
  return entries;
}

export function proposalPage(view: ProposalView, actor: Actor | null, forms: FormState = {}) {
  const { proposal, names } = view;
  const stage = proposal.stage as Stage;
  const next = NEXT_STAGE[stage];
  const decisionValues = forms.form === 'decision' ? (forms.values ?? {}) : {};
  return {
    pageTitle: proposal.title,
    subNav: subNav('/coproduction/proposals', actor),
    proposal: { ...proposal, authorName: nameOf(names, proposal.author_id), stageLabel: STAGES[stage], areaLabel: AREAS[proposal.area as Area] },
    thread: thread(view.comments, names),
    options: view.options.map((o) => ({ ...o, drafterName: nameOf(names, o.drafted_by) })),
    decisions: view.decisions.map((d) => ({ ...d, methodLabel: METHODS[d.method as Method] })),
    timeline: timeline(view),
    stages: STAGES,
    nextStage: next ? { value: next, text: STAGES[next] } : null,
    canDraft: DRAFTING_STAGES.includes(stage),
    canDecide: UNDECIDED_STAGES.includes(stage) && !view.decisions.some((d) => d.status === 'open'),
    finished: stage === 'done' || stage === 'not-adopted',
    workspace: isWorkspaceMember(actor),
    form: forms.form,
    values: forms.values ?? {},
    methodItems: Object.entries(METHODS).map(([value, t]) => ({ value, text: t, checked: decisionValues.method === value })),
    versionItems: [
      { value: '', text: 'No document: this decision is about the proposal itself' },
      ...view.documentVersions.map((v) => ({ value: v.id, text: `${v.title} — version ${v.number}`, selected: decisionValues.documentVersionId === v.id })),
    ],
    adviserItems: peopleToAsk(view.people, actor?.id).map((a) => ({ value: a.id, text: a.displayName })),
    facilitatorItems: [
      { value: '', text: 'You (you opened it)' },
      ...peopleToAsk(view.people, actor?.id).map((a) => ({ value: a.id, text: a.displayName, selected: decisionValues.facilitatorId === a.id })),
    ],
    openForItems: OPEN_FOR_CHOICES.map((d) => ({
      value: d,
      text: d === '' ? 'The usual time: a week (an advice process, two weeks)' : d === '1' ? '1 day' : `${d} days`,
      selected: (decisionValues.openFor ?? '') === d,
    })),
    ...errorData(forms.errors),
  };
}

export function responsesPage(list: { waiting: Array<CommentTable & { proposal_title: string }>; names: Map<string, string> }, rate: { awaiting: number; responded: number; rate: number | null }, actor: Actor | null) {
  return {
    pageTitle: 'Group comments waiting for a staff response',
    subNav: subNav('/coproduction/responses', actor),
    waiting: list.waiting.map((c) => ({ ...c, authorName: nameOf(list.names, c.author_id) })),
    rate: rate.rate === null ? null : Math.round(rate.rate * 100),
    counts: rate,
  };
}
