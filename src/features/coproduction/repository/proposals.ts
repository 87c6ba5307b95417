// Proposals, their timeline (the evidence each decision's participation level is computed from),
// comments and options.
import { randomUUID } from 'node:crypto';
import { nowIso, type Conn } from '../../../platform/db/database.ts';
import type { CommentTable, EventTable, OptionTable, ProposalTable } from '../tables.ts';

export async function insertProposal(db: Conn, row: Omit<ProposalTable, 'id' | 'created_at' | 'updated_at'> & { at?: string }): Promise<string> {
  const id = randomUUID();
  const at = row.at ?? nowIso();
  const { at: _at, ...values } = row;
  await db.insertInto('coproduction_proposals').values({ ...values, id, created_at: at, updated_at: at }).execute();
  return id;
}

export async function getProposal(db: Conn, id: string): Promise<ProposalTable | undefined> {
  return db.selectFrom('coproduction_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProposals(db: Conn, filter: { stage?: string; area?: string } = {}): Promise<ProposalTable[]> {
  let q = db.selectFrom('coproduction_proposals').selectAll();
  if (filter.stage) q = q.where('stage', '=', filter.stage);
  if (filter.area) q = q.where('area', '=', filter.area);
  return q.orderBy('updated_at', 'desc').limit(500).execute();
}

export async function setStage(db: Conn, id: string, stage: string, reason: string | null, at: string): Promise<void> {
  await db.updateTable('coproduction_proposals').set({ stage, not_adopted_reason: reason, updated_at: at }).where('id', '=', id).execute();
}

export async function touchProposal(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('coproduction_proposals').set({ updated_at: at }).where('id', '=', id).execute();
}

export async function addEvent(
  db: Conn,
  e: { proposalId: string; decisionId?: string | null; at: string; actorId: string | null; actorOrigin: string | null; kind: string; detail?: Record<string, string | number | boolean | null> },
): Promise<void> {
  await db
    .insertInto('coproduction_events')
    .values({ id: randomUUID(), proposal_id: e.proposalId, decision_id: e.decisionId ?? null, at: e.at, actor_id: e.actorId, actor_origin: e.actorOrigin, kind: e.kind, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export async function listEvents(db: Conn, proposalId: string): Promise<EventTable[]> {
  return db.selectFrom('coproduction_events').selectAll().where('proposal_id', '=', proposalId).orderBy('at').orderBy('id').execute();
}

// Comments -------------------------------------------------------------------------------------

export async function insertComment(db: Conn, row: Omit<CommentTable, 'id' | 'responded_by' | 'responded_at' | 'response_comment_id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_comments').values({ ...row, id, responded_by: null, responded_at: null, response_comment_id: null }).execute();
  return id;
}

export async function getComment(db: Conn, id: string): Promise<CommentTable | undefined> {
  return db.selectFrom('coproduction_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listComments(db: Conn, proposalId: string): Promise<CommentTable[]> {
  return db.selectFrom('coproduction_comments').selectAll().where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
}

export async function markResponded(db: Conn, commentId: string, by: string, at: string, responseId: string): Promise<void> {
  await db
    .updateTable('coproduction_comments')
    .set({ responded_by: by, responded_at: at, response_comment_id: responseId })
    .where('id', '=', commentId)
    .where('awaits_response', '=', 1)
    .where('responded_at', 'is', null)
    .execute();
}

export async function commentsAwaitingResponse(db: Conn): Promise<Array<CommentTable & { proposal_title: string }>> {
  return db
    .selectFrom('coproduction_comments')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_comments.proposal_id')
    .selectAll('coproduction_comments')
    .select('coproduction_proposals.title as proposal_title')
    .where('awaits_response', '=', 1)
    .where('responded_at', 'is', null)
    .orderBy('coproduction_comments.created_at')
    .execute();
}

// Options --------------------------------------------------------------------------------------

export async function insertOption(db: Conn, row: Omit<OptionTable, 'id' | 'position'>): Promise<string> {
  const id = randomUUID();
  const last = await db.selectFrom('coproduction_options').select((eb) => eb.fn.max('position').as('p')).where('proposal_id', '=', row.proposal_id).executeTakeFirst();
  await db.insertInto('coproduction_options').values({ ...row, id, position: Number(last?.p ?? 0) + 1 }).execute();
  return id;
}

export async function listOptions(db: Conn, proposalId: string): Promise<OptionTable[]> {
  return db.selectFrom('coproduction_options').selectAll().where('proposal_id', '=', proposalId).orderBy('position').execute();
}
