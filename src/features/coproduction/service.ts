// The coproduction workspace's rules, in domain terms: who raised what, the timeline, the
// response rule for group comments, decisions and their counting, the publish gate, and the
// participation level computed from evidence. Routes open transactions and pass them in.
import { rolesOf } from '../accounts/index.ts';
import { audit } from '../../platform/audit.ts';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import { participationLevel, quorumMet, type DecisionEvidence, type Origin, type ParticipationLevel } from './participation.ts';
import { countRankedChoice, type RankedResult } from './ranked-choice.ts';
import * as repo from './repository/index.ts';
import type { DecisionTable } from './tables.ts';
import { suppressedCounts, type ShownCount } from './suppression.ts';

export const AREAS = {
  policy: 'Policy',
  'care-pathway': 'Care pathway',
  document: 'Document',
  'language-guide': 'Language guide',
  'priorities-of-care': 'Priorities of care',
  website: 'Website',
  other: 'Other',
} as const;
export type Area = keyof typeof AREAS;

export const STAGES = {
  idea: 'Idea',
  'co-design': 'Co-design',
  decision: 'Decision',
  implementing: 'Implementing',
  done: 'Done',
  'not-adopted': 'Not adopted',
} as const;
export type Stage = keyof typeof STAGES;

/** The stage each stage moves on to; any open stage may also end as "not adopted", with reasons. */
export const NEXT_STAGE: Partial<Record<Stage, Stage>> = { idea: 'co-design', 'co-design': 'decision', decision: 'implementing', implementing: 'done' };

export const METHODS = {
  consent: 'Consent (agree, concern or object)',
  vote: 'Vote (for, against or abstain)',
  'ranked-choice': 'Ranked choice between options',
  advice: 'Advice process',
} as const;
export type Method = keyof typeof METHODS;

