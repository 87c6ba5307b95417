// What practitioners open: their caseload, a person's page (what matters to them first), an entry,
// and what the editor works on. Each look at a person's data is written to their access log.
import { nowIso, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { activeDisplayNames, displayNames } from '../../accounts/index.ts';
import { KIND_LABELS } from '../entry-kinds.ts';
import * as repo from '../repository.ts';
import { listProtectedNames, loadPriorities, parseJson } from './about-me.ts';
import { personForStaff, recordView, type PersonAccess } from './access.ts';
import { loadEntry, loadEntryPage, type Entry, type EntryResponse, type EntryView } from './entries.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface CaseloadPerson {
  id: string;
  displayName: string;
  /** From About me: null when they have not said. */
  nameToUse: string | null;
  pronouns: string[] | null;
  nameOnly: boolean;
  openCorrections: number;
  /** Entries whose current version kept words the language guard questioned, with a reason. */
  keptWarnings: number;
}

export type Caseload = Awaited<ReturnType<typeof caseloadOf>>;
export type PersonPage = Awaited<ReturnType<typeof personPage>>;

/** The people on a practitioner's caseload (by account name), and the time-limited access they hold. */
/**
 * A practitioner's caseload, and the time-limited access they hold. With `search`, only the
 * people on their own caseload whose name they use has the words: a search never reaches past
 * the caseload, and never matches a previous name.
 */
export async function caseloadOf(db: Db, practitionerId: string, search = '') {
  const [rows, grants] = await Promise.all([repo.listCaseload(db, practitionerId), repo.listActiveGrantsFor(db, practitionerId, nowIso())]);
  const [active, grantNames] = await Promise.all([activeDisplayNames(db, rows.map((r) => r.id)), displayNames(db, grants.map((g) => g.person_id))]);
  const found = search ? new Set(await repo.searchPeopleByName(db, search, rows.map((r) => r.id))) : undefined;
  const people = rows.filter((r) => active.has(r.id) && (!found || found.has(r.id))).sort((a, b) => byText(active.get(a.id)!, active.get(b.id)!));
  const ids = people.map((p) => p.id);
  const [openRows, keptRows] = await Promise.all([repo.openCorrectionCounts(db, ids), repo.keptWarningCounts(db, ids)]);
  const open = new Map(openRows.map((r) => [r.person_id, Number(r.n)]));
  const kept = new Map(keptRows.map((r) => [r.person_id, Number(r.n)]));
  return {
    people: people.map((r): CaseloadPerson => ({
      id: r.id,
      displayName: active.get(r.id)!,
      nameToUse: r.name_to_use,
      pronouns: r.pronouns ? parseJson<string[]>(r.pronouns, []) : null,
      nameOnly: r.name_only === 1,
      openCorrections: open.get(r.id) ?? 0,
      keptWarnings: kept.get(r.id) ?? 0,
    })),
    grants: grants.map((g) => ({ id: g.person_id, display_name: grantNames.get(g.person_id) ?? '', expires_at: g.expires_at, reason: g.reason })),
  };
}

/** A person's page for staff: About me and what matters to them, then a page of their record. The view is recorded. */
export async function personPage(db: Db, actor: Actor, personId: string, requestedPage: number | undefined) {
  const found = await personForStaff(db, actor, personId);
  const [priorities, names, record] = await Promise.all([
    loadPriorities(db, found.person.id),
    listProtectedNames(db, found.person.id),
    loadEntryPage(db, found.person.id, requestedPage),
  ]);
  await recordView(db, actor, found.person.id, 'About me and record', found.why);
  return { ...found, priorities, protectedNames: names.length, ...record };
}

/** An entry as staff who may write about the person see it, without recording a view. */
export async function staffEntry(db: Db, actor: Actor, personId: string, entryId: string): Promise<PersonAccess & { view: EntryView }> {
  const found = await personForStaff(db, actor, personId);
  return { ...found, view: await loadEntry(db, found.person.id, entryId) };
}

/** An entry as staff open it: the view is recorded. */
export async function viewStaffEntry(db: Db, actor: Actor, personId: string, entryId: string): Promise<PersonAccess & { view: EntryView }> {
  const found = await staffEntry(db, actor, personId, entryId);
  await recordView(db, actor, found.person.id, `${KIND_LABELS[found.view.entry.kind]}: ${found.view.entry.title}`, found.why);
  return found;
}

/** What the editor works on: the person, and the entry being changed or the open correction being answered. */
export interface EditorSubject extends PersonAccess {
  entry?: Entry;
  correction?: EntryResponse;
}

type Ids = { entryId?: string; correctionId?: string };
/** The subject with what was asked for: an entry when `entryId` is given, a correction when `correctionId` is. */
type SubjectFor<I extends Ids> = PersonAccess & (I extends { entryId: string } ? { entry: Entry } : unknown) & (I extends { correctionId: string } ? { correction: EntryResponse } : unknown);

/** NotFoundError unless this account may write about the person, the entry is theirs and the correction is still open. */
export async function editorSubject<I extends Ids = Record<never, never>>(db: Db, actor: Actor, personId: string, ids?: I): Promise<SubjectFor<I>>;
export async function editorSubject(db: Db, actor: Actor, personId: string, ids: Ids = {}): Promise<EditorSubject> {
  const found = await personForStaff(db, actor, personId);
  if (!ids.entryId) return found;
  const entry = await repo.getEntry(db, found.person.id, ids.entryId);
  if (!entry) throw new NotFoundError('Not found');
  if (!ids.correctionId) return { ...found, entry };
  const correction = await repo.getResponse(db, entry.id, ids.correctionId);
  if (!correction || correction.kind !== 'correction' || correction.status !== 'open') throw new NotFoundError('Not found');
  return { ...found, entry, correction };
}

/** The editor as staff open it: what they are about to write in, or change, or answer, is recorded as viewed. */
export async function openEditor<I extends Ids = Record<never, never>>(db: Db, actor: Actor, personId: string, ids?: I): Promise<SubjectFor<I>>;
export async function openEditor(db: Db, actor: Actor, personId: string, ids: Ids = {}): Promise<EditorSubject> {
  const subject: EditorSubject = await editorSubject(db, actor, personId, ids);
  const what = subject.correction
    ? `Correction request on: ${subject.entry!.title}`
    : subject.entry
      ? `${KIND_LABELS[subject.entry.kind]} (changing it): ${subject.entry.title}`
      : 'About me (writing in the record)';
  await recordView(db, actor, subject.person.id, what, subject.why);
  return subject;
}
