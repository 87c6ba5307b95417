// What waits in the record, for the home page and the header counts: for a person, letters to
// review, answers to their corrections and entries new since they last read them, and their
// data requests; for a practitioner, corrections to answer, letters the person has reviewed or
// objected to, their own entries kept despite a language warning, and people new to their
// caseload; for a lead, data-rights requests to answer. Reads only this feature's tables.
import type { Db } from '../../../platform/db/database.ts';
import { nowIso } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import type { WaitingItem } from '../../../platform/waiting.ts';
import { activeDisplayNames } from '../../accounts/index.ts';
import * as repo from '../repository.ts';

/** People added to a caseload this recently are "new" on the practitioner's home page. */
const NEW_TO_CASELOAD_DAYS = 14;

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Which of a person's entries are new to them: never opened, or changed since they last read them. */
export async function unreadEntryIds(db: Db, personId: string): Promise<Set<string>> {
  const [heads, reads] = await Promise.all([repo.entryHeads(db, personId), repo.readsOf(db, personId)]);
  return new Set(heads.filter((e) => (reads.get(e.id)?.revision ?? 0) < Number(e.revision)).map((e) => e.id));
}

export async function recordWaiting(db: Db, actor: Actor): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  if (actor.roles.has('person')) items.push(...(await forPerson(db, actor.id)));
  if (actor.roles.has('practitioner')) items.push(...(await forPractitioner(db, actor.id)));
  if (actor.roles.has('lead')) {
    const open = await repo.countOpenDataRequests(db);
    items.push({ group: 'Data rights', text: `${n(open, 'request', 'requests')} to correct or erase data ${open === 1 ? 'waits' : 'wait'} for an answer`, href: '/admin/data-requests', count: open, nav: '/admin/data-requests', action: true });
  }
  return items;
}

async function forPerson(db: Db, personId: string): Promise<WaitingItem[]> {
  const [heads, reads, answered, requests] = await Promise.all([repo.entryHeads(db, personId), repo.readsOf(db, personId), repo.answeredCorrections(db, personId), repo.listDataRequests(db, personId)]);
  const group = 'Your record';
  const items: WaitingItem[] = [];
  const toReview = heads.filter((e) => e.kind === 'letter' && e.letter_status === 'awaiting-review');
  const one = toReview.length === 1 ? toReview[0] : undefined;
  items.push({
    group,
    text: one ? `A letter is waiting for you to review: “${one.title}”` : `${toReview.length} letters are waiting for you to review`,
    href: one ? `/me/record/${one.id}` : '/me/record',
    count: toReview.length,
    nav: '/me/record',
    action: true,
  });
  // An answer is news until the person next opens the entry it is about.
  const newAnswers = answered.filter((c) => {
    const read = reads.get(c.entry_id);
    return !read || (c.answered_at !== null && c.answered_at > read.readAt);
  });
  const answeredEntry = newAnswers.length === 1 ? heads.find((e) => e.id === newAnswers[0]!.entry_id) : undefined;
  items.push({
    group,
    text: answeredEntry ? `Your correction request about “${answeredEntry.title}” has been answered` : `${newAnswers.length} of your correction requests have been answered`,
    href: answeredEntry ? `/me/record/${answeredEntry.id}#responses` : '/me/record',
    count: newAnswers.length,
    nav: '/me/record',
    action: true,
  });
  const unread = heads.filter((e) => (reads.get(e.id)?.revision ?? 0) < Number(e.revision) && !toReview.includes(e));
  items.push({ group, text: `${n(unread.length, 'entry is', 'entries are')} new or changed since you last read ${unread.length === 1 ? 'it' : 'them'}`, href: '/me/record', count: unread.length, nav: '/me/record', action: false });
  const open = requests.filter((r) => r.status === 'open').length;
  items.push({ group: 'Your data', text: `${n(open, 'request', 'requests')} to correct or erase your data ${open === 1 ? 'is' : 'are'} waiting for an answer`, href: '/me/requests', count: open, action: false });
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const answeredRequests = requests.filter((r) => r.status !== 'open' && r.answered_at !== null && r.answered_at > weekAgo).length;
  items.push({ group: 'Your data', text: `${n(answeredRequests, 'request', 'requests')} to correct or erase your data ${answeredRequests === 1 ? 'was' : 'were'} answered this week`, href: '/me/requests', count: answeredRequests, action: false });
  return items;
}

async function forPractitioner(db: Db, practitionerId: string): Promise<WaitingItem[]> {
  const [caseload, grants] = await Promise.all([repo.listCaseload(db, practitionerId), repo.listActiveGrantsFor(db, practitionerId, nowIso())]);
  const active = await activeDisplayNames(db, [...caseload.map((r) => r.id), ...grants.map((g) => g.person_id)]);
  const ids = [...active.keys()];
  const [corrections, letters, kept] = await Promise.all([repo.openCorrectionsAbout(db, ids), repo.lettersAnswered(db, ids), repo.entriesWithKeptWarnings(db, practitionerId, ids)]);
  const group = 'Your caseload';
  const items: WaitingItem[] = [];
  const onlyCorrection = corrections.length === 1 ? corrections[0]! : undefined;
  items.push({
    group,
    text: onlyCorrection ? `${active.get(onlyCorrection.person_id)} asked for a correction to answer` : `${corrections.length} correction requests are waiting for your answer`,
    href: onlyCorrection ? `/people/${onlyCorrection.person_id}/record/${onlyCorrection.entry_id}/corrections/${onlyCorrection.id}` : '/people',
    count: corrections.length,
    nav: '/people',
    action: true,
  });
  for (const status of ['objected', 'reviewed'] as const) {
    const these = letters.filter((l) => l.letter_status === status);
    const only = these.length === 1 ? these[0]! : undefined;
    const what = status === 'objected' ? 'asked you not to send it yet' : 'says it can be sent';
    items.push({
      group,
      text: only ? `${active.get(only.person_id)} ${what}: “${only.title}”` : `${these.length} letters: the person ${what}`,
      href: only ? `/people/${only.person_id}/record/${only.id}` : '/people',
      count: these.length,
      nav: '/people',
      action: true,
    });
  }
  const onlyKept = kept.length === 1 ? kept[0]! : undefined;
  items.push({
    group,
    text: onlyKept ? `Your entry “${onlyKept.title}” keeps words the language guard warned about` : `${kept.length} of your entries keep words the language guard warned about`,
    href: onlyKept ? `/people/${onlyKept.person_id}/record/${onlyKept.id}` : '/people',
    count: kept.length,
    action: false,
  });
  const since = new Date(Date.now() - NEW_TO_CASELOAD_DAYS * 86_400_000).toISOString();
  const fresh = caseload.filter((r) => r.added_at > since && active.has(r.id));
  items.push({
    group,
    text: fresh.length === 1 ? `${active.get(fresh[0]!.id)} is new to your caseload` : `${fresh.length} people are new to your caseload`,
    href: fresh.length === 1 ? `/people/${fresh[0]!.id}` : '/people',
    count: fresh.length,
    action: false,
  });
  return items;
}
