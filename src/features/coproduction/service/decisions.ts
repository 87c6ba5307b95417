// Decisions: opening one (the options are set and the quorum is copied onto it), taking part
// (anonymous ballots hold no account id), objections, the advice process, and closing with an
// outcome and the participation level computed from the evidence. Each entry point is atomic.
import { createHmac, randomBytes } from 'node:crypto';
import { accountsWithRoles, notifyAccount } from '../../accounts/index.ts';
import type { Config } from '../../../platform/config.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Conn, type Db, type Trx } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { DEFAULT_OPEN_DAYS, isGated, MAX_OPEN_DAYS, MIN_OPEN_HOURS, originOf, POSITIONS, REASON_MAX, UNDECIDED_STAGES, type Method } from '../model.ts';
import type { ParticipationLevel } from '../participation.ts';
import * as repo from '../repository/index.ts';
import type { DecisionTable, OptionTable } from '../tables.ts';
import { speaksAs, tally, type Tally } from './counting.ts';
import { notifyImmediately } from './digests.ts';
import { computedLevel } from './levels.ts';
import { catalogueOfArea, checkedChange, type CatalogueChange, type CatalogueChangeRefusal } from './catalogue.ts';

export interface DecisionInput {
  method: Method;
  question: string;
  anonymous: boolean;
  public: boolean;
  documentVersionId: string | null;
  /** Advice process: who decides (defaults to whoever opens it). */
  deciderId?: string | null;
  /** Advice process: whose advice is sought (never the decider: nobody is the only adviser on their own decision). */
  adviserIds?: string[];
  /** On a language-guide or priorities-of-care proposal: the exact change this decision approves, the only one it can apply. */
  catalogueChange?: CatalogueChange | null;
  /** Who runs it (defaults to whoever opens it; in an advice process, the decider). */
  facilitatorId?: string | null;
  /** When it closes by itself: this time, or this many days after opening, or `DEFAULT_OPEN_DAYS` of its method. */
  closesAt?: string | null;
  openForDays?: number | null;
}

export type OpenDecisionRefusal =
  | 'proposal-decided' | 'decision-already-open' | 'ranked-choice-needs-options' | 'no-such-version' | 'advice-not-anonymous' | 'self-as-adviser'
  | 'change-not-in-area' | CatalogueChangeRefusal | 'choose-facilitator' | 'closing-time-too-soon' | 'closing-time-too-late';

/**
 * Who facilitates a decision: whoever opened it, or whom they named (in an advice process, the
 * decider). The facilitator settles objections, closes early once the quorum is met, sees the
 * concerns gathered and opens a run-off after a tied vote.
 */
export const facilitatorOf = (decision: Pick<DecisionTable, 'facilitator_id'>): string => decision.facilitator_id;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When a decision of this method opened at `at` closes unless told otherwise. */
export function defaultClosingTime(method: Method, at: string): string {
  return new Date(Date.parse(at) + DEFAULT_OPEN_DAYS[method] * DAY).toISOString();
}

