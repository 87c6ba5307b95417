// Staying informed without floods: each member chooses one digest (daily, weekly or none) and
// immediate mail only for what they ask (replies to their comments, decisions opening). Neither
// is mailed from here: each is a notice to the member (accounts' `raiseNotice`), listed on their
// home page and mailed in the one discreet digest their contact safety allows, so a member who
// also uses the service, or hears of several things at once, gets one message, not one each.
// At most one digest per member per period: the (account, period) key is claimed before sending.
// A digest people can bear: none for an empty period (nothing by anyone else, on proposals they
// have not muted, and no reply to them), and what it leads to (`digestFor`, the "Your digest"
// page) starts with what needs them: open decisions they have not taken part in, soonest to close
// first, and replies to their comments.
import { raiseNotice } from '../../accounts/index.ts';
import type { Config } from '../../../platform/config.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import * as repo from '../repository/index.ts';

export interface Digest {
  since: string;
  until: string;
  /** What needs the member: open decisions they have not taken part in, soonest to close first. */
  decisions: Array<{ decisionId: string; proposalId: string; question: string; title: string; closesAt: string }>;
  /** Replies to their comments in the period. */
  replies: Array<{ proposalId: string; title: string; commentId: string; at: string }>;
  /** Then what happened, by proposal, leaving out what they muted. */
  happened: Array<{ proposalId: string; title: string; count: number }>;
}

/** A member's digest for a period (since, until]. */
export async function digestFor(db: Conn, accountId: string, since: string, until: string): Promise<Digest> {
  const [decisions, replies, happened] = await Promise.all([
    repo.openDecisionsWithout(db, accountId),
    repo.repliesTo(db, since, until, accountId),
    repo.eventsByProposal(db, since, until, accountId),
  ]);
  return {
    since,
    until,
    decisions: decisions.map((d) => ({ decisionId: d.id, proposalId: d.proposal_id, question: d.question, title: d.title, closesAt: d.closes_at })),
    replies: replies.map((r) => ({ proposalId: r.proposal_id, title: r.title, commentId: r.comment_id, at: r.created_at })),
    happened: happened.map((h) => ({ proposalId: h.proposal_id, title: h.title, count: h.n })),
  };
}

/**
 * Empty: nothing by anyone else on a proposal they follow, and no reply to them. A decision still
 * waiting for them is not news on its own (its reminders say so), so it never sends a digest alone.
 */
export const isEmptyDigest = (d: Digest): boolean => d.replies.length === 0 && d.happened.length === 0;

/** The "Your digest" page: since the member's last digest, or the last week when there was none. */
export async function currentDigest(db: Db, accountId: string, now: Date = new Date()): Promise<Digest> {
  const since = (await repo.lastDigestAt(db, accountId)) ?? new Date(now.getTime() - 7 * 86_400_000).toISOString();
  return digestFor(db, accountId, since, now.toISOString());
}

/** A member mutes (or unmutes) a proposal: it leaves their digests; replies to them still come. */
export async function muteProposal(db: Db, actor: Actor, proposalId: string, muted: boolean, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    if (!(await repo.getProposal(trx, proposalId))) throw new NotFoundError();
    await repo.setMuted(trx, actor.id, proposalId, muted, at);
    await audit(trx, { actorId: actor.id, action: muted ? 'coproduction.muted' : 'coproduction.unmuted', subject: proposalId });
  });
}

export async function mutedProposals(db: Db, accountId: string): Promise<Array<{ proposalId: string; title: string }>> {
  return (await repo.mutedProposals(db, accountId)).map((m) => ({ proposalId: m.proposal_id, title: m.title }));
}

export async function isMuted(db: Db, accountId: string, proposalId: string): Promise<boolean> {
  return (await repo.mutedProposals(db, accountId)).some((m) => m.proposal_id === proposalId);
}

export type DigestFrequency = 'daily' | 'weekly' | 'none';

/** The period a moment falls in: `daily:2026-11-26` or `weekly:2026-11-23` (the Monday, UTC). */
export function periodOf(frequency: 'daily' | 'weekly', at: Date): { key: string; start: Date } {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (frequency === 'daily') return { key: `daily:${day.toISOString().slice(0, 10)}`, start: day };
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return { key: `weekly:${monday.toISOString().slice(0, 10)}`, start: monday };
}

/**
 * Sends the digests due for the period before `now` (yesterday, or last week). Safe to run as
 * often as you like, from several instances: a member gets at most one digest per period, and
 * none when the period is empty for them (`isEmptyDigest`).
 */
export async function sendDigests(db: Conn, config: Config, frequency: 'daily' | 'weekly', now: Date = new Date()): Promise<{ sent: number; skipped: number }> {
  const current = periodOf(frequency, now);
  const length = frequency === 'daily' ? 86_400_000 : 7 * 86_400_000;
  const previous = periodOf(frequency, new Date(current.start.getTime() - length));
  let sent = 0;
  let skipped = 0;
  for (const pref of await repo.listMailPreferences(db, frequency)) {
    const digest = await digestFor(db, pref.account_id, previous.start.toISOString(), current.start.toISOString());
    const items = digest.replies.length + digest.happened.reduce((n, h) => n + h.count, 0);
    if (isEmptyDigest(digest)) {
      skipped += 1;
      continue;
    }
    // Claim and queue together: a crash between them leaves neither, so the next run retries.
    const outcome = await inTransaction(db, async (trx) => {
      if (!(await repo.claimDigest(trx, { account_id: pref.account_id, period: previous.key, items, sent_at: now.toISOString() }))) return 'already';
      const raised = await raiseNotice(trx, pref.account_id, { purpose: `coproduction-digest-${frequency}`, text: frequency === 'daily' ? 'Your daily group digest is ready' : 'Your weekly group digest is ready', href: '/coproduction/digest' }, now);
      return raised ? 'sent' : 'not-allowed';
    });
    if (outcome === 'sent') sent += 1;
    else skipped += 1;
  }
  return { sent, skipped };
}

/** Immediate mail for what the member asked to hear about at once. */
export async function notifyImmediately(db: Conn, config: Config, accountId: string, what: 'reply' | 'decision', href = '/coproduction/proposals'): Promise<boolean> {
  const pref = await repo.getMailPreference(db, accountId);
  if (!pref) return false;
  if (what === 'reply' && pref.immediate_replies !== 1) return false;
  if (what === 'decision' && pref.immediate_decisions !== 1) return false;
  return raiseNotice(db, accountId, {
    purpose: `coproduction-${what}`,
    text: what === 'reply' ? 'Someone replied to your comment' : 'A decision has opened in the group',
    href,
  });
}
