// Each member's choice of updates by mail, the digests claimed, what happened since the last
// (what needs them first), and the proposals they muted.
import type { Conn } from '../../../platform/db/database.ts';
import type { DigestTable, MailPreferenceTable } from '../tables.ts';

// Mail preferences and digests -------------------------------------------------------------------

export async function getMailPreference(db: Conn, accountId: string): Promise<MailPreferenceTable | undefined> {
  return db.selectFrom('coproduction_mail_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function setMailPreference(db: Conn, row: MailPreferenceTable): Promise<void> {
  const { account_id, ...rest } = row;
  const r = await db.updateTable('coproduction_mail_preferences').set(rest).where('account_id', '=', account_id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('coproduction_mail_preferences').values(row).execute();
}

export async function listMailPreferences(db: Conn, digest: string): Promise<MailPreferenceTable[]> {
  return db.selectFrom('coproduction_mail_preferences').selectAll().where('digest', '=', digest).execute();
}

/** Claims the digest for this member and period; false when one was already claimed (by any instance). */
export async function claimDigest(db: Conn, row: DigestTable): Promise<boolean> {
  const result = await db
    .insertInto('coproduction_digests')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** What happened in the period, by proposal: events by anyone but the member, on proposals they have not muted. */
export async function eventsByProposal(db: Conn, since: string, until: string, accountId: string): Promise<Array<{ proposal_id: string; title: string; n: number }>> {
  const rows = await db
    .selectFrom('coproduction_events')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_events.proposal_id')
    .select((eb) => ['coproduction_events.proposal_id', 'coproduction_proposals.title', eb.fn.countAll<number>().as('n')])
    .where('coproduction_events.at', '>', since)
    .where('coproduction_events.at', '<=', until)
    .where((eb) => eb.or([eb('coproduction_events.actor_id', 'is', null), eb('coproduction_events.actor_id', '!=', accountId)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('coproduction_mutes').select('coproduction_mutes.proposal_id').whereRef('coproduction_mutes.proposal_id', '=', 'coproduction_events.proposal_id').where('coproduction_mutes.account_id', '=', accountId))))
    .groupBy(['coproduction_events.proposal_id', 'coproduction_proposals.title'])
    .orderBy('coproduction_proposals.title')
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Replies by others to the member's comments in the period (on any proposal, muted or not: they are addressed to them). */
export async function repliesTo(db: Conn, since: string, until: string, accountId: string): Promise<Array<{ proposal_id: string; title: string; comment_id: string; created_at: string }>> {
  return db
    .selectFrom('coproduction_comments as reply')
    .innerJoin('coproduction_comments as parent', 'parent.id', 'reply.parent_id')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'reply.proposal_id')
    .select(['reply.proposal_id', 'coproduction_proposals.title', 'reply.id as comment_id', 'reply.created_at'])
    .where('parent.author_id', '=', accountId)
    .where('reply.author_id', '!=', accountId)
    .where('reply.created_at', '>', since)
    .where('reply.created_at', '<=', until)
    .orderBy('reply.created_at')
    .execute();
}

/** Open decisions the member has not taken part in, soonest to close first (then the longest open). */
export async function openDecisionsWithout(db: Conn, accountId: string): Promise<Array<{ id: string; proposal_id: string; question: string; title: string; opened_at: string; closes_at: string }>> {
  return db
    .selectFrom('coproduction_decisions')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_decisions.proposal_id')
    .select(['coproduction_decisions.id', 'coproduction_decisions.proposal_id', 'coproduction_decisions.question', 'coproduction_proposals.title', 'coproduction_decisions.opened_at', 'coproduction_decisions.closes_at'])
    .where('coproduction_decisions.status', '=', 'open')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('coproduction_participants').select('coproduction_participants.account_id').whereRef('coproduction_participants.decision_id', '=', 'coproduction_decisions.id').where('coproduction_participants.account_id', '=', accountId))))
    .orderBy('coproduction_decisions.closes_at')
    .orderBy('coproduction_decisions.opened_at')
    .orderBy('coproduction_decisions.id')
    .execute();
}

/** When the member's last digest went (any period). */
export async function lastDigestAt(db: Conn, accountId: string): Promise<string | undefined> {
  const row = await db.selectFrom('coproduction_digests').select((eb) => eb.fn.max('sent_at').as('at')).where('account_id', '=', accountId).executeTakeFirst();
  return row?.at ?? undefined;
}

// Muted proposals --------------------------------------------------------------------------------

export async function setMuted(db: Conn, accountId: string, proposalId: string, muted: boolean, at: string): Promise<void> {
  if (!muted) {
    await db.deleteFrom('coproduction_mutes').where('account_id', '=', accountId).where('proposal_id', '=', proposalId).execute();
    return;
  }
  await db.insertInto('coproduction_mutes').values({ account_id: accountId, proposal_id: proposalId, muted_at: at }).onConflict((oc) => oc.columns(['account_id', 'proposal_id']).doNothing()).execute();
}

export async function mutedProposals(db: Conn, accountId: string): Promise<Array<{ proposal_id: string; title: string }>> {
  return db
    .selectFrom('coproduction_mutes')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_mutes.proposal_id')
    .select(['coproduction_mutes.proposal_id', 'coproduction_proposals.title'])
    .where('coproduction_mutes.account_id', '=', accountId)
    .orderBy('coproduction_proposals.title')
    .execute();
}