export async function openDecision(db: Db, actor: Actor, proposalId: string, input: DecisionInput, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    const proposal = await repo.getProposal(trx, proposalId);
    if (!proposal) throw new NotFoundError();
    if (!UNDECIDED_STAGES.includes(proposal.stage)) throw new Refusal<OpenDecisionRefusal>('proposal-decided');
    if ((await repo.listDecisions(trx, { proposalId, status: 'open' })).length) throw new Refusal<OpenDecisionRefusal>('decision-already-open');
    if (input.method === 'ranked-choice' && (await repo.listOptions(trx, proposalId)).length < 2) throw new Refusal<OpenDecisionRefusal>('ranked-choice-needs-options');
    if (input.documentVersionId && !(await repo.getVersion(trx, input.documentVersionId))) throw new Refusal<OpenDecisionRefusal>('no-such-version');
    if (input.method === 'advice' && input.anonymous) throw new Refusal<OpenDecisionRefusal>('advice-not-anonymous');
    const deciderId = input.method === 'advice' ? (input.deciderId ?? actor.id) : null;
    if (deciderId && (input.adviserIds ?? []).includes(deciderId)) throw new Refusal<OpenDecisionRefusal>('self-as-adviser');
    let catalogueChange: string | null = null;
    if (input.catalogueChange) {
      const catalogue = catalogueOfArea(proposal.area);
      if (!catalogue) throw new Refusal<OpenDecisionRefusal>('change-not-in-area');
      catalogueChange = JSON.stringify(checkedChange(catalogue, input.catalogueChange));
    }
    // In an advice process the decider runs it; otherwise whoever opened it, or whom they named.
    const facilitatorId = deciderId ?? (input.facilitatorId || actor.id);
    if (facilitatorId !== actor.id && !(await speaksAs(trx, facilitatorId))) throw new Refusal<OpenDecisionRefusal>('choose-facilitator');
    const closesAt = input.closesAt ?? (input.openForDays ? new Date(Date.parse(at) + input.openForDays * DAY).toISOString() : defaultClosingTime(input.method, at));
    if (Date.parse(closesAt) < Date.parse(at) + MIN_OPEN_HOURS * HOUR) throw new Refusal<OpenDecisionRefusal>('closing-time-too-soon');
    if (Date.parse(closesAt) > Date.parse(at) + MAX_OPEN_DAYS * DAY) throw new Refusal<OpenDecisionRefusal>('closing-time-too-late');
    const quorum = await repo.getQuorum(trx);
    const id = await repo.insertDecision(trx, {
      proposal_id: proposalId,
      method: input.method,
      question: input.question,
      anonymous: input.anonymous ? 1 : 0,
      public: input.public ? 1 : 0,
      document_version_id: input.documentVersionId,
      status: 'open',
      opened_by: actor.id,
      opened_at: at,
      closed_by: null,
      closed_at: null,
      outcome: null,
      chosen_option_id: null,
      summary: null,
      quorum_min_group: quorum.minGroup,
      quorum_min_share_percent: quorum.minSharePercent,
      quorum_met: null,
      decider_id: deciderId,
      claimed_level: null,
      computed_level: null,
      catalogue_change: catalogueChange,
      facilitator_id: facilitatorId,
      closes_at: new Date(closesAt).toISOString(),
      // Drawn now, before anyone answers, and shown with the result: it breaks a ranked-choice tie
      // that every earlier round left standing.
      tie_break_seed: randomBytes(8).toString('hex'),
      reminded_before_close_at: null,
      reminded_quorum_at: null,
    });
    const origin = originOf(actor);
    await repo.addEvent(trx, { proposalId, decisionId: id, at, actorId: actor.id, actorOrigin: origin, kind: 'decision-opened', detail: { method: input.method } });
    if (proposal.stage !== 'decision') {
      await repo.setStage(trx, proposalId, 'decision', null, at);
      await repo.addEvent(trx, { proposalId, decisionId: id, at, actorId: actor.id, actorOrigin: origin, kind: 'stage', detail: { from: proposal.stage, to: 'decision' } });
    }
    for (const adviserId of new Set(input.adviserIds ?? [])) {
      const adviserOrigin = await speaksAs(trx, adviserId);
      if (adviserOrigin) await repo.insertAdvice(trx, { decision_id: id, adviser_id: adviserId, adviser_origin: adviserOrigin, sought_at: at });
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.decision-opened', subject: id, detail: { method: input.method, anonymous: input.anonymous, facilitatorNamed: facilitatorId !== actor.id } });
    return id;
  });
}

/** A decision opened from the proposal's page: opened, and each group member who asked to hear at once told. */
export async function openDecisionAndNotify(db: Db, config: Config, actor: Actor, proposalId: string, input: DecisionInput): Promise<string> {
  return inTransaction(db, async (trx) => {
    const id = await openDecision(trx, actor, proposalId, input);
    for (const member of await accountsWithRoles(trx, ['group'])) {
      if (member.id !== actor.id) await notifyImmediately(trx, config, member.id, 'decision', `/coproduction/proposals/${proposalId}`);
    }
    return id;
  });
}

