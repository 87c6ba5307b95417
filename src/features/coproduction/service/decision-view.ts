// What a decision's pages show: the workspace page (the count so far, who answered what unless
// it is anonymous, advice, the evidence and its level), and the public summary of a closed,
// public decision, with small counts suppressed.
import type { Db } from '../../../platform/db/database.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import { participationLevel, type DecisionEvidence, type ParticipationLevel } from '../participation.ts';
import * as repo from '../repository/index.ts';
import type { AdviceTable, BallotTable, CatalogueChangeTable, DecisionTable, DocumentTable, DocumentVersionTable, OptionTable, ProposalTable } from '../tables.ts';
import { shownResults, tally, type ShownResults, type Tally } from './counting.ts';
import { computedLevel, decisionEvidence } from './levels.ts';
import { clockSummaryWritten } from './decisions.ts';
import { namesAsSeen, workspacePeople, type WorkspacePeople } from './people.ts';

export interface DecisionView {
  decision: DecisionTable;
  proposal: ProposalTable;
  options: OptionTable[];
  ballots: BallotTable[];
  advice: AdviceTable[];
  tally: Tally;
  shown: ShownResults;
  evidence: DecisionEvidence | null;
  level: ParticipationLevel;
  /** Has this account already taken part? */
  participated: boolean;
  /** This account's own ballot: by its id, or for an anonymous decision by its owner key. */
  own: BallotTable | undefined;
  /** Everyone named on the page, by account id (never a voter of an anonymous decision: their ballots hold no id). */
  names: Map<string, string>;
  version: DocumentVersionTable | undefined;
  document: DocumentTable | undefined;
  catalogueChanges: CatalogueChangeTable[];
  people: WorkspacePeople;
  /** Has the facilitator written the summary of a decision its closing time closed (`writeClockSummary`)? */
  summaryWritten: boolean;
}

export async function decisionView(db: Db, proposalId: string, decisionId: string, accountId: string, ownerKey?: string): Promise<DecisionView> {
  const decision = await repo.getDecision(db, decisionId);
  if (!decision || decision.proposal_id !== proposalId) throw new NotFoundError();
  const proposal = (await repo.getProposal(db, proposalId))!;
  const [options, ballots, advice, counted, evidence, participated] = await Promise.all([
    repo.listOptions(db, proposalId), repo.listBallots(db, decisionId), repo.listAdvice(db, decisionId), tally(db, decision), decisionEvidence(db, decisionId),
    repo.hasParticipated(db, decisionId, accountId),
  ]);
  const names = await namesAsSeen(db, [...ballots.flatMap((b) => (b.voter_id ? [b.voter_id] : [])), ...advice.map((a) => a.adviser_id), ...(decision.decider_id ? [decision.decider_id] : []), decision.opened_by, decision.facilitator_id]);
  const version = decision.document_version_id ? await repo.getVersion(db, decision.document_version_id) : undefined;
  const document = version ? await repo.getDocument(db, version.document_id) : undefined;
  return {
    decision, proposal, options, ballots, advice, tally: counted, shown: shownResults(decision, counted, 'workspace', { participated }), evidence,
    level: evidence ? participationLevel(evidence) : 'informing',
    participated, names, version, document, summaryWritten: decision.status === 'closed' && decision.closed_by === null && (await clockSummaryWritten(db, decision)),
    own: ballots.find((b) => (b.voter_id !== null && b.voter_id === accountId) || (ownerKey !== undefined && b.owner_key === ownerKey)),
    catalogueChanges: await repo.listCatalogueChanges(db, { decisionId }),
    people: await workspacePeople(db),
  };
}

export interface PublicDecisionView {
  decision: DecisionTable;
  proposal: ProposalTable;
  evidence: DecisionEvidence | null;
  level: ParticipationLevel;
  shown: ShownResults;
  chosen: OptionTable | undefined;
  /** The document this decision published, when the version it approved is the one published. */
  published: DocumentTable | null;
  changes: CatalogueChangeTable[];
}

/** A closed, public decision; anything else is not found. */
export async function publicDecisionView(db: Db, id: string): Promise<PublicDecisionView> {
  const decision = await repo.getDecision(db, id);
  if (!decision || decision.public !== 1 || decision.status !== 'closed') throw new NotFoundError();
  const proposal = (await repo.getProposal(db, decision.proposal_id))!;
  const evidence = await decisionEvidence(db, decision.id);
  const level = await computedLevel(db, decision.id);
  const shown = shownResults(decision, await tally(db, decision), 'public');
  const options = await repo.listOptions(db, proposal.id);
  const version = decision.document_version_id ? await repo.getVersion(db, decision.document_version_id) : undefined;
  const document = version ? await repo.getDocument(db, version.document_id) : undefined;
  return {
    decision, proposal, evidence, level, shown,
    chosen: options.find((o) => o.id === decision.chosen_option_id),
    published: document && document.published_version_id === version?.id ? document : null,
    changes: await repo.listCatalogueChanges(db, { decisionId: decision.id }),
  };
}

const PAGE_SIZE = 50;

/** Closed public decisions, newest first, a page of 50 at a time, each with its level. */
export async function publicDecisionList(db: Db, pageNumber: number): Promise<{ rows: Array<DecisionTable & { proposal_title: string; level: ParticipationLevel }>; total: number; pages: number }> {
  const { rows, total } = await repo.publicDecisionPage(db, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
  const withLevels = [];
  // Stored when the decision closed, from the same evidence; computed again if missing.
  for (const d of rows) withLevels.push({ ...d, level: (d.computed_level as ParticipationLevel | null) ?? (await computedLevel(db, d.id)) });
  return { rows: withLevels, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Every change to the language guide and the priorities of care, newest first, with the decision that made it. */
export async function catalogueHistory(db: Db): Promise<{ changes: CatalogueChangeTable[]; decisions: Map<string, { question: string; public: boolean }> }> {
  const changes = await repo.listCatalogueChanges(db);
  const decisions = new Map<string, { question: string; public: boolean }>();
  for (const c of changes) {
    if (decisions.has(c.decision_id)) continue;
    const d = await repo.getDecision(db, c.decision_id);
    if (d) decisions.set(d.id, { question: d.question, public: d.public === 1 });
  }
  return { changes, decisions };
}
