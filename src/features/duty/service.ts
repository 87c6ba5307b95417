// The duty procedure. Every disclosure of risk (feedback, or a person's own words beside their
// record) is raised here, at once: it appears in the duty queue, which only the duty role sees,
// and an alert that carries no words goes to the duty contact and everyone on the duty rota,
// ahead of every other message. Someone on duty takes it (recorded: who and when), does what the
// service's procedure says, records what they did and closes it, choosing whether a de-identified
// version may go back where it came from (until then group members see only that something was
// withheld for safety). An alert nobody takes escalates after WITHME_DUTY_ESCALATE_MINUTES of
// opening time: a second alert to the duty contact and every lead.
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../platform/db/database.ts';
import { queueMail, URGENT } from '../../platform/mail/outbox.ts';
import { openMinutesBetween } from '../../platform/opening-hours.ts';
import { NotFoundError, type Actor } from '../../platform/policy.ts';
import { Refusal } from '../../platform/refusal.ts';
import { accountsWithRoles, displayNames } from '../accounts/index.ts';
import * as repo from './repository.ts';
import type { DutyAlertTable, DutySource } from './tables.ts';

export type DutyRefusal = 'already-taken' | 'closed' | 'not-taken';

export interface Disclosure {
  source: DutySource;
  sourceId: string;
  personId: string | null;
  /** The words as written. */
  body: string;
  /** The source's de-identified version, which the duty team may release. */
  suggestedRelease?: string | null;
}

/** Who is told at once: the duty contact and everyone on the duty rota; the leads when there is nobody else. */
async function dutyTeam(db: Conn, config: Config): Promise<string[]> {
  const rota = (await accountsWithRoles(db, ['duty'])).map((a) => a.email);
  const team = [...new Set([...(config.dutyContactEmail ? [config.dutyContactEmail] : []), ...rota])];
  return team.length ? team : (await accountsWithRoles(db, ['lead'])).map((a) => a.email);
}

/** The leads and the duty contact, for an alert nobody took. */
async function escalationList(db: Conn, config: Config): Promise<string[]> {
  const leads = (await accountsWithRoles(db, ['lead'])).map((a) => a.email);
  return [...new Set([...(config.dutyContactEmail ? [config.dutyContactEmail] : []), ...leads])];
}

function londonTime(iso: string, config: Config): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: config.openingHours.timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/**
 * Raises a disclosure in the duty queue and tells the duty team, in the caller's transaction (so
 * the feedback and its alert are saved together, or neither is). An item already raised is not
 * raised twice. The alert mail holds no words of the disclosure and names no one.
 */
export async function raiseDutyAlert(db: Conn, config: Config, disclosure: Disclosure): Promise<string> {
  return inTransaction(db, async (trx) => {
    const existing = await repo.alertsFor(trx, disclosure.source, [disclosure.sourceId]);
    if (existing[0]) return existing[0].id;
    const raisedAt = nowIso();
    const id = await repo.insertAlert(trx, {
      source: disclosure.source,
      source_id: disclosure.sourceId,
      person_id: disclosure.personId,
      body: disclosure.body,
      suggested_release: disclosure.suggestedRelease ?? null,
      raised_at: raisedAt,
    });
    for (const to of await dutyTeam(trx, config)) {
      await queueMail(trx, {
        to,
        subject: 'Duty check needed',
        text: `Something sent to the service may suggest that someone is at risk. It was received on ${londonTime(raisedAt, config)} and is waiting in the duty queue:\n${config.publicUrl}/duty/${id}\n\nSign in and take it, so that it does not escalate. This message holds none of what was written.\n`,
        purpose: 'duty-alert',
        priority: URGENT,
      });
    }
    await audit(trx, { actorId: disclosure.personId, action: 'duty.alert-raised', subject: id, detail: { source: disclosure.source } });
    return id;
  });
}

export interface QueueItem {
  id: string;
  source: DutySource;
  raisedAt: string;
  takenBy: string | null;
  takenAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
  /** Minutes of opening time it has waited without being taken. */
  waitingMinutes: number;
  overdue: boolean;
}

function queueItem(row: DutyAlertTable, config: Config, names: Map<string, string>, now: Date): QueueItem {
  const waitingMinutes = row.taken_at ? 0 : openMinutesBetween(config.openingHours, new Date(row.raised_at), now);
  return {
    id: row.id,
    source: row.source,
    raisedAt: row.raised_at,
    takenBy: row.taken_by ? (names.get(row.taken_by) ?? 'Someone on duty') : null,
    takenAt: row.taken_at,
    escalatedAt: row.escalated_at,
    closedAt: row.closed_at,
    waitingMinutes,
    overdue: !row.taken_at && !row.closed_at && waitingMinutes >= config.dutyEscalateMinutes,
  };
}

/** The queue: every open disclosure (oldest first), and the latest closed ones. Words are on each alert's own page. */
export async function dutyQueue(db: Db, config: Config, now = new Date()): Promise<{ open: QueueItem[]; closed: QueueItem[] }> {
  const [open, closed] = await Promise.all([repo.openAlerts(db), repo.recentlyClosed(db, 20)]);
  const names = await displayNames(db, [...open, ...closed].flatMap((r) => [r.taken_by, r.closed_by]).filter((id): id is string => id !== null));
  return { open: open.map((r) => queueItem(r, config, names, now)), closed: closed.map((r) => queueItem(r, config, names, now)) };
}

