// The participation level of decisions, computed from the evidence on their timelines: one
// decision at a time (`decisionEvidence`, `computedLevel`, `decisionLevels`), and every closed
// decision in a handful of set-based queries (`closedDecisionLevels`), so /insights can be
// refreshed quickly with thousands of decisions. Both gather the same evidence and use the pure
// `participationLevel`; decision-levels.test.ts checks that they always agree.
import type { Conn, Db } from '../../../platform/db/database.ts';
import { participationLevel, type DecisionEvidence, type Origin, type ParticipationLevel } from '../participation.ts';
import * as repo from '../repository/index.ts';
import { tally } from './counting.ts';

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

// Every closed decision at once, for insight -----------------------------------------------------

export interface DecisionLevelSummary {
  decisionId: string;
  level: ParticipationLevel;
  groupInputBeforeOptions: boolean;
}

export async function closedDecisionLevels(db: Db): Promise<DecisionLevelSummary[]> {
  const decisions = await repo.closedDecisionsWithOrigin(db);
  if (!decisions.length) return [];
  const byProposal = await repo.firstGroupInputByProposal(db);
  const byDecision = await repo.firstGroupInputByDecision(db);
  const options = new Map<string, Array<{ at: string; origin: Origin }>>();
  for (const o of await repo.optionDrafts(db)) {
    const list = options.get(o.proposal_id) ?? [];
    list.push({ at: o.created_at, origin: o.drafter_origin as Origin });
    options.set(o.proposal_id, list);
  }
  const versionAuthors = await repo.versionAuthorOrigins(db, decisions.map((d) => d.document_version_id).filter((v): v is string => v !== null));
  const groupTookPart = await repo.decisionsWithGroupParticipants(db);

  return decisions.map((d) => {
    const candidates = [byProposal.get(d.proposal_id), byDecision.get(d.id)].filter((v): v is string => v !== undefined);
    const firstGroupInputAt = candidates.length ? candidates.sort()[0]! : null;
    const drafters: Origin[] = (options.get(d.proposal_id) ?? []).filter((o) => o.at <= d.opened_at).map((o) => o.origin);
    const author = d.document_version_id ? (versionAuthors.get(d.document_version_id) as Origin | undefined) : undefined;
    if (author) drafters.push(author);
    const evidence: DecisionEvidence = {
      raisedBy: d.origin as Origin,
      firstGroupInputAt,
      optionsSetAt: d.opened_at,
      drafters,
      groupTookPart: groupTookPart.has(d.id),
      groupDecided: d.quorum_met === 1,
    };
    return {
      decisionId: d.id,
      level: participationLevel(evidence),
      groupInputBeforeOptions: evidence.raisedBy === 'lived-experience' || (firstGroupInputAt !== null && firstGroupInputAt <= d.opened_at),
    };
  });
}
