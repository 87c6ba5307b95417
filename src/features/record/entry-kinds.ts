// The kinds of entry in the shared record, and what each is called (on pages, and in the words
// of the access log the person reads).
import type { EntryKind } from './tables.ts';

export const KINDS: readonly EntryKind[] = ['note', 'letter', 'care-plan'];

export const KIND_LABELS: Record<EntryKind, string> = { note: 'Note', letter: 'Letter', 'care-plan': 'Care plan' };

/** The kind a `?kind=` asks for; a note when it names none we know. */
export function kindFrom(requested: string | undefined): EntryKind {
  return (KINDS as readonly string[]).includes(requested ?? '') ? (requested as EntryKind) : 'note';
}
