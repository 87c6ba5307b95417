// Every closed decision's participation level, worked out in a handful of set-based queries so
// /insights can be refreshed quickly with thousands of decisions. It gathers the same evidence
// as `decisionEvidence` in service.ts (one decision at a time) and uses the pure
// `participationLevel`; decision-levels.test.ts checks that both always agree.
import type { Db } from '../../platform/db/database.ts';
import { participationLevel, type DecisionEvidence, type Origin, type ParticipationLevel } from './participation.ts';

export interface DecisionLevelSummary {
  decisionId: string;
  level: ParticipationLevel;
  groupInputBeforeOptions: boolean;
}

const INPUT_KINDS = ['raised', 'comment', 'option'];

export async function closedDecisionLevels(db: Db): Promise<DecisionLevelSummary[]> {
  const decisions = await db
    .selectFrom('coproduction_decisions')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_decisions.proposal_id')
    .select(['coproduction_decisions.id', 'coproduction_decisions.proposal_id', 'coproduction_decisions.opened_at', 'coproduction_decisions.quorum_met', 'coproduction_decisions.document_version_id', 'coproduction_proposals.origin'])
    .where('coproduction_decisions.status', '=', 'closed')
    .execute();
  if (!decisions.length) return [];

  const firstInput = (rows: Array<{ key: string | null; first: string | null }>) => new Map(rows.filter((r) => r.key && r.first).map((r) => [r.key!, r.first!]));
  const byProposal = firstInput(
    await db
      .selectFrom('coproduction_events')
      .select(['proposal_id as key', (eb) => eb.fn.min<string>('at').as('first')])
      .where('actor_origin', '=', 'lived-experience')
      .where('kind', 'in', INPUT_KINDS)
      .where('decision_id', 'is', null)
      .groupBy('proposal_id')
      .execute(),
  );
  const byDecision = firstInput(
    await db
      .selectFrom('coproduction_events')
      .select(['decision_id as key', (eb) => eb.fn.min<string>('at').as('first')])
      .where('actor_origin', '=', 'lived-experience')
      .where('kind', 'in', INPUT_KINDS)
      .where('decision_id', 'is not', null)
      .groupBy('decision_id')
      .execute(),
  );
  const options = new Map<string, Array<{ at: string; origin: Origin }>>();
  for (const o of await db.selectFrom('coproduction_options').select(['proposal_id', 'created_at', 'drafter_origin']).execute()) {
    const list = options.get(o.proposal_id) ?? [];
    list.push({ at: o.created_at, origin: o.drafter_origin as Origin });
    options.set(o.proposal_id, list);
  }
  const versionIds = decisions.map((d) => d.document_version_id).filter((v): v is string => v !== null);
  const versionAuthors = new Map(
    versionIds.length ? (await db.selectFrom('coproduction_document_versions').select(['id', 'author_origin']).where('id', 'in', versionIds).execute()).map((v) => [v.id, v.author_origin as Origin]) : [],
  );
  const groupTookPart = new Set(
    (await db.selectFrom('coproduction_participants').select('decision_id').distinct().where('origin', '=', 'lived-experience').execute()).map((r) => r.decision_id),
  );

  return decisions.map((d) => {
    const candidates = [byProposal.get(d.proposal_id), byDecision.get(d.id)].filter((v): v is string => v !== undefined);
    const firstGroupInputAt = candidates.length ? candidates.sort()[0]! : null;
    const drafters: Origin[] = (options.get(d.proposal_id) ?? []).filter((o) => o.at <= d.opened_at).map((o) => o.origin);
    const author = d.document_version_id ? versionAuthors.get(d.document_version_id) : undefined;
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
