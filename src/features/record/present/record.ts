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

function entryView(view: EntryView) {
  return { ...view, entry: labelled(view.entry) };
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