export const DOCUMENT_KINDS = {
  'letter-template': 'Letter template',
  leaflet: 'Leaflet',
  policy: 'Policy',
  'web-page': 'Web page',
  'news-post': 'News post',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
  field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Who someone speaks as. Decided: an account holding the group or person role and no staff role
 * speaks from lived experience; anyone holding a staff role (practitioner or lead) speaks as staff,
 * even if they also use the service or sit on the group — the ladder measures whether power
 * moved away from staff, so a staff member's voice never counts as the group's.
 */
export function originOf(actor: Pick<Actor, 'roles'>): Origin {
  const staff = actor.roles.has('practitioner') || actor.roles.has('lead');
  const lived = actor.roles.has('group') || actor.roles.has('person');
  return lived && !staff ? 'lived-experience' : 'staff';
}

// Proposals ----------------------------------------------------------------------------------

export interface ProposalInput {
  title: string;
  problem: string;
  affects: string;
  idea: string;
  area: Area;
}

export async function raiseProposal(db: Conn, actor: Actor, input: ProposalInput, at: string = nowIso()): Promise<string> {
  const origin = originOf(actor);
  const id = await repo.insertProposal(db, { ...input, origin, author_id: actor.id, stage: 'idea', not_adopted_reason: null, at });
  await repo.addEvent(db, { proposalId: id, at, actorId: actor.id, actorOrigin: origin, kind: 'raised', detail: { area: input.area } });
  await audit(db, { actorId: actor.id, action: 'coproduction.proposal-raised', subject: id, detail: { origin } });
  return id;
}

export async function changeStage(db: Conn, actor: Actor, proposalId: string, stage: Stage, reason: string | null, at: string = nowIso()): Promise<void> {
  const proposal = await repo.getProposal(db, proposalId);
  if (!proposal) throw new WorkspaceError('stage', 'That proposal does not exist.');
  const current = proposal.stage as Stage;
  if ((await repo.listDecisions(db, { proposalId, status: 'open' })).length) throw new WorkspaceError('stage', 'Close the open decision first: its outcome moves the proposal on.');
  if (stage === 'not-adopted') {
    if (current === 'done' || current === 'not-adopted') throw new WorkspaceError('stage', 'This proposal is already finished.');
    if (!reason) throw new WorkspaceError('reason', 'Give the reasons it was not adopted');
  } else if (NEXT_STAGE[current] !== stage) {
    throw new WorkspaceError('stage', `A proposal at “${STAGES[current]}” can move on only to “${STAGES[NEXT_STAGE[current] ?? current]}”.`);
  }
  if (stage === 'decision') throw new WorkspaceError('stage', 'Open a decision to move this proposal to the decision stage.');
  await repo.setStage(db, proposalId, stage, stage === 'not-adopted' ? reason : null, at);
  await repo.addEvent(db, { proposalId, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'stage', detail: { from: current, to: stage } });
  await audit(db, { actorId: actor.id, action: 'coproduction.stage', subject: proposalId, detail: { from: current, to: stage } });
}

/**
 * A comment in the thread. A comment by someone with lived experience waits for a staff
 * response; a staff reply to it is that response (who and when are recorded).
 */
export async function addComment(db: Conn, actor: Actor, proposalId: string, body: string, parentId: string | null, at: string = nowIso()): Promise<string> {
  const proposal = await repo.getProposal(db, proposalId);
  if (!proposal) throw new WorkspaceError('body', 'That proposal does not exist.');
  const parent = parentId ? await repo.getComment(db, parentId) : undefined;
  if (parentId && (!parent || parent.proposal_id !== proposalId)) throw new WorkspaceError('body', 'The comment you are replying to does not exist.');
  const origin = originOf(actor);
  const id = await repo.insertComment(db, {
    proposal_id: proposalId,
    parent_id: parent?.id ?? null,
    author_id: actor.id,
    author_origin: origin,
    body,
    created_at: at,
    awaits_response: origin === 'lived-experience' ? 1 : 0,
  });
  await repo.addEvent(db, { proposalId, at, actorId: actor.id, actorOrigin: origin, kind: 'comment', detail: { comment: id } });
  if (parent && origin === 'staff' && parent.awaits_response === 1 && parent.responded_at === null) {
    await repo.markResponded(db, parent.id, actor.id, at, id);
    await repo.addEvent(db, { proposalId, at, actorId: actor.id, actorOrigin: origin, kind: 'response', detail: { comment: parent.id } });
  }
  await repo.touchProposal(db, proposalId, at);
  return id;
}

export async function draftOption(db: Conn, actor: Actor, proposalId: string, input: { title: string; description: string }, at: string = nowIso()): Promise<string> {
  const proposal = await repo.getProposal(db, proposalId);
  if (!proposal) throw new WorkspaceError('title', 'That proposal does not exist.');
  if (proposal.stage !== 'idea' && proposal.stage !== 'co-design') {
    throw new WorkspaceError('title', 'Options are drafted during co-design; once a decision is open the options are set.');
  }
  const origin = originOf(actor);
  const id = await repo.insertOption(db, { proposal_id: proposalId, title: input.title, description: input.description, drafted_by: actor.id, drafter_origin: origin, created_at: at });
  await repo.addEvent(db, { proposalId, at, actorId: actor.id, actorOrigin: origin, kind: 'option', detail: { option: id } });
  await repo.touchProposal(db, proposalId, at);
  return id;
}

// Decisions ----------------------------------------------------------------------------------

export interface DecisionInput {
  method: Method;
  question: string;
  anonymous: boolean;
  public: boolean;
  documentVersionId: string | null;
  /** Advice process: who decides (defaults to whoever opens it). */
  deciderId?: string | null;
  /** Advice process: whose advice is sought. */
  adviserIds?: string[];
}

export async function openDecision(db: Conn, actor: Actor, proposalId: string, input: DecisionInput, at: string = nowIso()): Promise<string> {
  const proposal = await repo.getProposal(db, proposalId);
  if (!proposal) throw new WorkspaceError('method', 'That proposal does not exist.');
  if (!['idea', 'co-design', 'decision'].includes(proposal.stage)) throw new WorkspaceError('method', 'Decisions are opened on proposals that are not yet decided.');
  if ((await repo.listDecisions(db, { proposalId, status: 'open' })).length) throw new WorkspaceError('method', 'This proposal already has an open decision.');
  if (input.method === 'ranked-choice' && (await repo.listOptions(db, proposalId)).length < 2) {
    throw new WorkspaceError('method', 'Ranked choice needs at least two options: draft them first');
  }
  if (input.documentVersionId && !(await repo.getVersion(db, input.documentVersionId))) throw new WorkspaceError('documentVersionId', 'Choose a document version that exists');
  if (input.method === 'advice' && input.anonymous) throw new WorkspaceError('anonymous', 'Advice is given by name, so an advice process cannot be anonymous');
  const quorum = await repo.getQuorum(db);
  const id = await repo.insertDecision(db, {
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
    decider_id: input.method === 'advice' ? (input.deciderId ?? actor.id) : null,
    claimed_level: null,
    computed_level: null,
  });
  const origin = originOf(actor);
  await repo.addEvent(db, { proposalId, decisionId: id, at, actorId: actor.id, actorOrigin: origin, kind: 'decision-opened', detail: { method: input.method } });
  if (proposal.stage !== 'decision') {
    await repo.setStage(db, proposalId, 'decision', null, at);
    await repo.addEvent(db, { proposalId, decisionId: id, at, actorId: actor.id, actorOrigin: origin, kind: 'stage', detail: { from: proposal.stage, to: 'decision' } });
  }
  for (const adviserId of new Set(input.adviserIds ?? [])) {
    const adviser = await loadActorRoles(db, adviserId);
    if (adviser) await repo.insertAdvice(db, { decision_id: id, adviser_id: adviserId, adviser_origin: originOf(adviser), sought_at: at });
  }
  await audit(db, { actorId: actor.id, action: 'coproduction.decision-opened', subject: id, detail: { method: input.method, anonymous: input.anonymous } });
  return id;
}

/** The roles of the account, when it has any: enough to say who it speaks as. */
async function loadActorRoles(db: Conn, accountId: string): Promise<Pick<Actor, 'roles'> | null> {
  const roles = await rolesOf(db, accountId);
  return roles.length ? { roles: new Set(roles) } : null;
}

export const POSITIONS: Record<string, readonly string[]> = {
  consent: ['agree', 'concern', 'object'],
  vote: ['for', 'against', 'abstain'],
};

/**
 * Records one person's part in a decision. Each account takes part once. For an anonymous
 * decision the ballot carries no account id and only the day it was cast, so neither its row
 * nor its timing can be matched to the participants list.
 */
export async function castBallot(
  db: Conn,
  actor: Actor,
  decisionId: string,
  input: { position?: string; ranking?: string[]; reason?: string },
  at: string = nowIso(),
): Promise<void> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision) throw new WorkspaceError('position', 'That decision does not exist.');
  if (decision.status !== 'open') throw new WorkspaceError('position', 'This decision has closed.');
  if (decision.method === 'advice') throw new WorkspaceError('position', 'In an advice process, advice is given rather than votes cast.');
  if (await repo.hasParticipated(db, decisionId, actor.id)) throw new WorkspaceError('position', 'You have already taken part in this decision.');
  const origin = originOf(actor);
  let position: string | null = null;
  let ranking: string | null = null;
  if (decision.method === 'ranked-choice') {
    const options = new Set((await repo.listOptions(db, decision.proposal_id)).map((o) => o.id));
    const chosen = (input.ranking ?? []).filter((id) => options.has(id));
    if (chosen.length === 0) throw new WorkspaceError('ranking', 'Rank at least one option');
    if (new Set(chosen).size !== chosen.length) throw new WorkspaceError('ranking', 'Give each option a different rank');
    ranking = JSON.stringify(chosen);
  } else {
    if (!input.position || !POSITIONS[decision.method]?.includes(input.position)) throw new WorkspaceError('position', 'Choose your answer');
    position = input.position;
    if (position === 'object' && !input.reason) throw new WorkspaceError('reason', 'Say why you object, so it can be resolved');
  }
  const anonymous = decision.anonymous === 1;
  try {
    await repo.insertParticipant(db, { decision_id: decisionId, account_id: actor.id, origin, at: anonymous ? at.slice(0, 10) : at });
  } catch {
    // Two answers sent at once: the participants key lets only one through.
    throw new WorkspaceError('position', 'You have already taken part in this decision.');
  }
  await repo.insertBallot(db, {
    decision_id: decisionId,
    voter_id: anonymous ? null : actor.id,
    origin,
    position,
    ranking,
    reason: input.reason || null,
    cast_at: anonymous ? `${at.slice(0, 10)}T00:00:00.000Z` : at,
  });
  await repo.addEvent(db, { proposalId: decision.proposal_id, decisionId, at: anonymous ? `${at.slice(0, 10)}T00:00:00.000Z` : at, actorId: actor.id, actorOrigin: origin, kind: 'took-part', detail: {} });
}

