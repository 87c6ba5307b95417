// Page data for the shared record: lists of entries a page at a time, an entry with its history
// (as the person reads it and as staff do), and who has looked. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { paginationFor, type Page } from '../../../platform/paging.ts';
import { KIND_LABELS } from '../entry-kinds.ts';
import type { AccessLog, PersonSummary } from '../service/access.ts';
import type { Entry, EntryView } from '../service/entries.ts';

/** An entry with what its kind is called. */
export const labelled = <E extends Entry>(entry: E) => ({ ...entry, kindLabel: KIND_LABELS[entry.kind] });

/** What the entry list partial needs: one page of entries, the count and the page links. */
export function entryList(record: { entries: Entry[]; page: Page; total: number }, hrefFor: (n: number) => string) {
  return { entries: record.entries.map(labelled), entryTotal: record.total, entryPage: record.page, entryPagination: paginationFor(record.page, hrefFor) };
}

export function myRecordPage(record: { entries: Entry[]; page: Page; total: number }) {
  return {
    pageTitle: record.page.number > 1 ? `My record (page ${record.page.number} of ${record.page.pages})` : 'My record',
    ...entryList(record, (n) => `/me/record?page=${n}`),
  };
}

export interface KeptSegment {
  text: string;
  /** The kept words: the reason they stayed, and who kept them, shown beside them. */
  kept?: { reason: string; number: number };
}

/**
 * The current text of an entry in paragraphs (as `paragraphs` in text.njk shows it), with the
 * words kept against a warning marked where they are, each pointing to its reason. Kept
 * warnings of older entries carry no position: they are listed, not marked.
 */
export function keptParagraphs(text: string, kept: ReadonlyArray<{ start?: number; end?: number; field?: string; words?: string }>): KeptSegment[][] {
  const marks = kept
    .map((k, i) => ({ ...k, number: i + 1 }))
    .filter((k): k is typeof k & { start: number; end: number } => k.field === 'body' && k.start !== undefined && k.end !== undefined && text.slice(k.start, k.end) === k.words)
    .sort((a, b) => a.start - b.start);
  const paragraphs: KeptSegment[][] = [];
  let offset = 0;
  for (const para of text.split('\n\n')) {
    const end = offset + para.length;
    const segments: KeptSegment[] = [];
    let at = offset;
    for (const m of marks) {
      if (m.start < at || m.end > end) continue;
      if (m.start > at) segments.push({ text: text.slice(at, m.start) });
      segments.push({ text: text.slice(m.start, m.end), kept: { reason: (kept[m.number - 1] as { reason?: string }).reason ?? '', number: m.number } });
      at = m.end;
    }
    if (at < end) segments.push({ text: text.slice(at, end) });
    if (para.trim()) paragraphs.push(segments);
    offset = end + 2;
  }
  return paragraphs;
}

function entryView(view: EntryView) {
  const current = view.revisions.find((r) => r.revision === view.entry.revision);
  const kept = current?.kept ?? [];
  return {
    ...view,
    entry: labelled(view.entry),
    keptBody: keptParagraphs(view.entry.body, kept),
    // Each kept word once, with its line and reason, beside the text (not only in the history).
    keptList: kept.map((k, i) => ({ number: i + 1, words: k.words ?? '', line: k.line, reason: k.reason, message: k.message, author: current?.author ?? '' })),
  };
}

export function myEntryPage(view: EntryView, values: Record<string, string> = {}, errors: FieldError[] = []) {
  return { pageTitle: view.entry.title, ...entryView(view), values, ...formErrors(errors) };
}

export function staffEntryPage(person: PersonSummary, view: EntryView, values: Record<string, string> = {}, errors: FieldError[] = []) {
  return { pageTitle: view.entry.title, person, ...entryView(view), values, ...formErrors(errors) };
}

export function accessLogPage(data: AccessLog, now: string) {
  return { pageTitle: 'Who has looked at your record', log: data.log, grants: data.grants, now };
}
