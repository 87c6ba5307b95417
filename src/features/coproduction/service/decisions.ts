// Decisions: opening one (the options are set and the quorum is copied onto it), taking part
// (anonymous ballots hold no account id), objections, the advice process, and closing with an
// outcome and the participation level computed from the evidence. Each entry point is atomic.
import { createHmac } from 'node:crypto';
import { accountsWithRoles, notifyAccount } from '../../accounts/index.ts';
import type { Config } from '../../../platform/config.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { isGated, originOf, POSITIONS, UNDECIDED_STAGES, type Method } from '../model.ts';
import type { ParticipationLevel } from '../participation.ts';
import * as repo from '../repository/index.ts';
import type { DecisionTable, OptionTable } from '../tables.ts';
import { speaksAs, tally } from './counting.ts';
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
}

export type OpenDecisionRefusal =
  | 'proposal-decided' | 'decision-already-open' | 'ranked-choice-needs-options' | 'no-such-version' | 'advice-not-anonymous' | 'self-as-adviser'
  | 'change-not-in-area' | CatalogueChangeRefusal;

/** Who facilitates a decision: settles objections, and is told of them. For now, whoever opened it. */
export const facilitatorOf = (decision: Pick<DecisionTable, 'opened_by'>): string => decision.opened_by;


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
    await audit(trx, { actorId: actor.id, action: 'coproduction.decision-opened', subject: id, detail: { method: input.method, anonymous: input.anonymous } });
    return id;
  });
}

/** A decision opened from the proposal's page: opened, and each group member who asked to hear at once told. */
export async function openDecisionAndNotify(db: Db, config: Config, actor: Actor, proposalId: string, input: DecisionInput): Promise<string> {
  return inTransaction(db, async (trx) => {
    const id = await openDecision(trx, actor, proposalId, input);
    for (const member of await accountsWithRoles(trx, ['group'])) {
      if (member.id !== actor.id) await notifyImmediately(trx, config, member.id, 'decision');
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

export type BallotRefusal = 'decision-closed' | 'advice-not-votes' | 'already-taken-part' | 'rank-one' | 'ranks-differ' | 'choose-answer' | 'objection-needs-reason';

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
    if (decision.status !== 'open') throw new Refusal<BallotRefusal>('decision-closed');
    if (decision.method === 'advice') throw new Refusal<BallotRefusal>('advice-not-votes');
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

export type CloseRefusal = 'already-closed' | 'summary-needed' | 'objections-unsettled' | 'only-the-decider-closes' | 'advice-first' | 'adopt-needed' | 'group-advice-needed';

/**
 * Closes a decision and works out its outcome:
 * consent — adopted when the quorum is met and no objection stands (every objection must be
 *   resolved or recorded as standing before it can close);
 * vote — adopted when the quorum is met and more vote for than against (abstentions count
 *   towards the quorum but not the result);
 * ranked choice — the instant-runoff winner is chosen when the quorum is met;
 * advice process — the decider says whether it is adopted, after advice was given; when it approves
 *   a document version or changes the language guide or the priorities (`isGated`), it can be
 *   adopted only once at least the quorum's minimum of group members gave advice.
 * A decision approves anything (a version, a catalogue change) only when adopted with the quorum met.
 * The proposal moves to "implementing" when adopted, or "not adopted" with the summary as reasons.
 */
export async function closeDecision(
  db: Db,
  actor: Actor,
  decisionId: string,
  input: { summary: string; adopt?: boolean },
  at: string = nowIso(),
): Promise<{ outcome: 'adopted' | 'not-adopted'; level: ParticipationLevel }> {
  return inTransaction(db, async (trx) => {
    const decision = await repo.getDecision(trx, decisionId);
    if (!decision) throw new NotFoundError();
    if (decision.status !== 'open') throw new Refusal<CloseRefusal>('already-closed');
    if (!input.summary) throw new Refusal<CloseRefusal>('summary-needed');
    const proposalRow = await repo.getProposal(trx, decision.proposal_id);
    const gated = isGated(decision, proposalRow?.area ?? '');
    const t = await tally(trx, decision);
    let adopted: boolean;
    let chosen: string | null = null;
    if (decision.method === 'consent') {
      // An anonymous objection is seen by no one but its objector, so only they can settle it (by
      // withdrawing it); one not withdrawn stands.
      if (decision.anonymous !== 1 && t.objections.unsettled > 0) throw new Refusal<CloseRefusal>('objections-unsettled');
      adopted = t.quorumMet && t.objections.standing === 0 && t.objections.unsettled === 0;
    } else if (decision.method === 'vote') {
      adopted = t.quorumMet && (t.counts.for ?? 0) > (t.counts.against ?? 0);
    } else if (decision.method === 'ranked-choice') {
      chosen = t.quorumMet ? (t.ranked?.winner ?? null) : null;
      adopted = chosen !== null;
    } else {
      if (decision.decider_id !== actor.id) throw new Refusal<CloseRefusal>('only-the-decider-closes');
      const advice = await repo.listAdvice(trx, decisionId);
      if (!advice.some((a) => a.given_at)) throw new Refusal<CloseRefusal>('advice-first');
      if (input.adopt === undefined) throw new Refusal<CloseRefusal>('adopt-needed');
      if (input.adopt && gated && !t.quorumMet) throw new Refusal<CloseRefusal>('group-advice-needed');
      adopted = input.adopt;
    }
    const outcome = adopted ? 'adopted' : 'not-adopted';
    const closed = await repo.closeDecisionRow(trx, decisionId, {
      closed_by: actor.id, closed_at: at, outcome, chosen_option_id: chosen, summary: input.summary, quorum_met: t.quorumMet ? 1 : 0, computed_level: null,
    });
    if (!closed) throw new Refusal<CloseRefusal>('already-closed');
    const origin = originOf(actor);
    await repo.addEvent(trx, { proposalId: decision.proposal_id, decisionId, at, actorId: actor.id, actorOrigin: origin, kind: 'decision-closed', detail: { outcome, quorumMet: t.quorumMet } });
    const level = await computedLevel(trx, decisionId);
    await repo.setComputedLevel(trx, decisionId, level);
    const proposal = await repo.getProposal(trx, decision.proposal_id);
    if (proposal && proposal.stage === 'decision') {
      const stage = adopted ? 'implementing' : 'not-adopted';
      await repo.setStage(trx, proposal.id, stage, adopted ? null : input.summary, at);
      await repo.addEvent(trx, { proposalId: proposal.id, decisionId, at, actorId: actor.id, actorOrigin: origin, kind: 'stage', detail: { from: 'decision', to: stage } });
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.decision-closed', subject: decisionId, detail: { outcome, quorumMet: t.quorumMet, level } });
    return { outcome, level };
  });
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