/** An objection is either resolved (the proposal was changed to meet it) or recorded as standing. */
export async function settleObjection(db: Conn, actor: Actor, ballotId: string, input: { resolution: string; resolved: boolean }, at: string = nowIso()): Promise<string> {
  const ballot = await repo.getBallot(db, ballotId);
  if (!ballot || ballot.position !== 'object') throw new WorkspaceError('resolution', 'That objection does not exist.');
  const decision = await repo.getDecision(db, ballot.decision_id);
  if (!decision || decision.status !== 'open') throw new WorkspaceError('resolution', 'This decision has closed.');
  if (!input.resolution) throw new WorkspaceError('resolution', 'Say how the objection was resolved, or why it stands');
  await repo.resolveObjection(db, ballotId, { resolution: input.resolution, resolved: input.resolved ? 1 : 0, by: actor.id, at });
  await audit(db, { actorId: actor.id, action: 'coproduction.objection-settled', subject: ballot.decision_id, detail: { resolved: input.resolved } });
  return decision.id;
}

export async function recordAdvice(db: Conn, actor: Actor, decisionId: string, advice: string, at: string = nowIso()): Promise<void> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision || decision.method !== 'advice') throw new WorkspaceError('advice', 'That decision does not exist.');
  if (decision.status !== 'open') throw new WorkspaceError('advice', 'This decision has closed.');
  const request = (await repo.listAdvice(db, decisionId)).find((a) => a.adviser_id === actor.id);
  if (!request) throw new WorkspaceError('advice', 'Your advice was not sought on this decision.');
  if (!advice) throw new WorkspaceError('advice', 'Enter your advice');
  await repo.giveAdvice(db, request.id, advice, at);
  if (!(await repo.hasParticipated(db, decisionId, actor.id))) await repo.insertParticipant(db, { decision_id: decisionId, account_id: actor.id, origin: request.adviser_origin, at });
  await repo.addEvent(db, { proposalId: decision.proposal_id, decisionId, at, actorId: actor.id, actorOrigin: request.adviser_origin, kind: 'advice', detail: {} });
}

