// Proposals and their deliberation: raising one, moving it through its stages, the comment thread
// (a group comment waits for a staff response; a staff reply to it is that response), and
// drafting options while the choices are still open. Each entry point is atomic on its own.
import { guardOwnWords } from '../../language/index.ts';
import type { Config } from '../../../platform/config.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { DRAFTING_STAGES, NEXT_STAGE, originOf, type Area, type Stage } from '../model.ts';
import * as repo from '../repository/index.ts';
import type { CommentTable, DecisionTable, EventTable, OptionTable, ProposalTable } from '../tables.ts';
import { notifyImmediately } from './digests.ts';
import { namesAsSeen, workspacePeople, type WorkspacePeople } from './people.ts';

export interface ProposalInput {
  title: string;
  problem: string;
  affects: string;
  idea: string;
  area: Area;
}

export async function raiseProposal(db: Db, actor: Actor, input: ProposalInput, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    await guardOwnWords(trx, actor.id, { title: input.title, problem: input.problem, affects: input.affects, idea: input.idea });
    const origin = originOf(actor);
    const id = await repo.insertProposal(trx, { ...input, origin, author_id: actor.id, stage: 'idea', not_adopted_reason: null, at });
    await repo.addEvent(trx, { proposalId: id, at, actorId: actor.id, actorOrigin: origin, kind: 'raised', detail: { area: input.area } });
    await audit(trx, { actorId: actor.id, action: 'coproduction.proposal-raised', subject: id, detail: { origin } });
    return id;
  });
}

/** Why a stage change was refused. `moves-on-from-<stage>`: a proposal at that stage may move on only to the next. */
export type StageRefusal = 'decision-open' | 'finished' | 'reasons-needed' | `moves-on-from-${Stage}` | 'decision-stage-by-opening';

export async function changeStage(db: Db, actor: Actor, proposalId: string, stage: Stage, reason: string | null, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    const proposal = await repo.getProposal(trx, proposalId);
    if (!proposal) throw new NotFoundError();
    const current = proposal.stage as Stage;
    if ((await repo.listDecisions(trx, { proposalId, status: 'open' })).length) throw new Refusal<StageRefusal>('decision-open');
    if (stage === 'not-adopted') {
      if (current === 'done' || current === 'not-adopted') throw new Refusal<StageRefusal>('finished');
      if (!reason) throw new Refusal<StageRefusal>('reasons-needed');
    } else if (NEXT_STAGE[current] !== stage) {
      throw new Refusal<StageRefusal>(`moves-on-from-${current}`);
    }
    if (stage === 'decision') throw new Refusal<StageRefusal>('decision-stage-by-opening');
    await repo.setStage(trx, proposalId, stage, stage === 'not-adopted' ? reason : null, at);
    await repo.addEvent(trx, { proposalId, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'stage', detail: { from: current, to: stage } });
    await audit(trx, { actorId: actor.id, action: 'coproduction.stage', subject: proposalId, detail: { from: current, to: stage } });
  });
}

export type CommentRefusal = 'no-such-parent';

/**
 * A comment in the thread. A comment by someone with lived experience waits for a staff
 * response; a staff reply to it is that response (who and when are recorded).
 */
export async function addComment(db: Db, actor: Actor, proposalId: string, body: string, parentId: string | null, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    if (!(await repo.getProposal(trx, proposalId))) throw new NotFoundError();
    await guardOwnWords(trx, actor.id, { body });
    const parent = parentId ? await repo.getComment(trx, parentId) : undefined;
    if (parentId && (!parent || parent.proposal_id !== proposalId)) throw new Refusal<CommentRefusal>('no-such-parent');
    const origin = originOf(actor);
    const id = await repo.insertComment(trx, {
      proposal_id: proposalId,
      parent_id: parent?.id ?? null,
      author_id: actor.id,
      author_origin: origin,
      body,
      created_at: at,
      awaits_response: origin === 'lived-experience' ? 1 : 0,
    });
    await repo.addEvent(trx, { proposalId, at, actorId: actor.id, actorOrigin: origin, kind: 'comment', detail: { comment: id } });
    if (parent && origin === 'staff' && parent.awaits_response === 1 && parent.responded_at === null) {
      await repo.markResponded(trx, parent.id, actor.id, at, id);
      await repo.addEvent(trx, { proposalId, at, actorId: actor.id, actorOrigin: origin, kind: 'response', detail: { comment: parent.id } });
    }
    await repo.touchProposal(trx, proposalId, at);
    return id;
  });
}

