// Figures read across the workspace's own tables for insight: the staff response rate, active
// members, every closed decision's evidence in a handful of set-based queries (so /insights stays
// quick with thousands of decisions), and a watermark that changes whenever any of them would.
import type { Conn } from '../../../platform/db/database.ts';

/** Group comments that wait for a staff response, and how many got one. */
export async function staffResponseCounts(db: Conn, range: { from?: string; to?: string } = {}): Promise<{ awaiting: number; responded: number }> {
  let q = db
    .selectFrom('coproduction_comments')
    .select((eb) => [eb.fn.countAll<number>().as('awaiting'), eb.fn.count<number>('responded_at').as('responded')])
    .where('awaits_response', '=', 1);
  if (range.from) q = q.where('created_at', '>=', range.from);
  if (range.to) q = q.where('created_at', '<', range.to);
  const row = await q.executeTakeFirstOrThrow();
  return { awaiting: Number(row.awaiting), responded: Number(row.responded) };
}

/** Lived-experience accounts with any input (comment, option, ballot, advice, raised) in a range, each with their first input ever. */
export async function groupMemberActivity(db: Conn, range: { from: string; to: string }): Promise<Array<{ accountId: string; firstEverAt: string; activeInRange: boolean }>> {
  const rows = await db
    .selectFrom('coproduction_events')
    .select(['actor_id', (eb) => eb.fn.min('at').as('first_at')])
    .where('actor_origin', '=', 'lived-experience')
    .where('actor_id', 'is not', null)
    .groupBy('actor_id')
    .execute();
  const inRange = await db
    .selectFrom('coproduction_events')
    .select('actor_id')
    .distinct()
    .where('actor_origin', '=', 'lived-experience')
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .execute();
  const active = new Set(inRange.map((r) => r.actor_id));
  return rows.map((r) => ({ accountId: r.actor_id as string, firstEverAt: String(r.first_at), activeInRange: active.has(r.actor_id) }));
}

/** Changes whenever a decision closes, a comment is made or answered, or anything joins a timeline (for /insights). */
export async function figuresWatermark(db: Conn): Promise<unknown> {
  return Promise.all([
    db.selectFrom('coproduction_decisions').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('closed_at').as('m')]).executeTakeFirst(),
    db.selectFrom('coproduction_comments').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count('responded_at').as('m')]).executeTakeFirst(),
    db.selectFrom('coproduction_events').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('m')]).executeTakeFirst(),
  ]);
}

// Every closed decision's evidence, a few queries for all of them ----------------------------------

const INPUT_KINDS = ['raised', 'comment', 'option'];

/** Closed decisions with what the evidence needs of them, and the origin of their proposal. */
export async function closedDecisionsWithOrigin(db: Conn): Promise<Array<{ id: string; proposal_id: string; opened_at: string; quorum_met: number | null; document_version_id: string | null; origin: string }>> {
  return db
    .selectFrom('coproduction_decisions')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_decisions.proposal_id')
    .select(['coproduction_decisions.id', 'coproduction_decisions.proposal_id', 'coproduction_decisions.opened_at', 'coproduction_decisions.quorum_met', 'coproduction_decisions.document_version_id', 'coproduction_proposals.origin'])
    .where('coproduction_decisions.status', '=', 'closed')
    .execute();
}

const firstInput = (rows: Array<{ key: string | null; first: string | null }>) => new Map(rows.filter((r) => r.key && r.first).map((r) => [r.key!, r.first!]));

/** When lived-experience input (raising, commenting, drafting) first came, by proposal, for input not tied to a decision. */
export async function firstGroupInputByProposal(db: Conn): Promise<Map<string, string>> {
  return firstInput(
    await db
      .selectFrom('coproduction_events')
      .select(['proposal_id as key', (eb) => eb.fn.min<string>('at').as('first')])
      .where('actor_origin', '=', 'lived-experience')
      .where('kind', 'in', INPUT_KINDS)
      .where('decision_id', 'is', null)
      .groupBy('proposal_id')
      .execute(),
  );
}

/** The same, by decision, for input tied to one. */
export async function firstGroupInputByDecision(db: Conn): Promise<Map<string, string>> {
  return firstInput(
    await db
      .selectFrom('coproduction_events')
      .select(['decision_id as key', (eb) => eb.fn.min<string>('at').as('first')])
      .where('actor_origin', '=', 'lived-experience')
      .where('kind', 'in', INPUT_KINDS)
      .where('decision_id', 'is not', null)
      .groupBy('decision_id')
      .execute(),
  );
}

/** Every option's proposal, when it was drafted and by whom (origin). */
export async function optionDrafts(db: Conn): Promise<Array<{ proposal_id: string; created_at: string; drafter_origin: string }>> {
  return db.selectFrom('coproduction_options').select(['proposal_id', 'created_at', 'drafter_origin']).execute();
}

/** The origin of each of these versions' authors. */
export async function versionAuthorOrigins(db: Conn, versionIds: readonly string[]): Promise<Map<string, string>> {
  if (!versionIds.length) return new Map();
  const rows = await db.selectFrom('coproduction_document_versions').select(['id', 'author_origin']).where('id', 'in', [...versionIds]).execute();
  return new Map(rows.map((v) => [v.id, v.author_origin]));
}

/** Decisions in which someone with lived experience took part. */
export async function decisionsWithGroupParticipants(db: Conn): Promise<Set<string>> {
  const rows = await db.selectFrom('coproduction_participants').select('decision_id').distinct().where('origin', '=', 'lived-experience').execute();
  return new Set(rows.map((r) => r.decision_id));
}