export async function seekAdvice(db: Conn, actor: Actor, decisionId: string, adviserId: string, at: string = nowIso()): Promise<void> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision || decision.method !== 'advice' || decision.status !== 'open') throw new WorkspaceError('adviserId', 'That decision is not an open advice process.');
  if (decision.decider_id !== actor.id) throw new WorkspaceError('adviserId', 'Only the decider seeks advice.');
  if ((await repo.listAdvice(db, decisionId)).some((a) => a.adviser_id === adviserId)) throw new WorkspaceError('adviserId', 'Their advice has already been sought.');
  const adviser = await loadActorRoles(db, adviserId);
  if (!adviser) throw new WorkspaceError('adviserId', 'Choose someone to ask');
  await repo.insertAdvice(db, { decision_id: decisionId, adviser_id: adviserId, adviser_origin: originOf(adviser), sought_at: at });
}

export interface Tally {
  method: Method;
  participants: number;
  groupParticipants: number;
  /** Counts of each answer (consent, vote). */
  counts: Record<string, number>;
  ranked: RankedResult | null;
  quorumMet: boolean;
  objections: { total: number; unsettled: number; standing: number };
}

export async function tally(db: Conn, decision: DecisionTable): Promise<Tally> {
  const participants = await repo.listParticipants(db, decision.id);
  const ballots = await repo.listBallots(db, decision.id);
  const groupParticipants = participants.filter((p) => p.origin === 'lived-experience').length;
  const counts: Record<string, number> = {};
  for (const p of POSITIONS[decision.method] ?? []) counts[p] = 0;
  for (const b of ballots) if (b.position) counts[b.position] = (counts[b.position] ?? 0) + 1;
  const objections = ballots.filter((b) => b.position === 'object');
  let ranked: RankedResult | null = null;
  if (decision.method === 'ranked-choice') {
    const options = await repo.listOptions(db, decision.proposal_id);
    ranked = countRankedChoice(options.map((o) => o.id), ballots.map((b) => (b.ranking ? (JSON.parse(b.ranking) as string[]) : [])));
  }
  let met: boolean;
  if (decision.method === 'advice') {
    // The decision is the group's when the decider has lived experience, or when the advice
    // given meets the same quorum as a vote would.
    const decider = decision.decider_id ? await loadActorRoles(db, decision.decider_id) : null;
    met = (decider !== null && originOf(decider) === 'lived-experience') ||
      quorumMet({ groupDeciders: groupParticipants, allDeciders: participants.length, minGroup: decision.quorum_min_group, minSharePercent: decision.quorum_min_share_percent });
  } else {
    met = quorumMet({ groupDeciders: groupParticipants, allDeciders: participants.length, minGroup: decision.quorum_min_group, minSharePercent: decision.quorum_min_share_percent });
  }
  return {
    method: decision.method as Method,
    participants: participants.length,
    groupParticipants,
    counts,
    ranked,
    quorumMet: met,
    objections: { total: objections.length, unsettled: objections.filter((b) => b.resolved === null).length, standing: objections.filter((b) => b.resolved === 0).length },
  };
}

