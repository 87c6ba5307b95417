// Page data for the record editor: what is being written (a new entry, a change, an answer to a
// correction) and, after a save the guard stopped, its findings marked in place. A previous name
// is never shown again, not even to the person who typed it. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { KIND_LABELS } from '../entry-kinds.ts';
import type { EntryFormValues } from '../forms/entries.ts';
import { fixLabels, fixScope, offeredFixes, signFixes } from '../fixes.ts';
import { NAME_REMOVED, entryFields, findingKey, markedSegments, withoutPreviousNames, type FieldFinding } from '../guard.ts';
import { pronounsText } from '../profile.ts';
import type { PersonSummary } from '../service/access.ts';
import { KEEP_WHY_WORDS, type Entry, type EntryResponse, type KeepWhy, type Stopped } from '../service/entries.ts';
import { SEVERITY_LABELS } from '../../language/index.ts';
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
  /** The reason chosen from the list to keep warned words, by finding key. */
  keepWhy?: Record<string, KeepWhy>;
  /** Which editor this is, for the one-click fixes it offers (`fixScope`). */
  scope: string;
}

export function newEntryState(personId: string, kind: EntryKind, values?: EntryFormValues, keep: Record<string, string> = {}): EditorState {
  return {
    action: `/people/${personId}/record?kind=${kind}`,
    scope: fixScope(personId),
    heading: `New ${KIND_LABELS[kind].toLowerCase()}`,
    kind,
    values: values ?? { title: '', body: '', recipient: '', changeReason: '' },
    keep,
  };
}

export function changeState(personId: string, entry: Entry, values?: EntryFormValues, keep: Record<string, string> = {}, baseRevision = entry.revision, keepWhy: Record<string, KeepWhy> = {}): EditorState {
  return {
    keepWhy,
    action: `/people/${personId}/record/${entry.id}`,
    scope: fixScope(personId, entry.id),
    heading: `Change: ${entry.title}`,
    kind: entry.kind,
    values: values ?? { title: entry.title, body: entry.body, recipient: entry.recipient ?? '', changeReason: '' },
    keep,
    askReason: true,
    baseRevision,
  };
}

export function correctionState(personId: string, entry: Entry, correction: EntryResponse, values?: EntryFormValues, keep: Record<string, string> = {}, baseRevision = entry.revision, keepWhy: Record<string, KeepWhy> = {}): EditorState {
  return {
    keepWhy,
    action: `/people/${personId}/record/${entry.id}/corrections/${correction.id}`,
    scope: fixScope(personId, entry.id),
    heading: `Answer a correction request: ${entry.title}`,
    kind: entry.kind,
    values: values ?? { title: entry.title, body: entry.body, recipient: entry.recipient ?? '', changeReason: '', answer: '' },
    keep,
    correction,
    baseRevision,
  };
}

/** What the editor needs to offer one-click fixes: the secret they are signed with and what the last fix changed. */
export interface FixOffer {
  secret: string;
  done?: string;
}

/**
 * The editor page; `stopped` is what the guard found when it stopped a save (or checked the text
 * again after a fix), and `errors` all the page's errors. With `offer`, each finding the guard
 * can fix safely gets a button, and the fixes offered travel signed in the form.
 */
export function editorPage(state: EditorState, person: PersonSummary, stopped: Stopped | undefined, errors: FieldError[], offer?: FixOffer) {
  const fields = entryFields({ kind: state.kind, ...state.values });
  const fixes = stopped && offer ? offeredFixes(fields, stopped.findings) : [];
  const labels = fixLabels(fixes);
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
  const fieldWords: Record<string, string> = { title: 'title', recipient: 'recipient', body: 'text' };
  // Each finding listed once: the same words found by the same rule are one item (one reason keeps them all).
  const items = findings
    .filter((f, i) => findings.findIndex((g) => g.key === f.key) === i)
    .map((f) => {
      const same = findings.filter((g) => g.key === f.key);
      const lines = [...new Set(same.map((g) => g.line))];
      const words = f.category === 'previous-name' ? NAME_REMOVED : (fields[f.field] ?? '').slice(f.start, f.end);
      const why = state.keepWhy?.[f.key];
      return {
        key: f.key,
        severity: f.severity,
        severityLabel: SEVERITY_LABELS[f.severity],
        label: `“${words}”, ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}${f.field === 'body' ? '' : ` of the ${fieldWords[f.field] ?? f.field}`}`,
        message: f.message,
        reason: f.severity !== 'block' ? f.reason : '',
        suggestions: f.category === 'previous-name' ? [] : f.suggestions,
        fixes: fixes.flatMap((x, index) => (findings[x.finding]?.key === f.key ? [{ index, text: labels[index]! }] : [])),
        kept: state.keep[f.key] ?? '',
        keepItems: (['someone-else', 'quoted', 'asked', 'other'] as const).map((value) => ({
          value,
          text: value === 'other' ? 'Another reason (write it out in a sentence)' : KEEP_WHY_WORDS[value],
          checked: why === value || (value === 'other' && !why && Boolean(state.keep[f.key])),
        })),
      };
    });
  return {
    pageTitle: state.heading,
    ...state,
    values: shown,
    person,
    pronouns: pronounsText(person.about),
    kindLabel: KIND_LABELS[state.kind],
    findings,
    items,
    severityLabels: SEVERITY_LABELS,
    marked,
    fixCount: fixes.length,
    fixToken: fixes.length && offer ? signFixes(offer.secret, state.scope, fixes.map(({ finding: _, ...x }) => x)) : '',
    ...(offer?.done ? { flash: offer.done } : {}),
    ...formErrors(errors),
  };
}