export interface AlertView extends QueueItem {
  body: string;
  suggestedRelease: string | null;
  closedBy: string | null;
  actionTaken: string | null;
  release: 'withheld' | 'released' | null;
  releasedText: string | null;
  takenByMe: boolean;
}

/** One disclosure, words included, for someone on duty; every view is in the audit log. */
export async function alertForDuty(db: Db, config: Config, actor: Actor, id: string, now = new Date()): Promise<AlertView> {
  const row = await repo.getAlert(db, id);
  if (!row) throw new NotFoundError('Not found');
  await audit(db, { actorId: actor.id, action: 'duty.alert-viewed', subject: id });
  const names = await displayNames(db, [row.taken_by, row.closed_by].filter((v): v is string => v !== null));
  return {
    ...queueItem(row, config, names, now),
    body: row.body,
    suggestedRelease: row.suggested_release,
    closedBy: row.closed_by ? (names.get(row.closed_by) ?? 'Someone on duty') : null,
    actionTaken: row.action_taken,
    release: row.release,
    releasedText: row.released_text,
    takenByMe: row.taken_by === actor.id,
  };
}

/** Someone on duty takes the alert: it stops the clock, and says who is dealing with it. */
export async function takeAlert(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await repo.getAlert(trx, id);
    if (!row) throw new NotFoundError('Not found');
    if (row.closed_at) throw new Refusal<DutyRefusal>('closed');
    if (!(await repo.take(trx, id, actor.id, nowIso()))) throw new Refusal<DutyRefusal>('already-taken');
    await audit(trx, { actorId: actor.id, action: 'duty.alert-taken', subject: id });
  });
}

export interface Closing {
  actionTaken: string;
  release: 'withheld' | 'released';
  /** The de-identified words that may go back where they came from (when released). */
  releasedText: string;
}

/** Records what was done and closes the alert; only once it has been taken. */
export async function closeAlert(db: Db, actor: Actor, id: string, closing: Closing): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await repo.getAlert(trx, id);
    if (!row) throw new NotFoundError('Not found');
    if (row.closed_at) throw new Refusal<DutyRefusal>('closed');
    if (!row.taken_at) throw new Refusal<DutyRefusal>('not-taken');
    const released = closing.release === 'released';
    await repo.close(trx, id, { closed_by: actor.id, closed_at: nowIso(), action_taken: closing.actionTaken, release: closing.release, released_text: released ? closing.releasedText : null });
    await audit(trx, { actorId: actor.id, action: 'duty.alert-closed', subject: id, detail: { released } });
  });
}

/**
 * Escalates every alert nobody has taken after the configured minutes of opening time: a second
 * alert, ahead of everything else, to the duty contact and every lead. Safe on several instances
 * at once (each escalation is claimed before its mail is queued, in one transaction).
 */
export async function escalateOverdueAlerts(db: Db, config: Config, now = new Date()): Promise<number> {
  let escalated = 0;
  for (const row of await repo.untakenNotEscalated(db)) {
    if (openMinutesBetween(config.openingHours, new Date(row.raised_at), now) < config.dutyEscalateMinutes) continue;
    const done = await inTransaction(db, async (trx) => {
      if (!(await repo.markEscalated(trx, row.id, now.toISOString()))) return false;
      for (const to of await escalationList(trx, config)) {
        await queueMail(trx, {
          to,
          subject: 'Urgent: a duty check has not been taken',
          text: `Something sent to the service that may suggest someone is at risk has waited ${config.dutyEscalateMinutes} minutes of opening time in the duty queue without anyone taking it. It was received on ${londonTime(row.raised_at, config)}:\n${config.publicUrl}/duty/${row.id}\n\nSign in and take it now, or make sure someone on duty does. This message holds none of what was written.\n`,
          purpose: 'duty-escalation',
          priority: URGENT,
        });
      }
      // A text too, when GOV.UK Notify can send one: staff on call may be away from their mail.
      // Like the mail it holds none of what was written, and no link.
      if (config.dutyContactMobile && config.notify?.templates.sms) {
        await queueMail(trx, {
          channel: 'sms',
          to: config.dutyContactMobile,
          subject: '',
          text: `Urgent: a duty check has waited ${config.dutyEscalateMinutes} minutes of opening time without anyone taking it. Sign in to the duty queue and take it now, or make sure someone on duty does.`,
          purpose: 'duty-escalation',
          priority: URGENT,
        });
      }
      await audit(trx, { actorId: null, action: 'duty.alert-escalated', subject: row.id, detail: { minutes: config.dutyEscalateMinutes } });
      return true;
    });
    if (done) escalated += 1;
  }
  return escalated;
}

export type SourceState = { state: 'withheld' } | { state: 'released'; text: string };

/**
 * For a source feature: how each of its items stands in the duty procedure. An item in the
 * queue is withheld from everyone but the duty role until it is closed and released.
 */
export async function dutyStates(db: Conn, source: DutySource, sourceIds: readonly string[]): Promise<Map<string, SourceState>> {
  const rows = await repo.alertsFor(db, source, sourceIds);
  return new Map(rows.map((r) => [r.source_id, r.closed_at && r.release === 'released' && r.released_text ? { state: 'released', text: r.released_text } : { state: 'withheld' }]));
}

export const countOpenAlerts = repo.countOpen;