/**
 * Closes a decision and works out its outcome:
 * consent — adopted when the quorum is met and no objection stands (every objection must be
 *   resolved or recorded as standing before it can close);
 * vote — adopted when the quorum is met and more vote for than against (abstentions count
 *   towards the quorum but not the result);
 * ranked choice — the instant-runoff winner is chosen when the quorum is met;
 * advice process — the decider says whether it is adopted, after advice was given.
 * The proposal moves to "implementing" when adopted, or "not adopted" with the summary as reasons.
 */
export async function closeDecision(
  db: Conn,
  actor: Actor,
  decisionId: string,
  input: { summary: string; adopt?: boolean },
  at: string = nowIso(),
): Promise<{ outcome: 'adopted' | 'not-adopted'; level: ParticipationLevel }> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision) throw new WorkspaceError('summary', 'That decision does not exist.');
  if (decision.status !== 'open') throw new WorkspaceError('summary', 'This decision has already closed.');
  if (!input.summary) throw new WorkspaceError('summary', 'Write a short public summary of the decision');
  const t = await tally(db, decision);
  let adopted: boolean;
  let chosen: string | null = null;
  if (decision.method === 'consent') {
    if (t.objections.unsettled > 0) throw new WorkspaceError('summary', 'Resolve each objection, or record it as standing, before closing');
    adopted = t.quorumMet && t.objections.standing === 0;
  } else if (decision.method === 'vote') {
    adopted = t.quorumMet && (t.counts.for ?? 0) > (t.counts.against ?? 0);
  } else if (decision.method === 'ranked-choice') {
    chosen = t.quorumMet ? (t.ranked?.winner ?? null) : null;
    adopted = chosen !== null;
  } else {
    if (decision.decider_id !== actor.id) throw new WorkspaceError('summary', 'Only the decider closes an advice process.');
    const advice = await repo.listAdvice(db, decisionId);
    if (!advice.some((a) => a.given_at)) throw new WorkspaceError('summary', 'Record the advice given before deciding');
    if (input.adopt === undefined) throw new WorkspaceError('adopt', 'Say whether the proposal is adopted');
    adopted = input.adopt;
  }
  const outcome = adopted ? 'adopted' : 'not-adopted';
  const closed = await repo.closeDecisionRow(db, decisionId, {
    closed_by: actor.id, closed_at: at, outcome, chosen_option_id: chosen, summary: input.summary, quorum_met: t.quorumMet ? 1 : 0, computed_level: null,
  });
  if (!closed) throw new WorkspaceError('summary', 'This decision has already closed.');
  const origin = originOf(actor);
  await repo.addEvent(db, { proposalId: decision.proposal_id, decisionId, at, actorId: actor.id, actorOrigin: origin, kind: 'decision-closed', detail: { outcome, quorumMet: t.quorumMet } });
  const level = await computedLevel(db, decisionId);
  await repo.setComputedLevel(db, decisionId, level);
  const proposal = await repo.getProposal(db, decision.proposal_id);
  if (proposal && proposal.stage === 'decision') {
    const stage = adopted ? 'implementing' : 'not-adopted';
    await repo.setStage(db, proposal.id, stage, adopted ? null : input.summary, at);
    await repo.addEvent(db, { proposalId: proposal.id, decisionId, at, actorId: actor.id, actorOrigin: origin, kind: 'stage', detail: { from: 'decision', to: stage } });
  }
  await audit(db, { actorId: actor.id, action: 'coproduction.decision-closed', subject: decisionId, detail: { outcome, quorumMet: t.quorumMet, level } });
  return { outcome, level };
}

