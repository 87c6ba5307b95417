// Decisions: the quorum each copies when it opens, the decisions themselves, who took part,
// ballots, advice, and the catalogue changes adopted decisions made.
import { randomBytes, randomUUID } from 'node:crypto';
import { nowIso, type Conn } from '../../../platform/db/database.ts';
import type { AdviceTable, BallotTable, CatalogueChangeTable, DecisionTable, ParticipantTable } from '../tables.ts';

// Settings ---------------------------------------------------------------------------------

export const DEFAULT_QUORUM = { minGroup: 3, minSharePercent: 50 };

export async function getQuorum(db: Conn): Promise<{ minGroup: number; minSharePercent: number }> {
  const row = await db.selectFrom('coproduction_settings').selectAll().where('id', '=', 'default').executeTakeFirst();
  return row ? { minGroup: row.quorum_min_group, minSharePercent: row.quorum_min_share_percent } : { ...DEFAULT_QUORUM };
}

export async function setQuorum(db: Conn, quorum: { minGroup: number; minSharePercent: number }, actorId: string): Promise<void> {
  const values = { quorum_min_group: quorum.minGroup, quorum_min_share_percent: quorum.minSharePercent, updated_at: nowIso(), updated_by: actorId };
  const updated = await db.updateTable('coproduction_settings').set(values).where('id', '=', 'default').executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('coproduction_settings').values({ id: 'default', ...values }).execute();
}

// Decisions ------------------------------------------------------------------------------------

type Running = 'facilitator_id' | 'closes_at' | 'tie_break_seed' | 'reminded_before_close_at' | 'reminded_quorum_at';

/** A decision row; rows written without how it is run (older callers, other features' tests) get its opener as facilitator and a week to run. */
export async function insertDecision(
  db: Conn,
  row: Omit<DecisionTable, 'id' | 'catalogue_change' | 'applied_at' | Running> & Partial<Pick<DecisionTable, 'catalogue_change' | Running>>,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('coproduction_decisions')
    .values({
      catalogue_change: null,
      facilitator_id: row.opened_by,
      closes_at: new Date(Date.parse(row.opened_at) + 7 * 86_400_000).toISOString(),
      tie_break_seed: randomBytes(8).toString('hex'),
      reminded_before_close_at: null,
      reminded_quorum_at: null,
      ...row,
      id,
      applied_at: null,
    })
    .execute();
  return id;
}