/**
 * The key that lets a member find their own anonymous ballot: an HMAC of the decision and the
 * account under the service's secret. The ballot row alone names no one; only the service (holding
 * the secret) can tell the member which ballot is theirs.
 */
export const ballotOwnerKey = (secret: string, decisionId: string, accountId: string): string =>
  createHmac('sha256', secret).update(`coproduction-ballot:${decisionId}:${accountId}`).digest('base64url');

export type BallotRefusal = 'decision-closed' | 'advice-not-votes' | 'already-taken-part' | 'rank-one' | 'ranks-differ' | 'choose-answer' | 'objection-needs-reason' | 'concern-needs-words' | 'reason-too-long';

/**
 * Records one person's part in a decision. Each account takes part once. For an anonymous
 * decision the ballot carries no account id and only the day it was cast, so neither its row
 * nor its timing can be matched to the participants list.
 */
export async function castBallot(
  db: Db,
  actor: Actor,
  decisionId: string,
  input: { position?: string; ranking?: string[]; reason?: string; /** From `ballotOwnerKey`: kept on an anonymous ballot so its member can see it. */ ownerKey?: string },
  at: string = nowIso(),
): Promise<void> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision) throw new NotFoundError();
    if (decision.status !== 'open' || Date.parse(at) >= Date.parse(decision.closes_at)) throw new Refusal<BallotRefusal>('decision-closed');
    if (decision.method === 'advice') throw new Refusal<BallotRefusal>('advice-not-votes');
    if ((input.reason ?? '').length > REASON_MAX) throw new Refusal<BallotRefusal>('reason-too-long');
    if (await repo.hasParticipated(trx, decisionId, actor.id)) throw new Refusal<BallotRefusal>('already-taken-part');
    const origin = originOf(actor);
    let position: string | null = null;
    let ranking: string | null = null;
    if (decision.method === 'ranked-choice') {
      const options = new Set((await repo.listOptions(trx, decision.proposal_id)).map((o) => o.id));
      const chosen = (input.ranking ?? []).filter((id) => options.has(id));
      if (chosen.length === 0) throw new Refusal<BallotRefusal>('rank-one');
      if (new Set(chosen).size !== chosen.length) throw new Refusal<BallotRefusal>('ranks-differ');
      ranking = JSON.stringify(chosen);
    } else {
      if (!input.position || !POSITIONS[decision.method]?.includes(input.position)) throw new Refusal<BallotRefusal>('choose-answer');
      position = input.position;
      if (position === 'object' && !input.reason) throw new Refusal<BallotRefusal>('objection-needs-reason');
      if (position === 'concern' && !input.reason) throw new Refusal<BallotRefusal>('concern-needs-words');
    }
    const anonymous = decision.anonymous === 1;
    try {
      await repo.insertParticipant(trx, { decision_id: decisionId, account_id: actor.id, origin, at: anonymous ? at.slice(0, 10) : at });
    } catch {
      // Two answers sent at once: the participants key lets only one through.
      throw new Refusal<BallotRefusal>('already-taken-part');
    }
    await repo.insertBallot(trx, {
      decision_id: decisionId,
      voter_id: anonymous ? null : actor.id,
      origin,
      position,
      ranking,
      reason: input.reason || null,
      cast_at: anonymous ? `${at.slice(0, 10)}T00:00:00.000Z` : at,
      owner_key: anonymous ? (input.ownerKey ?? null) : null,
    });
    await repo.addEvent(trx, { proposalId: decision.proposal_id, decisionId, at: anonymous ? `${at.slice(0, 10)}T00:00:00.000Z` : at, actorId: actor.id, actorOrigin: origin, kind: 'took-part', detail: {} });
  });
}

export type ObjectionRefusal = 'no-such-objection' | 'decision-closed' | 'resolution-needed' | 'only-objector-or-facilitator';

