// Lets a feature learn, inside the writer's own transaction, that data it derives something from
// has changed, without the writer knowing who listens (so neither imports the other). Feedback
// announces `changed(trx, 'feedback')`; the insights feature, which keeps a snapshot of figures
// computed from feedback, listens and drops the snapshot in the same transaction, so the next
// reader sees the change however many instances run. Listeners are added by a feature's plugin;
// adding the same listener again does nothing.
import type { Conn } from './db/database.ts';

/** What can change: add a topic here when a feature announces a new kind of change. */
export type ChangeTopic = 'feedback';

type Listener = (db: Conn) => Promise<void>;

const listeners = new Map<ChangeTopic, Set<Listener>>();

export function onChange(topic: ChangeTopic, listener: Listener): void {
  const set = listeners.get(topic) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(topic, set);
}

/** Tells every listener, in the caller's transaction (or connection), that `topic` changed. */
export async function changed(db: Conn, topic: ChangeTopic): Promise<void> {
  for (const listener of listeners.get(topic) ?? []) await listener(db);
}
