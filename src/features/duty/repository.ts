// The duty queue's rows. Only this file queries `duty_alerts`.
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../platform/db/database.ts';
import type { DutyAlertTable, DutySource } from './tables.ts';

export async function insertAlert(db: Conn, row: Pick<DutyAlertTable, 'source' | 'source_id' | 'person_id' | 'body' | 'suggested_release' | 'raised_at'>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('duty_alerts')
    .values({ ...row, id, taken_by: null, taken_at: null, escalated_at: null, closed_by: null, closed_at: null, action_taken: null, release: null, released_text: null })
    .execute();
  return id;
}

export function getAlert(db: Conn, id: string): Promise<DutyAlertTable | undefined> {
  return db.selectFrom('duty_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function openAlerts(db: Conn): Promise<DutyAlertTable[]> {
  return db.selectFrom('duty_alerts').selectAll().where('closed_at', 'is', null).orderBy('raised_at').orderBy('id').execute();
}

export function recentlyClosed(db: Conn, limit: number): Promise<DutyAlertTable[]> {
  return db.selectFrom('duty_alerts').selectAll().where('closed_at', 'is not', null).orderBy('closed_at', 'desc').limit(limit).execute();
}

export async function countOpen(db: Conn): Promise<{ open: number; untaken: number }> {
  const row = await db
    .selectFrom('duty_alerts')
    .select((eb) => [eb.fn.countAll<number>().as('open'), eb.fn.sum<number>(eb.case().when('taken_at', 'is', null).then(1).else(0).end()).as('untaken')])
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), untaken: Number(row.untaken ?? 0) };
}

/** Marks the alert taken; false when someone took it first (or it is closed). */
export async function take(db: Conn, id: string, by: string, at: string): Promise<boolean> {
  const result = await db.updateTable('duty_alerts').set({ taken_by: by, taken_at: at }).where('id', '=', id).where('taken_at', 'is', null).where('closed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function close(db: Conn, id: string, values: Pick<DutyAlertTable, 'closed_by' | 'closed_at' | 'action_taken' | 'release' | 'released_text'>): Promise<boolean> {
  const result = await db.updateTable('duty_alerts').set(values).where('id', '=', id).where('closed_at', 'is', null).where('taken_at', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Alerts nobody has taken and that have not escalated yet, oldest first. */
export function untakenNotEscalated(db: Conn): Promise<DutyAlertTable[]> {
  return db.selectFrom('duty_alerts').selectAll().where('taken_at', 'is', null).where('closed_at', 'is', null).where('escalated_at', 'is', null).orderBy('raised_at').execute();
}

/** Claims the escalation; false when another instance escalated it first. */
export async function markEscalated(db: Conn, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('duty_alerts').set({ escalated_at: at }).where('id', '=', id).where('escalated_at', 'is', null).where('taken_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** For the sources: which of their items are in the queue, and how each stands. */
export function alertsFor(db: Conn, source: DutySource, sourceIds: readonly string[]) {
  if (!sourceIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_alerts').select(['id', 'source_id', 'closed_at', 'release', 'released_text']).where('source', '=', source).where('source_id', 'in', [...sourceIds]).execute();
}
