// Page data for decisions: the workspace page (results as they may be shown, who answered what
// unless it is anonymous, objections, advice, the level and its evidence, and the forms that fit),
// the public list of decisions, a public decision, and the catalogues' history. Pure.
import type { Actor } from '../../../platform/policy.ts';
import { isStaff } from '../../../platform/policy.ts';
import { METHODS, POSITIONS, publishedPath, TIE_BREAK_RULES, type Method } from '../model.ts';
import { LEVEL_LABELS, LEVELS, type ParticipationLevel } from '../participation.ts';
import type { ShownResults } from '../service/counting.ts';
import type { DecisionView, PublicDecisionView } from '../service/decision-view.ts';
import type { CatalogueChangeTable, DecisionTable } from '../tables.ts';
import { facilitatorOf, mayWriteClockSummary } from '../service/decisions.ts';
import { errorData, subNav, type FormState } from './common.ts';
import { peopleToAsk } from './proposals.ts';

const claimedLabelOf = (claimed: string | null) => (claimed && Object.hasOwn(LEVEL_LABELS, claimed) ? LEVEL_LABELS[claimed as ParticipationLevel] : null);

const HIDDEN_REASONS = {
  anonymous: 'Results are hidden until the decision closes, because voting is anonymous.',
  'take-part-first': 'Results are hidden until you have taken part, so that everyone answers without seeing how others have. Once you have, you will see the totals.',
} as const;

/** Results with the reason they are hidden, when they are. */
const withReason = (shown: ShownResults) => (shown.hidden ? { ...shown, hiddenReason: HIDDEN_REASONS[shown.hiddenBecause ?? 'anonymous'] } : shown);

/**
 * Why the person looking cannot close the decision early, in words (null when they can). Shown
 * instead of a main button, so nobody is offered a control that would only refuse them.
 */
function closeBlocked(view: DecisionView, actor: Actor, facilitatorName: string | undefined): string | null {
  const { decision, tally } = view;
  if (decision.method === 'advice') return decision.decider_id === actor.id ? null : `Only the decider${facilitatorName ? `, ${facilitatorName},` : ''} decides and closes an advice process.`;
  if (decision.facilitator_id !== actor.id) return `Only the facilitator${facilitatorName ? `, ${facilitatorName},` : ''} can close this decision before its closing time. Otherwise it closes by itself then.`;
  if (!tally.quorumMet) return 'You can close it early once the quorum is met. Until then, it closes by itself at its closing time.';
  return null;
}

export function decisionPage(view: DecisionView, actor: Actor, forms: FormState = {}) {
  const { decision, proposal, names, shown } = view;
  const optionTitle = new Map(view.options.map((o) => [o.id, o.title]));
  const voterName = (id: string | null) => (id ? names.get(id) : null);
  const asked = new Set(view.advice.map((a) => a.adviser_id));
  const facilitatorName = names.get(decision.facilitator_id);
  const isFacilitator = facilitatorOf(decision) === actor.id;
  // Who said what waits, like the totals, until the reader has taken part; the facilitator sees
  // objections and concerns throughout, to settle them.
  const seesWords = !shown.hidden || isFacilitator;
  const drawn = shown.ranked?.rounds.some((r) => r.tieBreak === 'draw') ?? false;
  return {
    pageTitle: `Decision: ${decision.question}`,
    subNav: subNav('/coproduction/proposals', actor),
    proposal,
    decision: {
      ...decision, methodLabel: METHODS[decision.method as Method], openedByName: names.get(decision.opened_by), deciderName: decision.decider_id ? names.get(decision.decider_id) : null,
      facilitatorName,
    },
    isFacilitator,
    closeBlocked: decision.status === 'open' ? closeBlocked(view, actor, facilitatorName) : null,
    tieBreakRule: TIE_BREAK_RULES[decision.method] ?? null,
    // The seed is shown with the result once the decision has closed (it was recorded when it opened).
    drawSeed: decision.method === 'ranked-choice' && decision.status === 'closed' ? decision.tie_break_seed : null,
    drawn,
    // An anonymous decision shows nothing of its answers until it closes, to its facilitator too.
    concernsHidden: decision.anonymous === 1 && decision.status !== 'closed',
    concerns: isFacilitator && !(decision.anonymous === 1 && decision.status !== 'closed')
      ? view.ballots.filter((b) => b.position === 'concern' || b.position === 'object').map((b) => ({
        kind: b.position === 'concern' ? 'Concern' : 'Objection', reason: b.reason, voterName: voterName(b.voter_id), resolved: b.resolved,
      }))
      : [],
    canWriteSummary: mayWriteClockSummary(decision, actor.id, view.summaryWritten),
    canRunOff: isFacilitator && decision.status === 'closed' && decision.outcome === 'no-decision',
    options: view.options,
    ballots: decision.anonymous === 1 || shown.hidden
      ? []
      : view.ballots.map((b) => ({ ...b, voterName: voterName(b.voter_id), rankingTitles: b.ranking ? (JSON.parse(b.ranking) as string[]).map((id) => optionTitle.get(id) ?? '') : [] })),
    // While an anonymous decision is open nobody sees its objections, not even how many there are,
    // except the objector their own. Nor does anyone see objections before taking part, except the
    // facilitator, who settles them.
    objections: (decision.anonymous === 1 && decision.status !== 'closed' ? (view.own ? [view.own] : []) : seesWords ? view.ballots : [])
      .filter((b) => b.position === 'object')
      .map((b) => ({
          ...b, voterName: voterName(b.voter_id),
          canWithdraw: decision.status === 'open' && b.id === view.own?.id,
          canSettle: decision.status === 'open' && b.voter_id !== null && b.voter_id !== actor.id && facilitatorOf(decision) === actor.id,
        })),
    advice: view.advice.map((a) => ({ ...a, adviserName: names.get(a.adviser_id) })),
    shown: withReason(shown),
    tally: { quorumMet: view.tally.quorumMet, groupParticipants: view.tally.groupParticipants },
    rankedRounds: shown.ranked?.rounds.map((r, i) => {
      const fewest = Math.min(...r.tallies.map((t) => t.votes));
      return {
        number: i + 1,
        tallies: r.tallies.map((t) => ({ title: optionTitle.get(t.optionId) ?? '', votes: t.votes })),
        exhausted: r.exhausted,
        eliminated: r.eliminated ? optionTitle.get(r.eliminated) : null,
        // The options it tied with for the fewest votes, when a tie-break chose it.
        tiedWith: r.tieBreak ? r.tallies.filter((t) => t.votes === fewest && t.optionId !== r.eliminated).map((t) => optionTitle.get(t.optionId) ?? '') : [],
        tieBreak: r.tieBreak,
      };
    }),
    winner: shown.ranked?.winner ? optionTitle.get(shown.ranked.winner) : null,
    chosenTitle: decision.chosen_option_id ? optionTitle.get(decision.chosen_option_id) : null,
    version: view.version,
    document: view.document,
    positions: POSITIONS[decision.method] ?? [],
    participated: view.participated,
    ownBallot: view.own
      ? { position: view.own.position, reason: view.own.reason, ranking: view.own.ranking ? (JSON.parse(view.own.ranking) as string[]).map((id) => optionTitle.get(id) ?? '') : [] }
      : null,
    myAdvice: view.advice.find((a) => a.adviser_id === actor.id),
    isDecider: decision.decider_id === actor.id,
    isStaff: isStaff(actor),
    level: view.level,
    levelLabel: LEVEL_LABELS[view.level],
    claimedLabel: claimedLabelOf(decision.claimed_level),
    levelItems: [{ value: '', text: 'Choose a level' }, ...LEVELS.map((l) => ({ value: l, text: LEVEL_LABELS[l], selected: decision.claimed_level === l }))],
    evidence: view.evidence,
    approvedChange: approvedChange(decision, proposal.area),
    guideChanges: view.catalogueChanges,
    adviserItems: [{ value: '', text: 'Choose someone' }, ...peopleToAsk(view.people, actor.id, asked).map((p) => ({ value: p.id, text: p.displayName, selected: forms.values?.adviserId === p.id }))],
    form: forms.form,
    values: forms.values ?? {},
    ...errorData(forms.errors),
  };
}

