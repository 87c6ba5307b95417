// Page data for the record editor: what is being written (a new entry, a change, an answer to a
// correction) and, after a save the guard stopped, its findings marked in place. A previous name
// is never shown again, not even to the person who typed it. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { KIND_LABELS } from '../entry-kinds.ts';
import type { EntryFormValues } from '../forms/entries.ts';
import { entryFields, findingKey, markedSegments, withoutPreviousNames, type FieldFinding } from '../guard.ts';
import { pronounsText } from '../profile.ts';
import type { PersonSummary } from '../service/access.ts';
import type { Entry, EntryResponse, Stopped } from '../service/entries.ts';
import type { EntryKind } from '../tables.ts';

export interface EditorState {
  action: string;
  heading: string;
  kind: EntryKind;
  values: EntryFormValues;
  keep: Record<string, string>;
  correction?: EntryResponse;
  /** Changing an existing entry: ask what changed and why. */
  askReason?: boolean;
  /** The version of the entry the change is based on (a hidden field), to catch someone else's save. */
  baseRevision?: number;
}

export function newEntryState(personId: string, kind: EntryKind, values?: EntryFormValues, keep: Record<string, string> = {}): EditorState {
  return {
    action: `/people/${personId}/record?kind=${kind}`,
    heading: `New ${KIND_LABELS[kind].toLowerCase()}`,
    kind,
    values: values ?? { title: '', body: '', recipient: '', changeReason: '' },
    keep,
  };
}

export function changeState(personId: string, entry: Entry, values?: EntryFormValues, keep: Record<string, string> = {}, baseRevision = entry.revision): EditorState {
  return {
    action: `/people/${personId}/record/${entry.id}`,
    heading: `Change: ${entry.title}`,
    kind: entry.kind,
    values: values ?? { title: entry.title, body: entry.body, recipient: entry.recipient ?? '', changeReason: '' },
    keep,
    askReason: true,
    baseRevision,
  };
}

export function correctionState(personId: string, entry: Entry, correction: EntryResponse, values?: EntryFormValues, keep: Record<string, string> = {}, baseRevision = entry.revision): EditorState {
  return {
    action: `/people/${personId}/record/${entry.id}/corrections/${correction.id}`,
    heading: `Answer a correction request: ${entry.title}`,
    kind: entry.kind,
    values: values ?? { title: entry.title, body: entry.body, recipient: entry.recipient ?? '', changeReason: '', answer: '' },
    keep,
    correction,
    baseRevision,
  };
}

/** The editor page; `stopped` is what the guard found when it stopped a save, and `errors` all the page's errors. */
export function editorPage(state: EditorState, person: PersonSummary, stopped: Stopped | undefined, errors: FieldError[]) {
  const fields = entryFields({ kind: state.kind, ...state.values });
  let findings: Array<FieldFinding & { number: number; key: string; kept: string }> = [];
  const shown = { ...state.values };
  if (stopped) {
    findings = stopped.findings.map((f, i) => {
      const key = findingKey(fields[f.field] ?? '', f);
      return { ...f, number: i + 1, key, kept: state.keep[key] ?? '' };
    });
    for (const field of Object.keys(fields) as Array<'title' | 'body' | 'recipient'>) {
      shown[field] = withoutPreviousNames(state.values[field], findings.filter((f) => f.field === field));
    }
  }
  const marked = Object.fromEntries(Object.entries(fields).map(([field, t]) => [field, markedSegments(t, findings.filter((f) => f.field === field))]));
  return {
    pageTitle: state.heading,
    ...state,
    values: shown,
    person,
    pronouns: pronounsText(person.about),
    kindLabel: KIND_LABELS[state.kind],
    findings,
    // One reason field per distinct word and rule (the same word twice needs one reason).
    warnings: findings.filter((f, i) => f.severity === 'warn' && findings.findIndex((g) => g.key === f.key) === i),
    marked,
    ...formErrors(errors),
  };
}