// Participation level ----------------------------------------------------------------------

/** The evidence for one decision, read from its proposal's timeline. */
export async function decisionEvidence(db: Conn, decisionId: string): Promise<DecisionEvidence | null> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision) return null;
  const proposal = await repo.getProposal(db, decision.proposal_id);
  if (!proposal) return null;
  const events = await repo.listEvents(db, proposal.id);
  // Input that can shape the options; taking part in the decision itself is counted separately.
  const groupInputKinds = new Set(['raised', 'comment', 'option']);
  // Only what happened up to the decision's close counts: later comments cannot change how it was made.
  const until = decision.closed_at ?? '\uffff';
  const firstGroupInput = events.find(
    (e) => e.actor_origin === 'lived-experience' && groupInputKinds.has(e.kind) && e.at <= until && (e.decision_id === null || e.decision_id === decisionId),
  );
  const options = await repo.listOptions(db, proposal.id);
  const drafters: Origin[] = options.filter((o) => o.created_at <= decision.opened_at).map((o) => o.drafter_origin as Origin);
  if (decision.document_version_id) {
    const version = await repo.getVersion(db, decision.document_version_id);
    if (version) drafters.push(version.author_origin as Origin);
  }
  const participants = await repo.listParticipants(db, decisionId);
  const t = decision.status === 'closed' ? null : await tally(db, decision);
  return {
    raisedBy: proposal.origin as Origin,
    firstGroupInputAt: firstGroupInput?.at ?? null,
    optionsSetAt: decision.opened_at,
    drafters,
    groupTookPart: participants.some((p) => p.origin === 'lived-experience'),
    groupDecided: decision.status === 'closed' ? decision.quorum_met === 1 : (t?.quorumMet ?? false),
  };
}

export async function computedLevel(db: Conn, decisionId: string): Promise<ParticipationLevel> {
  const evidence = await decisionEvidence(db, decisionId);
  return evidence ? participationLevel(evidence) : 'informing';
}

export interface DecisionLevel {
  decisionId: string;
  proposalId: string;
  method: string;
  status: string;
  outcome: string | null;
  closedAt: string | null;
  public: boolean;
  level: ParticipationLevel;
  claimedLevel: string | null;
  /** Lived-experience input came before the options were set (or they raised it). */
  groupInputBeforeOptions: boolean;
  quorumMet: boolean;
}

