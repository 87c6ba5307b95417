// Staying informed without floods: each member chooses one digest (daily, weekly or none) and
// immediate mail only for what they ask (replies to their comments, decisions opening). Every
// mail is the same discreet notice (notifyAccount), respecting the person's contact safety.
// At most one digest per member per period: the (account, period) key is claimed before sending.
import { notifyAccount } from '../../accounts/index.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, type Conn } from '../../../platform/db/database.ts';
import * as repo from '../repository/index.ts';

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
 * none when nothing happened.
 */
export async function sendDigests(db: Conn, config: Config, frequency: 'daily' | 'weekly', now: Date = new Date()): Promise<{ sent: number; skipped: number }> {
  const current = periodOf(frequency, now);
  const length = frequency === 'daily' ? 86_400_000 : 7 * 86_400_000;
  const previous = periodOf(frequency, new Date(current.start.getTime() - length));
  let sent = 0;
  let skipped = 0;
  for (const pref of await repo.listMailPreferences(db, frequency)) {
    const items = await repo.countEventsSince(db, previous.start.toISOString(), current.start.toISOString(), pref.account_id);
    if (items === 0) {
      skipped += 1;
      continue;
    }
    // Claim and queue together: a crash between them leaves neither, so the next run retries.
    const outcome = await inTransaction(db, async (trx) => {
      if (!(await repo.claimDigest(trx, { account_id: pref.account_id, period: previous.key, items, sent_at: now.toISOString() }))) return 'already';
      return (await notifyAccount(trx, config, pref.account_id, { purpose: `coproduction-digest-${frequency}` })) ? 'sent' : 'not-allowed';
    });
    if (outcome === 'sent') sent += 1;
    else skipped += 1;
  }
  return { sent, skipped };
}

/** Immediate mail for what the member asked to hear about at once. */
export async function notifyImmediately(db: Conn, config: Config, accountId: string, what: 'reply' | 'decision'): Promise<boolean> {
  const pref = await repo.getMailPreference(db, accountId);
  if (!pref) return false;
  if (what === 'reply' && pref.immediate_replies !== 1) return false;
  if (what === 'decision' && pref.immediate_decisions !== 1) return false;
  return notifyAccount(db, config, accountId, { purpose: `coproduction-${what}` });
}
