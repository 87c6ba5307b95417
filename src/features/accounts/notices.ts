// Notifications that respect people (issue 14). Any feature tells an account that something waits
// for it with `raiseNotice` (in its own transaction): the notice is listed in the app at once (the
// home page, read or unread), and the digest job (`sendNoticeDigests`, run by src/jobs.ts) later
// sends ONE discreet message for everything pending, by the one channel contact safety allows:
//   - no more often than the person chose: `immediately` still waits until the oldest pending
//     notice is `noticeBatchMinutes` old (WITHME_NOTICE_BATCH_MINUTES, 5 by default), so three
//     updates in a minute are one message; `daily` and `weekly` send at most one in any 24 hours
//     or 7 days;
//   - never inside their unsafe times: outside the safe times they gave, it waits until they come;
//   - never empty: nothing pending (or all of it already read in the app) sends nothing;
//   - with their discreet sender and subject, and the same words whatever it is about
//     (`queueDiscreetNotice`): no name, no service name, nothing clinical, a sign-in link.
// Each digest claims the digest before it (`after:<id>`), so instances racing for the same
// account send one message, not two. Duty alerts never come here: they go at once (duty feature).
import { randomUUID } from 'node:crypto';
import type { Config } from '../../platform/config.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../platform/db/database.ts';
import { isOpen, parseOpeningHours } from '../../platform/opening-hours.ts';
import { pageOf, type Page } from '../../platform/paging.ts';
import { NotFoundError, type Actor } from '../../platform/policy.ts';
import { isNoticeFrequency, noticeChannel, queueDiscreetNotice, type NoticeFrequency } from './contact.ts';
import * as repo from './repository.ts';
import * as notices from './repository/notices.ts';
import { safeWindow } from './safe-times.ts';
import type { NoticeTable } from './tables.ts';

export interface NoticeInput {
  /** What it is for (`record-entry`…), for the lead's outbox view; never in a message. */
  purpose: string;
  /** The words listed in the app, behind sign-in: plain, and nothing a glance over a shoulder should see. */
  text: string;
  /** Where in the app it leads. */
  href: string;
}

/**
 * Tells an account that something waits for it: listed in the app at once, mailed in the next
 * digest the person's settings allow. Runs in the caller's transaction. Returns false when the
 * account is unknown or suspended (nothing is kept).
 */
export async function raiseNotice(db: Conn, accountId: string, notice: NoticeInput, at: Date = new Date()): Promise<boolean> {
  // Always a page of this service: a notice must never lead anywhere else.
  if (!/^\/(?![/\\])/.test(notice.href)) throw new Error('a notice leads to a page of the service');
  if (!(await repo.getActiveAccount(db, accountId))) return false;
  await notices.insertNotice(db, { account_id: accountId, purpose: notice.purpose, text: notice.text, href: notice.href, created_at: at.toISOString() });
  return true;
}

/** The shortest time between two digests, by frequency. */
const MIN_GAP_MS: Record<NoticeFrequency, number> = { immediately: 0, daily: 86_400_000, weekly: 7 * 86_400_000 };

/** Why a person's pending notices were not sent on this run. */
export type Held = 'batching' | 'frequency' | 'unsafe-time' | 'taken';

/**
 * Sends the digests that are due at `now`. Safe to run as often as you like, from several
 * instances. Returns how many went, how many were held (and why), and how many people nothing
 * could reach (their notices stay in the app).
 */