/**
 * An objection is settled in one of two ways only: its objector withdraws it (it is then resolved),
 * or the decision's facilitator records it as resolved or standing, with a reason, and the objector
 * is told (by the discreet notice, when `config` is given). The ballot must belong to `decisionId`
 * (the decision in the URL): an id from another decision is not found. An anonymous objection
 * names no one: only its objector (found by their `ballotOwnerKey`) can withdraw it, the
 * facilitator cannot settle it, and one not withdrawn stands at close (see closeDecision).
 */
export async function settleObjection(
  db: Db,
  actor: Actor,
  decisionId: string,
  ballotId: string,
  input: { resolution: string; resolved: boolean },
  options: { config?: Config; at?: string; /** The actor's `ballotOwnerKey` for this decision: finds their own anonymous objection. */ ownerKey?: string } = {},
): Promise<{ decisionId: string; withdrawn: boolean }> {
  const at = options.at ?? nowIso();
  return inTransaction(db, async (trx) => {
    const ballot = await repo.getBallot(trx, ballotId);
    if (!ballot || ballot.decision_id !== decisionId || ballot.position !== 'object') throw new Refusal<ObjectionRefusal>('no-such-objection');
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision || decision.status !== 'open') throw new Refusal<ObjectionRefusal>('decision-closed');
    const withdrawn = (ballot.voter_id !== null && ballot.voter_id === actor.id) || (ballot.owner_key !== null && options.ownerKey !== undefined && ballot.owner_key === options.ownerKey);
    if (!withdrawn && (facilitatorOf(decision) !== actor.id || ballot.voter_id === null)) throw new Refusal<ObjectionRefusal>('only-objector-or-facilitator');
    if (!input.resolution) throw new Refusal<ObjectionRefusal>('resolution-needed');
    await repo.resolveObjection(trx, ballotId, { resolution: input.resolution, resolved: withdrawn || input.resolved ? 1 : 0, by: actor.id, at });
    await audit(trx, { actorId: actor.id, action: 'coproduction.objection-settled', subject: decisionId, detail: { resolved: withdrawn || input.resolved, withdrawn } });
    if (!withdrawn && ballot.voter_id && options.config) await notifyAccount(trx, options.config, ballot.voter_id, { purpose: 'coproduction-objection' });
    return { decisionId, withdrawn };
  });
}

export type AdviceRefusal = 'not-an-advice-process' | 'decision-closed' | 'advice-not-sought' | 'advice-needed';

export async function recordAdvice(db: Db, actor: Actor, decisionId: string, advice: string, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision) throw new NotFoundError();
    if (decision.method !== 'advice') throw new Refusal<AdviceRefusal>('not-an-advice-process');
    if (decision.status !== 'open') throw new Refusal<AdviceRefusal>('decision-closed');
    const request = (await repo.listAdvice(trx, decisionId)).find((a) => a.adviser_id === actor.id);
    if (!request) throw new Refusal<AdviceRefusal>('advice-not-sought');
    if (!advice) throw new Refusal<AdviceRefusal>('advice-needed');
    await repo.giveAdvice(trx, request.id, advice, at);
    if (!(await repo.hasParticipated(trx, decisionId, actor.id))) await repo.insertParticipant(trx, { decision_id: decisionId, account_id: actor.id, origin: request.adviser_origin, at });
    await repo.addEvent(trx, { proposalId: decision.proposal_id, decisionId, at, actorId: actor.id, actorOrigin: request.adviser_origin, kind: 'advice', detail: {} });
  });
}

export type AdviserRefusal = 'not-an-open-advice-process' | 'only-the-decider-seeks' | 'already-sought' | 'choose-adviser' | 'self-as-adviser';

export async function seekAdvice(db: Db, actor: Actor, decisionId: string, adviserId: string, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision) throw new NotFoundError();
    if (decision.method !== 'advice' || decision.status !== 'open') throw new Refusal<AdviserRefusal>('not-an-open-advice-process');
    if (decision.decider_id !== actor.id) throw new Refusal<AdviserRefusal>('only-the-decider-seeks');
    if (adviserId === decision.decider_id) throw new Refusal<AdviserRefusal>('self-as-adviser');
    if ((await repo.listAdvice(trx, decisionId)).some((a) => a.adviser_id === adviserId)) throw new Refusal<AdviserRefusal>('already-sought');
    const adviserOrigin = await speaksAs(trx, adviserId);
    if (!adviserOrigin) throw new Refusal<AdviserRefusal>('choose-adviser');
    await repo.insertAdvice(trx, { decision_id: decisionId, adviser_id: adviserId, adviser_origin: adviserOrigin, sought_at: at });
  });
}