const KIND_TEXT: Record<string, string> = { add: 'add', update: 'update', retire: 'retire' };

/** The catalogue change the decision approves, as the page shows it, and whether it may be applied now. */
function approvedChange(decision: DecisionView['decision'], area: string) {
  if (!decision.catalogue_change || (area !== 'language-guide' && area !== 'priorities-of-care')) return null;
  const change = JSON.parse(decision.catalogue_change) as Record<string, unknown> & { change: string; entryId: string };
  return {
    ...change, catalogue: area, kindText: KIND_TEXT[change.change] ?? change.change,
    applicable: decision.status === 'closed' && decision.outcome === 'adopted' && decision.quorum_met === 1 && decision.applied_at === null,
  };
}

export function publicDecisionsPage(list: { rows: Array<DecisionTable & { proposal_title: string; level: ParticipationLevel }>; total: number; pages: number }, pageNumber: number, actor: Actor | null) {
  return {
    pageTitle: pageNumber > 1 ? `Coproduction decisions (page ${pageNumber} of ${list.pages})` : 'Coproduction decisions',
    subNav: actor ? subNav('/coproduction/decisions', actor) : null,
    decisions: list.rows.map((d) => ({
      id: d.id, question: d.question, summary: d.summary, closedAt: d.closed_at, outcome: d.outcome, proposalTitle: d.proposal_title,
      level: d.level, levelLabel: LEVEL_LABELS[d.level], claimedLabel: d.claimed_level ? LEVEL_LABELS[d.claimed_level as ParticipationLevel] : null, methodLabel: METHODS[d.method as Method],
    })),
    total: list.total,
    previous: pageNumber > 1 ? { href: `/coproduction/decisions?page=${pageNumber - 1}`, text: 'Newer decisions' } : null,
    next: pageNumber < list.pages ? { href: `/coproduction/decisions?page=${pageNumber + 1}`, text: 'Older decisions' } : null,
  };
}

export function historyPage(history: { changes: CatalogueChangeTable[]; decisions: Map<string, { question: string; public: boolean }> }, actor: Actor | null) {
  return {
    pageTitle: 'How the language guide and priorities of care have changed',
    subNav: actor ? subNav('/coproduction/decisions', actor) : null,
    changes: history.changes.map((c) => ({ ...c, decision: history.decisions.get(c.decision_id), catalogueLabel: c.catalogue === 'language-guide' ? 'Language guide' : 'Priorities of care' })),
  };
}

export function publicDecisionPage(view: PublicDecisionView, actor: Actor | null) {
  const d = view.decision;
  return {
    pageTitle: d.question,
    subNav: actor ? subNav('/coproduction/decisions', actor) : null,
    decision: { ...d, methodLabel: METHODS[d.method as Method] },
    proposal: view.proposal,
    evidence: view.evidence,
    level: view.level,
    levelLabel: LEVEL_LABELS[view.level],
    claimedLabel: d.claimed_level ? LEVEL_LABELS[d.claimed_level as ParticipationLevel] : null,
    shown: view.shown,
    chosenTitle: view.chosen?.title,
    publishedDocument: view.published ? { title: view.published.title, path: publishedPath(view.published) } : null,
    changes: view.changes,
  };
}