export async function sendNoticeDigests(db: Db, config: Config, now: Date = new Date()): Promise<{ sent: number; held: Partial<Record<Held, number>>; unreachable: number }> {
  const batchMs = config.noticeBatchMinutes * 60_000;
  const until = now.toISOString();
  const held: Partial<Record<Held, number>> = {};
  const hold = (why: Held) => (held[why] = (held[why] ?? 0) + 1);
  let sent = 0;
  let unreachable = 0;
  for (const { account_id: accountId, oldest } of await notices.accountsWithPendingNotices(db, until)) {
    if (Date.parse(oldest) > now.getTime() - batchMs) {
      hold('batching');
      continue;
    }
    const outcome = await inTransaction(db, async (trx) => {
      const prefs = await repo.getContactPreferences(trx, accountId);
      const frequency: NoticeFrequency = isNoticeFrequency(prefs?.notice_frequency) ? prefs.notice_frequency : 'immediately';
      const last = await notices.lastDigest(trx, accountId);
      if (last && now.getTime() - Date.parse(last.sent_at) < MIN_GAP_MS[frequency]) return 'frequency' as const;
      const window = safeWindow(prefs?.safe_times, config);
      if (window && !withinWindow(window, config, now)) return 'unsafe-time' as const;
      const pending = await notices.pendingNotices(trx, accountId, until);
      if (!pending.length) return 'taken' as const;
      const ids = pending.map((n) => n.id);
      const channel = await noticeChannel(trx, config, accountId);
      if (!channel) {
        // Nothing may reach them: the notices stay in the app, and are not mailed later.
        await notices.markMailed(trx, ids, until, null);
        return 'unreachable' as const;
      }
      const digestId = randomUUID();
      // Claimed before anything is queued: a second instance claiming the same turn finds it taken.
      if (!(await notices.claimDigest(trx, { id: digestId, account_id: accountId, channel, claim: `after:${last?.id ?? 'none'}`, notices: ids.length, sent_at: until }))) return 'taken' as const;
      await queueDiscreetNotice(trx, config, accountId, 'updates-digest');
      await notices.markMailed(trx, ids, until, digestId);
      return 'sent' as const;
    });
    if (outcome === 'sent') sent += 1;
    else if (outcome === 'unreachable') unreachable += 1;
    else hold(outcome);
  }
  return { sent, held, unreachable };
}

function withinWindow(window: string, config: Config, at: Date): boolean {
  try {
    return isOpen(parseOpeningHours(window, config.openingHours.timeZone), at);
  } catch {
    return isOpen(config.openingHours, at);
  }
}

export interface InAppNotice {
  id: string;
  text: string;
  /** Opens it (marking it read) and goes on to where it leads. */
  href: string;
  at: string;
  read: boolean;
}

const inApp = (n: NoticeTable): InAppNotice => ({ id: n.id, text: n.text, href: `/notifications/${n.id}`, at: n.created_at, read: n.read_at !== null });

/** The account's latest notices, newest first, how many are unread, and how many there are in all. */
export async function inAppNotices(db: Conn, accountId: string, limit = 10): Promise<{ notices: InAppNotice[]; unread: number; total: number }> {
  const [rows, unread, total] = await Promise.all([notices.recentNotices(db, accountId, limit), notices.countUnread(db, accountId), notices.countNotices(db, accountId)]);
  return { notices: rows.map(inApp), unread, total };
}

/** How many notices a page of "Your notifications" lists. */
export const NOTICES_PER_PAGE = 25;

/** One page of all the account's own notices, newest first (a page past the end is the last page). */
export async function noticesPage(db: Conn, accountId: string, requested: number | undefined): Promise<{ notices: InAppNotice[]; unread: number; total: number; page: Page }> {
  const [total, unread] = await Promise.all([notices.countNotices(db, accountId), notices.countUnread(db, accountId)]);
  const page = pageOf(requested, total, NOTICES_PER_PAGE);
  const rows = await notices.noticesPage(db, accountId, page.limit, page.offset);
  return { notices: rows.map(inApp), unread, total, page };
}

/** How many of the account's notices are unread (the header counts them). */
export async function unreadNoticeCount(db: Conn, accountId: string): Promise<number> {
  return notices.countUnread(db, accountId);
}

/** Opens one of the account's own notices: marks it read and returns where it leads (NotFoundError for anyone else's). */
export async function openNotice(db: Db, actor: Actor, id: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    const notice = await notices.getNotice(trx, actor.id, id);
    if (!notice) throw new NotFoundError();
    await notices.markRead(trx, actor.id, nowIso(), id);
    return notice.href;
  });
}

/**
 * The account has seen the page these notices lead to (a feature says so when it shows it): they
 * are read, and no digest will tell them about it again. Runs in the caller's transaction.
 */
export async function noticesSeen(db: Conn, accountId: string, href: string): Promise<number> {
  return notices.markReadLeadingTo(db, accountId, href, nowIso());
}

/** Marks every one of the account's notices read; returns how many were unread. */
export async function markAllNoticesRead(db: Db, actor: Actor): Promise<number> {
  return inTransaction(db, (trx) => notices.markRead(trx, actor.id, nowIso()));
}