export type CloseRefusal =
  | 'already-closed' | 'summary-needed' | 'objections-unsettled' | 'only-the-decider-closes' | 'advice-first' | 'adopt-needed'
  | 'group-advice-needed' | 'only-the-facilitator-closes' | 'quorum-not-met-yet';

export type Outcome = 'adopted' | 'not-adopted' | 'no-decision';

/**
 * Closes a decision early, by its facilitator (in an advice process, the decider), and works
 * out its outcome. Before the closing time only the facilitator may close it, and only once the
 * quorum is met (an advice process closes when the decider decides, after advice was given).
 * At the closing time it closes by itself (`closeDueDecisions`). Outcomes:
 * consent — adopted when the quorum is met and no objection stands (every objection must be
 *   resolved or recorded as standing before the facilitator closes early; at the closing time an
 *   unsettled objection stands);
 * vote — adopted when the quorum is met and more vote for than against (abstentions count
 *   towards the quorum but not the result); as many for as against is no decision, and the
 *   facilitator can open a run-off;
 * ranked choice — the instant-runoff winner is chosen when the quorum is met;
 * advice process — the decider says whether it is adopted, after advice was given; when it approves
 *   a document version or changes the language guide or the priorities (`isGated`), it can be
 *   adopted only once at least the quorum's minimum of group members gave advice.
 * A decision approves anything (a version, a catalogue change) only when adopted with the quorum met.
 * The proposal moves to "implementing" when adopted, "not adopted" with the summary as reasons,
 * or stays at "decision" when there was no decision.
 */
export async function closeDecision(
  db: Db,
  actor: Actor,
  decisionId: string,
  input: { summary: string; adopt?: boolean },
  at: string = nowIso(),
): Promise<{ outcome: Outcome; level: ParticipationLevel }> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision) throw new NotFoundError();
    if (decision.status !== 'open') throw new Refusal<CloseRefusal>('already-closed');
    if (decision.method === 'advice') {
      if (decision.decider_id !== actor.id) throw new Refusal<CloseRefusal>('only-the-decider-closes');
    } else if (decision.facilitator_id !== actor.id) {
      throw new Refusal<CloseRefusal>('only-the-facilitator-closes');
    }
    if (!input.summary) throw new Refusal<CloseRefusal>('summary-needed');
    const proposalRow = await repo.getProposal(trx, decision.proposal_id);
    const gated = isGated(decision, proposalRow?.area ?? '');
    const t = await tally(trx, decision);
    const early = Date.parse(at) < Date.parse(decision.closes_at);
    if (decision.method !== 'advice' && early && !t.quorumMet) throw new Refusal<CloseRefusal>('quorum-not-met-yet');
    // An anonymous objection is seen by no one but its objector, so only they can settle it (by
    // withdrawing it); one not withdrawn stands.
    if (decision.method === 'consent' && decision.anonymous !== 1 && t.objections.unsettled > 0) throw new Refusal<CloseRefusal>('objections-unsettled');
    if (decision.method === 'advice') {
      const advice = await repo.listAdvice(trx, decisionId);
      if (!advice.some((a) => a.given_at)) throw new Refusal<CloseRefusal>('advice-first');
      if (input.adopt === undefined) throw new Refusal<CloseRefusal>('adopt-needed');
      if (input.adopt && gated && !t.quorumMet) throw new Refusal<CloseRefusal>('group-advice-needed');
    }
    return finishClosing(trx, decision, t, { closer: actor, summary: input.summary, adopt: input.adopt ?? false }, at);
  });
}