/** A comment from the proposal's page: added, and the person replied to told at once if they asked to be. */
export async function commentOnProposal(db: Db, config: Config, actor: Actor, proposalId: string, body: string, parentId: string | null): Promise<void> {
  return inTransaction(db, async (trx) => {
    await addComment(trx, actor, proposalId, body, parentId);
    const replyTo = parentId ? await repo.getComment(trx, parentId) : undefined;
    if (replyTo && replyTo.author_id !== actor.id) await notifyImmediately(trx, config, replyTo.author_id, 'reply', `/coproduction/proposals/${proposalId}`);
  });
}

export type OptionRefusal = 'options-set';

export async function draftOption(db: Db, actor: Actor, proposalId: string, input: { title: string; description: string }, at: string = nowIso()): Promise<string> {
  return inTransaction(db, async (trx) => {
    const proposal = await repo.getProposal(trx, proposalId);
    if (!proposal) throw new NotFoundError();
    if (!DRAFTING_STAGES.includes(proposal.stage)) throw new Refusal<OptionRefusal>('options-set');
    const origin = originOf(actor);
    const id = await repo.insertOption(trx, { proposal_id: proposalId, title: input.title, description: input.description, drafted_by: actor.id, drafter_origin: origin, created_at: at });
    await repo.addEvent(trx, { proposalId, at, actorId: actor.id, actorOrigin: origin, kind: 'option', detail: { option: id } });
    await repo.touchProposal(trx, proposalId, at);
    return id;
  });
}

// What the pages show ---------------------------------------------------------------------------

/** Proposals, most recently active first, optionally of one stage or area, with their authors' names. */
export async function listProposals(db: Db, filter: { stage?: Stage; area?: Area }): Promise<{ proposals: ProposalTable[]; names: Map<string, string> }> {
  const proposals = await repo.listProposals(db, filter);
  return { proposals, names: await namesAsSeen(db, proposals.map((p) => p.author_id)) };
}

/** Proposals still open (not done, not "not adopted"), for a meeting's agenda. */
export async function openProposals(db: Db): Promise<ProposalTable[]> {
  return (await repo.listProposals(db)).filter((p) => p.stage !== 'done' && p.stage !== 'not-adopted');
}

export interface ProposalView {
  proposal: ProposalTable;
  comments: CommentTable[];
  options: OptionTable[];
  decisions: DecisionTable[];
  events: EventTable[];
  /** Everyone named on the page, by account id. */
  names: Map<string, string>;
  /** Versions a decision opened here could approve. */
  documentVersions: Array<{ id: string; number: number; title: string }>;
  people: WorkspacePeople;
}

export async function proposalView(db: Db, id: string): Promise<ProposalView> {
  const proposal = await repo.getProposal(db, id);
  if (!proposal) throw new NotFoundError();
  const [comments, options, decisions, events] = await Promise.all([repo.listComments(db, id), repo.listOptions(db, id), repo.listDecisions(db, { proposalId: id }), repo.listEvents(db, id)]);
  const names = await namesAsSeen(db, [
    proposal.author_id,
    ...comments.map((c) => c.author_id),
    ...comments.flatMap((c) => (c.responded_by ? [c.responded_by] : [])),
    ...options.map((o) => o.drafted_by),
    ...events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
  ]);
  const documentVersions = await repo.unpublishedVersions(db, 200);
  return { proposal, comments, options, decisions, events, names, documentVersions, people: await workspacePeople(db) };
}

/** Group comments still waiting for a staff response, oldest first, with their authors' names. */
export async function commentsAwaitingResponse(db: Db): Promise<{ waiting: Array<CommentTable & { proposal_title: string }>; names: Map<string, string> }> {
  const waiting = await repo.commentsAwaitingResponse(db);
  return { waiting, names: await namesAsSeen(db, waiting.map((c) => c.author_id)) };
}