export async function getDecision(db: Conn, id: string): Promise<DecisionTable | undefined> {
  return db.selectFrom('coproduction_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDecisions(db: Conn, filter: { proposalId?: string; status?: string; publicOnly?: boolean } = {}): Promise<DecisionTable[]> {
  let q = db.selectFrom('coproduction_decisions').selectAll();
  if (filter.proposalId) q = q.where('proposal_id', '=', filter.proposalId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('opened_at', 'desc').execute();
}

/** Closed public decisions, most recently closed first, a page at a time, with their proposals' titles. */
export async function publicDecisionPage(db: Conn, page: { limit: number; offset: number }): Promise<{ rows: Array<DecisionTable & { proposal_title: string }>; total: number }> {
  const base = db.selectFrom('coproduction_decisions').where('public', '=', 1).where('status', '=', 'closed');
  const rows = await base
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_decisions.proposal_id')
    .selectAll('coproduction_decisions')
    .select('coproduction_proposals.title as proposal_title')
    .orderBy('coproduction_decisions.closed_at', 'desc')
    .orderBy('coproduction_decisions.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function closeDecisionRow(db: Conn, id: string, values: Pick<DecisionTable, 'closed_by' | 'closed_at' | 'outcome' | 'chosen_option_id' | 'summary' | 'quorum_met' | 'computed_level'>): Promise<boolean> {
  const r = await db.updateTable('coproduction_decisions').set({ ...values, status: 'closed' }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces a closed decision's summary, only while it is still `was` (so of two writes at once, one wins). */
export async function replaceSummary(db: Conn, id: string, was: string | null, summary: string): Promise<boolean> {
  let q = db.updateTable('coproduction_decisions').set({ summary }).where('id', '=', id).where('status', '=', 'closed');
  q = was === null ? q.where('summary', 'is', null) : q.where('summary', '=', was);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open decisions whose closing time has come, soonest first. */
export async function listDueDecisions(db: Conn, now: string): Promise<Array<Pick<DecisionTable, 'id' | 'closes_at'>>> {
  return db.selectFrom('coproduction_decisions').select(['id', 'closes_at']).where('status', '=', 'open').where('closes_at', '<=', now).orderBy('closes_at').execute();
}

/** Claims a reminder for a decision: true for the one caller that sets it, so it goes once. */
export async function claimReminder(db: Conn, id: string, kind: 'before-close' | 'quorum', at: string): Promise<boolean> {
  const column = kind === 'before-close' ? 'reminded_before_close_at' : 'reminded_quorum_at';
  const r = await db.updateTable('coproduction_decisions').set({ [column]: at }).where('id', '=', id).where(column, 'is', null).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks what the decision approved as applied; false when it already was (it applies once). */
export async function markApplied(db: Conn, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('coproduction_decisions').set({ applied_at: at }).where('id', '=', id).where('applied_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setClaimedLevel(db: Conn, id: string, level: string | null): Promise<void> {
  await db.updateTable('coproduction_decisions').set({ claimed_level: level }).where('id', '=', id).execute();
}

export async function setComputedLevel(db: Conn, id: string, level: string): Promise<void> {
  await db.updateTable('coproduction_decisions').set({ computed_level: level }).where('id', '=', id).execute();
}

export async function hasParticipated(db: Conn, decisionId: string, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('coproduction_participants').select('account_id').where('decision_id', '=', decisionId).where('account_id', '=', accountId).executeTakeFirst();
  return row !== undefined;
}

export async function insertParticipant(db: Conn, row: ParticipantTable): Promise<void> {
  await db.insertInto('coproduction_participants').values(row).execute();
}

export async function listParticipants(db: Conn, decisionId: string): Promise<ParticipantTable[]> {
  return db.selectFrom('coproduction_participants').selectAll().where('decision_id', '=', decisionId).orderBy('at').execute();
}

export async function insertBallot(db: Conn, row: Omit<BallotTable, 'id' | 'resolution' | 'resolved' | 'resolved_by' | 'resolved_at' | 'owner_key'> & { owner_key?: string | null }): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_ballots').values({ owner_key: null, ...row, id, resolution: null, resolved: null, resolved_by: null, resolved_at: null }).execute();
  return id;
}

export async function listBallots(db: Conn, decisionId: string): Promise<BallotTable[]> {
  return db.selectFrom('coproduction_ballots').selectAll().where('decision_id', '=', decisionId).orderBy('cast_at').orderBy('id').execute();
}

export async function resolveObjection(db: Conn, ballotId: string, values: { resolution: string; resolved: number; by: string; at: string }): Promise<void> {
  await db
    .updateTable('coproduction_ballots')
    .set({ resolution: values.resolution, resolved: values.resolved, resolved_by: values.by, resolved_at: values.at })
    .where('id', '=', ballotId)
    .execute();
}

export async function getBallot(db: Conn, id: string): Promise<BallotTable | undefined> {
  return db.selectFrom('coproduction_ballots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAdvice(db: Conn, row: Omit<AdviceTable, 'id' | 'advice' | 'given_at'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_advice').values({ ...row, id, advice: null, given_at: null }).execute();
  return id;
}

export async function giveAdvice(db: Conn, id: string, advice: string, at: string): Promise<void> {
  await db.updateTable('coproduction_advice').set({ advice, given_at: at }).where('id', '=', id).execute();
}

export async function listAdvice(db: Conn, decisionId: string): Promise<AdviceTable[]> {
  return db.selectFrom('coproduction_advice').selectAll().where('decision_id', '=', decisionId).orderBy('sought_at').execute();
}

// Catalogue changes ----------------------------------------------------------------------------

export async function insertCatalogueChange(db: Conn, row: Omit<CatalogueChangeTable, 'id'>): Promise<void> {
  await db.insertInto('coproduction_catalogue_changes').values({ ...row, id: randomUUID() }).execute();
}

export async function listCatalogueChanges(db: Conn, filter: { catalogue?: string; decisionId?: string } = {}): Promise<CatalogueChangeTable[]> {
  let q = db.selectFrom('coproduction_catalogue_changes').selectAll();
  if (filter.catalogue) q = q.where('catalogue', '=', filter.catalogue);
  if (filter.decisionId) q = q.where('decision_id', '=', filter.decisionId);
  return q.orderBy('at', 'desc').execute();
}