/** The outcome of a count; at the closing time an unsettled objection counts as standing. */
function outcomeOf(decision: DecisionTable, t: Tally, adopt: boolean): { outcome: Outcome; chosen: string | null } {
  if (decision.method === 'consent') return { outcome: t.quorumMet && t.objections.standing + t.objections.unsettled === 0 ? 'adopted' : 'not-adopted', chosen: null };
  if (decision.method === 'vote') {
    const yes = t.counts.for ?? 0;
    const no = t.counts.against ?? 0;
    if (!t.quorumMet) return { outcome: 'not-adopted', chosen: null };
    return { outcome: yes > no ? 'adopted' : yes === no ? 'no-decision' : 'not-adopted', chosen: null };
  }
  if (decision.method === 'ranked-choice') {
    const chosen = t.quorumMet ? (t.ranked?.winner ?? null) : null;
    return { outcome: chosen ? 'adopted' : 'not-adopted', chosen };
  }
  return { outcome: adopt ? 'adopted' : 'not-adopted', chosen: null };
}

async function finishClosing(
  trx: Trx,
  decision: DecisionTable,
  t: Tally,
  how: { closer: Actor | null; summary: string; adopt: boolean },
  at: string,
): Promise<{ outcome: Outcome; level: ParticipationLevel }> {
  const { outcome, chosen } = outcomeOf(decision, t, how.adopt);
  const closerId = how.closer?.id ?? null;
  const closed = await repo.closeDecisionRow(trx, decision.id, {
    closed_by: closerId, closed_at: at, outcome, chosen_option_id: chosen, summary: how.summary, quorum_met: t.quorumMet ? 1 : 0, computed_level: null,
  });
  if (!closed) throw new Refusal<CloseRefusal>('already-closed');
  const origin = how.closer ? originOf(how.closer) : null;
  await repo.addEvent(trx, { proposalId: decision.proposal_id, decisionId: decision.id, at, actorId: closerId, actorOrigin: origin, kind: 'decision-closed', detail: { outcome, quorumMet: t.quorumMet, byClosingTime: how.closer === null } });
  const level = await computedLevel(trx, decision.id);
  await repo.setComputedLevel(trx, decision.id, level);
  const proposal = await repo.getProposal(trx, decision.proposal_id);
  if (proposal && proposal.stage === 'decision' && outcome !== 'no-decision') {
    const stage = outcome === 'adopted' ? 'implementing' : 'not-adopted';
    await repo.setStage(trx, proposal.id, stage, outcome === 'adopted' ? null : how.summary, at);
    await repo.addEvent(trx, { proposalId: proposal.id, decisionId: decision.id, at, actorId: closerId, actorOrigin: origin, kind: 'stage', detail: { from: 'decision', to: stage } });
  }
  await audit(trx, { actorId: closerId, action: 'coproduction.decision-closed', subject: decision.id, detail: { outcome, quorumMet: t.quorumMet, level, byClosingTime: how.closer === null } });
  return { outcome, level };
}

/** The longest public summary of a decision (as the close form allows). */
export const SUMMARY_MAX = 2000;

const AUTOMATIC_SUMMARY: Record<Outcome, string> = {
  adopted: 'Closed at its closing time: adopted.',
  'not-adopted': 'Closed at its closing time: not adopted.',
  'no-decision': 'Closed at its closing time with as many for as against: no decision. The facilitator can open a run-off.',
};

/**
 * Closes every open decision whose closing time has come, as its count stands (the job in
 * `src/jobs.ts` runs it; `now` is the clock, so tests can move it). Safe on several instances:
 * each decision closes once. An advice process whose decider has not decided closes not adopted.
 */
