// Every closed decision's participation level, worked out in a handful of set-based queries so
// /insights can be refreshed quickly with thousands of decisions. It gathers the same evidence
// as `decisionEvidence` in service.ts (one decision at a time) and uses the pure
// `participationLevel`; decision-levels.test.ts checks that both always agree.
import type { Db } from '../../platform/db/database.ts';
import { participationLevel, type DecisionEvidence, type Origin, type ParticipationLevel } from './participation.ts';
import * as repo from './repository/index.ts';

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