/**
 * For insight and other features: every decision with its participation level computed from
 * evidence now (not the stored copy), the level staff claimed, and whether lived-experience
 * input came before the options were set. `closedOnly` (default true) leaves out open decisions.
 */
export async function decisionLevels(db: Conn, options: { closedOnly?: boolean; publicOnly?: boolean } = {}): Promise<DecisionLevel[]> {
  const decisions = await repo.listDecisions(db, { ...(options.closedOnly === false ? {} : { status: 'closed' }), ...(options.publicOnly ? { publicOnly: true } : {}) });
  const result: DecisionLevel[] = [];
  for (const d of decisions) {
    const evidence = await decisionEvidence(db, d.id);
    if (!evidence) continue;
    result.push({
      decisionId: d.id,
      proposalId: d.proposal_id,
      method: d.method,
      status: d.status,
      outcome: d.outcome,
      closedAt: d.closed_at,
      public: d.public === 1,
      level: participationLevel(evidence),
      claimedLevel: d.claimed_level,
      groupInputBeforeOptions: evidence.raisedBy === 'lived-experience' || (evidence.firstGroupInputAt !== null && evidence.firstGroupInputAt <= evidence.optionsSetAt),
      quorumMet: evidence.groupDecided,
    });
  }
  return result;
}

/** Share of group comments awaiting a staff response that got one (null when there were none). */
export async function staffResponseRate(db: Conn, range: { from?: string; to?: string } = {}): Promise<{ awaiting: number; responded: number; rate: number | null }> {
  const counts = await repo.staffResponseCounts(db, range);
  return { ...counts, rate: counts.awaiting ? counts.responded / counts.awaiting : null };
}

/** Group members active in the range, and of those how many had taken part before it (returning). */
export async function activeMembers(db: Conn, range: { from: string; to: string }): Promise<{ active: number; returning: number; newcomers: number }> {
  const rows = await repo.groupMemberActivity(db, range);
  const active = rows.filter((r) => r.activeInRange);
  const returning = active.filter((r) => r.firstEverAt < range.from).length;
  return { active: active.length, returning, newcomers: active.length - returning };
}

// Results as they may be shown -----------------------------------------------------------------

export interface ShownResults {
  hidden: boolean;
  hiddenReason?: string;
  counts?: Record<string, ShownCount>;
  total?: ShownCount;
  suppressed?: boolean;
  ranked?: RankedResult | null;
  participants: ShownCount;
}

/**
 * What anyone may see of a decision's results. Anonymous decisions show nothing until they
 * close, and then only counts of 5 or more (smaller ones read "fewer than 5"). Open, named
 * decisions show their counts as they happen. Public summaries always suppress small counts.
 */
export function shownResults(decision: DecisionTable, t: Tally, audience: 'workspace' | 'public'): ShownResults {
  const suppress = decision.anonymous === 1 || audience === 'public';
  if (decision.anonymous === 1 && decision.status !== 'closed') {
    return { hidden: true, hiddenReason: 'Results are hidden until the decision closes, because voting is anonymous.', participants: suppressedCounts({ p: t.participants }).total };
  }
  if (!suppress) {
    const counts: Record<string, ShownCount> = {};
    for (const [k, n] of Object.entries(t.counts)) counts[k] = { value: n, text: String(n) };
    return { hidden: false, counts, total: { value: t.participants, text: String(t.participants) }, suppressed: false, ranked: t.ranked, participants: { value: t.participants, text: String(t.participants) } };
  }
  const s = suppressedCounts(t.counts);
  // Ranked rounds reveal small numbers too: only shown when every ballot count is safe.
  const rankedSafe = t.ranked ? t.ranked.rounds.every((r) => r.tallies.every((x) => x.votes === 0 || x.votes >= 5) && (r.exhausted === 0 || r.exhausted >= 5)) : true;
  return {
    hidden: false,
    counts: s.counts,
    total: s.total,
    suppressed: s.suppressed || !rankedSafe,
    ranked: rankedSafe ? t.ranked : null,
    participants: suppressedCounts({ p: t.participants }).total,
  };
}