export async function closeDueDecisions(db: Db, now: Date = new Date()): Promise<{ closed: number }> {
  let closed = 0;
  for (const due of await repo.listDueDecisions(db, now.toISOString())) {
    const done = await inTransaction(db, async (trx) => {
      const decision = await repo.getDecision(trx, due.id);
      if (!decision || decision.status !== 'open') return false;
      const t = await tally(trx, decision);
      const { outcome } = outcomeOf(decision, t, false);
      const summary = decision.method === 'advice' ? 'Closed at its closing time before the decider decided: not adopted.' : AUTOMATIC_SUMMARY[outcome];
      try {
        await finishClosing(trx, decision, t, { closer: null, summary, adopt: false }, decision.closes_at);
      } catch (error) {
        // Another instance closed it first.
        if (error instanceof Refusal) return false;
        throw error;
      }
      return true;
    });
    if (done) closed += 1;
  }
  return { closed };
}

export type ClockSummaryRefusal = 'not-closed-by-clock' | 'only-the-facilitator-writes' | 'summary-already-written' | 'summary-needed' | 'summary-too-long';

/** Whether the facilitator may still write the summary of a decision its closing time closed. */
export const mayWriteClockSummary = (decision: DecisionTable, actorId: string | null, alreadyWritten: boolean): boolean =>
  decision.status === 'closed' && decision.closed_by === null && actorId !== null && facilitatorOf(decision) === actorId && !alreadyWritten;

/** Has the summary of this decision been written in place of the automatic one? */
export async function clockSummaryWritten(db: Conn, decision: Pick<DecisionTable, 'id' | 'proposal_id'>): Promise<boolean> {
  return (await repo.listEvents(db, decision.proposal_id)).some((e) => e.decision_id === decision.id && e.kind === 'summary-written');
}

/**
 * A decision its closing time closed has the automatic summary ("Closed at its closing time:
 * adopted."); its facilitator (in an advice process, the decider) may write the summary people
 * will read in its place, once — as closing it by hand, only the facilitator, never a lead for
 * them. The automatic summary stays in the timeline (the `summary-written` event) and the audit,
 * so the change is visible. A decision closed by hand already has its closer's summary. When the
 * proposal was not adopted with the automatic summary as its reasons, the reasons are the new
 * summary too. The decision must belong to `proposalId` (the URL names both).
 */
export async function writeClockSummary(db: Db, actor: Actor | null, proposalId: string, decisionId: string, summary: string, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    if (!actor) throw new NotFoundError();
    const decision = await decisionOn(trx, proposalId, decisionId);
    if (decision.status !== 'closed' || decision.closed_by !== null) throw new Refusal<ClockSummaryRefusal>('not-closed-by-clock');
    if (facilitatorOf(decision) !== actor.id) throw new Refusal<ClockSummaryRefusal>('only-the-facilitator-writes');
    if (!mayWriteClockSummary(decision, actor.id, await clockSummaryWritten(trx, decision))) throw new Refusal<ClockSummaryRefusal>('summary-already-written');
    if (!summary) throw new Refusal<ClockSummaryRefusal>('summary-needed');
    if (summary.length > SUMMARY_MAX) throw new Refusal<ClockSummaryRefusal>('summary-too-long');
    // Conditional on the summary still being the automatic one: of two writes at once, one wins.
    if (!(await repo.replaceSummary(trx, decision.id, decision.summary, summary))) throw new Refusal<ClockSummaryRefusal>('summary-already-written');
    const proposal = await repo.getProposal(trx, proposalId);
    if (proposal && proposal.stage === 'not-adopted' && proposal.not_adopted_reason === decision.summary) await repo.setStage(trx, proposalId, 'not-adopted', summary, at);
    await repo.addEvent(trx, { proposalId, decisionId: decision.id, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'summary-written', detail: { automatic: decision.summary } });
    await audit(trx, { actorId: actor.id, action: 'coproduction.decision-summary-written', subject: decision.id, detail: { automatic: decision.summary } });
  });
}

export type RunOffRefusal = 'not-a-tied-vote' | 'only-the-facilitator-runs-off' | 'decision-already-open';

/** After a tied vote, the facilitator opens a run-off: the same question, a fresh vote, its own closing time. */
export async function openRunOff(db: Db, actor: Actor, decisionId: string, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision) throw new NotFoundError();
    if (decision.method !== 'vote' || decision.status !== 'closed' || decision.outcome !== 'no-decision') throw new Refusal<RunOffRefusal>('not-a-tied-vote');
    if (decision.facilitator_id !== actor.id) throw new Refusal<RunOffRefusal>('only-the-facilitator-runs-off');
    if ((await repo.listDecisions(trx, { proposalId: decision.proposal_id, status: 'open' })).length) throw new Refusal<RunOffRefusal>('decision-already-open');
    return openDecision(trx, actor, decision.proposal_id, {
      method: 'vote', question: decision.question, anonymous: decision.anonymous === 1, public: decision.public === 1, documentVersionId: decision.document_version_id,
    }, at);
  });
}

/** Everyone who should have a say and has not had it yet: group members who have not taken part, or advisers who have not advised. */
async function notYetTakenPart(trx: Trx, decision: DecisionTable): Promise<string[]> {
  if (decision.method === 'advice') return (await repo.listAdvice(trx, decision.id)).filter((a) => !a.given_at).map((a) => a.adviser_id);
  const took = new Set((await repo.listParticipants(trx, decision.id)).map((p) => p.account_id));
  return (await accountsWithRoles(trx, ['group'])).map((m) => m.id).filter((id) => !took.has(id));
}

/**
 * Reminds those who have not taken part, through the discreet notice every mail is: once 24
 * hours before the closing time, and once when the quorum is at risk (half the time it is open
 * has gone and the quorum is not met). Each reminder is claimed on the decision's row, so it goes
 * once however many instances run the job.
 */
export async function sendDecisionReminders(db: Db, config: Config, now: Date = new Date()): Promise<{ reminded: number }> {
  let reminded = 0;
  const at = now.toISOString();
  for (const open of await repo.listDecisions(db, { status: 'open' })) {
    const closesAt = Date.parse(open.closes_at);
    if (closesAt <= now.getTime()) continue;
    const kinds: Array<'before-close' | 'quorum'> = [];
    if (!open.reminded_before_close_at && closesAt - now.getTime() <= DAY) kinds.push('before-close');
    const halfway = Date.parse(open.opened_at) + (closesAt - Date.parse(open.opened_at)) / 2;
    if (!open.reminded_quorum_at && open.method !== 'advice' && now.getTime() >= halfway) kinds.push('quorum');
    for (const kind of kinds) {
      reminded += await inTransaction(db, async (trx) => {
        const decision = await repo.getDecision(trx, open.id);
        if (!decision || decision.status !== 'open') return 0;
        if (kind === 'quorum' && (await tally(trx, decision)).quorumMet) return 0;
        if (!(await repo.claimReminder(trx, decision.id, kind, at))) return 0;
        let sent = 0;
        for (const accountId of await notYetTakenPart(trx, decision)) {
          if (await notifyAccount(trx, config, accountId, { purpose: kind === 'quorum' ? 'coproduction-quorum-at-risk' : 'coproduction-decision-closing' })) sent += 1;
        }
        await audit(trx, { actorId: null, action: 'coproduction.decision-reminder', subject: decision.id, detail: { kind, sent } });
        return sent;
      });
    }
  }
  return { reminded };
}

/** The level staff claim for a decision, shown beside the level computed from the evidence. */
export async function claimLevel(db: Db, decisionId: string, level: ParticipationLevel): Promise<void> {
  return inTransaction(db, async (trx) => {
    if (!(await repo.getDecision(trx, decisionId))) throw new NotFoundError();
    await repo.setClaimedLevel(trx, decisionId, level);
  });
}

/** The decision and the options it is between, for reading a ballot. */
export async function ballotChoices(db: Db, proposalId: string, decisionId: string): Promise<{ decision: DecisionTable; options: OptionTable[] }> {
  const decision = await decisionOn(db, proposalId, decisionId);
  return { decision, options: await repo.listOptions(db, decision.proposal_id) };
}

/** The decision, when it belongs to that proposal (the URLs name both); otherwise not found. */
export async function decisionOn(db: Db, proposalId: string, decisionId: string): Promise<DecisionTable> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision || decision.proposal_id !== proposalId) throw new NotFoundError();
  return decision;
}
