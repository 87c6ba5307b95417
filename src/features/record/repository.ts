// About me, priorities, previous-name hashes, caseloads, the shared record, access grants, the
// access log and data-rights requests. Only this file touches these tables, and it touches no
// other: names, roles and addresses come from the accounts feature, through the services.
import { randomUUID } from 'node:crypto';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import { searchIndex } from '../../platform/db/search.ts';
import type { AboutMeTable, PreviousNameTable, RecordEntryTable, RecordRevisionTable, CorrectionStatus, RecordResponseTable, AccessGrantTable, AccessLogTable, DataRequestTable } from './tables.ts';

/** For each person, how many of their entries are at a version that kept warned words with a reason. */
export function keptWarningCounts(db: Conn, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .selectFrom('record_revisions')
    .innerJoin('record_entries', (join) => join.onRef('record_entries.id', '=', 'record_revisions.entry_id').onRef('record_entries.revision', '=', 'record_revisions.revision'))
    .select(['record_revisions.person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('record_revisions.person_id', 'in', personIds)
    .where('record_revisions.kept_warnings', '<>', '[]')
    .groupBy('record_revisions.person_id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// About me and contact safety

export function getAboutMe(db: Conn, accountId: string) {
  return db.selectFrom('about_me').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function saveAboutMe(db: Conn, row: Omit<AboutMeTable, 'updated_at'>): Promise<void> {
  const values = { ...row, updated_at: nowIso() };
  await db
    .insertInto('about_me')
    .values(values)
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...values }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The priorities-of-care catalogue, changed by adopted Coproduction Group decisions (the
// workspace's catalogue.ts decides and records them; these only write the rows)

export function getCarePriority(db: Conn, id: string) {
  return db.selectFrom('care_priorities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCarePriority(db: Conn, row: { id: string; label: string; description: string }): Promise<void> {
  const last = await db.selectFrom('care_priorities').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
  await db.insertInto('care_priorities').values({ ...row, sort_order: Number(last?.n ?? 0) + 1, active: 1 }).execute();
}

export async function updateCarePriority(db: Conn, id: string, values: { label?: string; description?: string; active?: number }): Promise<void> {
  await db.updateTable('care_priorities').set(values).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Previous names (keyed hashes only)

export function listPreviousNames(db: Conn, accountId: string) {
  return db.selectFrom('previous_names').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
}

export async function addPreviousName(db: Conn, row: Omit<PreviousNameTable, 'id' | 'created_at'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('previous_names').values({ ...row, id, created_at: nowIso() }).execute();
  return id;
}

export async function removePreviousName(db: Conn, accountId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('previous_names').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Priorities of care

export function listCatalogue(db: Conn) {
  return db.selectFrom('care_priorities').selectAll().where('active', '=', 1).orderBy('sort_order').execute();
}

export function listPersonPriorities(db: Conn, accountId: string) {
  return db
    .selectFrom('person_priorities')
    .innerJoin('care_priorities', 'care_priorities.id', 'person_priorities.priority_id')
    .select(['person_priorities.priority_id', 'person_priorities.rank', 'person_priorities.own_words', 'person_priorities.updated_at', 'care_priorities.label'])
    .where('person_priorities.account_id', '=', accountId)
    .orderBy('person_priorities.rank')
    .execute();
}

export async function replacePersonPriorities(db: Conn, accountId: string, items: Array<{ priorityId: string; rank: number; ownWords: string | null }>): Promise<void> {
  await db.deleteFrom('person_priorities').where('account_id', '=', accountId).execute();
  if (!items.length) return;
  const now = nowIso();
  await db
    .insertInto('person_priorities')
    .values(items.map((i) => ({ account_id: accountId, priority_id: i.priorityId, rank: i.rank, own_words: i.ownWords, updated_at: now })))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Caseload and access

export async function onCaseload(db: Conn, practitionerId: string, personId: string): Promise<boolean> {
  const row = await db.selectFrom('caseload').select('person_id').where('practitioner_id', '=', practitionerId).where('person_id', '=', personId).executeTakeFirst();
  return row !== undefined;
}

export async function addToCaseload(db: Conn, practitionerId: string, personId: string, addedBy: string | null): Promise<void> {
  await db
    .insertInto('caseload')
    .values({ practitioner_id: practitionerId, person_id: personId, added_at: nowIso(), added_by: addedBy })
    .onConflict((oc) => oc.columns(['practitioner_id', 'person_id']).doNothing())
    .execute();
}

/** The people on a practitioner's caseload, with what About me says of their name and pronouns. */
export function listCaseload(db: Conn, practitionerId: string) {
  return db
    .selectFrom('caseload')
    .leftJoin('about_me', 'about_me.account_id', 'caseload.person_id')
    .select(['caseload.person_id as id', 'about_me.name_to_use', 'about_me.pronouns', 'about_me.name_only', 'caseload.added_at'])
    .where('caseload.practitioner_id', '=', practitionerId)
    .execute();
}

export function activeGrant(db: Conn, practitionerId: string, personId: string, now: string) {
  return db
    .selectFrom('access_grants')
    .selectAll()
    .where('practitioner_id', '=', practitionerId)
    .where('person_id', '=', personId)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}

export async function addGrant(db: Conn, row: Omit<AccessGrantTable, 'id' | 'granted_at'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('access_grants').values({ ...row, id, granted_at: nowIso() }).execute();
  return id;
}

export function listActiveGrantsFor(db: Conn, practitionerId: string, now: string) {
  return db
    .selectFrom('access_grants')
    .select(['person_id', 'expires_at', 'reason'])
    .where('practitioner_id', '=', practitionerId)
    .where('expires_at', '>', now)
    .execute();
}

export function listGrantsAbout(db: Conn, personId: string) {
  return db
    .selectFrom('access_grants')
    .select(['id', 'practitioner_id', 'reason', 'granted_at', 'expires_at'])
    .where('person_id', '=', personId)
    .orderBy('granted_at', 'desc')
    .execute();
}

export async function logAccess(db: Conn, row: Omit<AccessLogTable, 'id' | 'at'>): Promise<void> {
  await db.insertInto('access_log').values({ ...row, id: randomUUID(), at: nowIso() }).execute();
}

export function listAccessLog(db: Conn, personId: string) {
  return db
    .selectFrom('access_log')
    .select(['id', 'viewer_id', 'viewer_role', 'what', 'why', 'at'])
    .where('person_id', '=', personId)
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The shared record

/** A person's entries, most recently changed first; one page of them when `page` is given. */
export function listEntries(db: Conn, personId: string, page?: { limit: number; offset: number }) {
  let query = db.selectFrom('record_entries').selectAll().where('person_id', '=', personId).orderBy('updated_at', 'desc').orderBy('id');
  if (page) query = query.limit(page.limit).offset(page.offset);
  return query.execute();
}

/** How many entries a person has, and how many are letters waiting for their review. */
export async function countEntries(db: Conn, personId: string): Promise<{ total: number; awaitingReview: number }> {
  const row = await db
    .selectFrom('record_entries')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when('letter_status', '=', 'awaiting-review').then(1).else(0).end()).as('awaiting')])
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), awaitingReview: Number(row.awaiting ?? 0) };
}

/** Whose record an entry is in, so access can be decided before anything of it is read. */
export async function personOfEntry(db: Conn, entryId: string): Promise<string | undefined> {
  const row = await db.selectFrom('record_entries').select('person_id').where('id', '=', entryId).executeTakeFirst();
  return row?.person_id;
}

export function getEntry(db: Conn, personId: string, entryId: string) {
  return db.selectFrom('record_entries').selectAll().where('id', '=', entryId).where('person_id', '=', personId).executeTakeFirst();
}

export function listRevisions(db: Conn, entryId: string) {
  return db
    .selectFrom('record_revisions')
    .select(['revision', 'title', 'body', 'recipient', 'change_reason', 'kept_warnings', 'created_at', 'author_id'])
    .where('entry_id', '=', entryId)
    .orderBy('revision', 'desc')
    .execute();
}

export async function insertEntry(db: Conn, row: Omit<RecordEntryTable, 'created_at' | 'updated_at'>): Promise<void> {
  const now = nowIso();
  await db.insertInto('record_entries').values({ ...row, created_at: now, updated_at: now }).execute();
}

export async function updateEntry(db: Conn, entryId: string, changes: Partial<Omit<RecordEntryTable, 'id' | 'person_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('record_entries').set({ ...changes, updated_at: nowIso() }).where('id', '=', entryId).execute();
}

/** Updates an entry only if it is still at the revision the change was based on; false if not. */
export async function updateEntryAtRevision(db: Conn, entryId: string, expectedRevision: number, changes: Partial<Omit<RecordEntryTable, 'id' | 'person_id' | 'created_at'>>): Promise<boolean> {
  const result = await db.updateTable('record_entries').set({ ...changes, updated_at: nowIso() }).where('id', '=', entryId).where('revision', '=', expectedRevision).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRevision(db: Conn, row: Omit<RecordRevisionTable, 'id' | 'created_at'>): Promise<void> {
  await db.insertInto('record_revisions').values({ ...row, id: randomUUID(), created_at: nowIso() }).execute();
}

export function listResponses(db: Conn, entryId: string) {
  return db.selectFrom('record_responses').selectAll().where('entry_id', '=', entryId).orderBy('created_at').execute();
}

export async function insertResponse(db: Conn, row: Omit<RecordResponseTable, 'id' | 'created_at' | 'answer' | 'answered_by' | 'answered_at' | 'answer_revision'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('record_responses').values({ ...row, id, answer: null, answered_by: null, answered_at: null, answer_revision: null, created_at: nowIso() }).execute();
  return id;
}

export function getResponse(db: Conn, entryId: string, responseId: string) {
  return db.selectFrom('record_responses').selectAll().where('id', '=', responseId).where('entry_id', '=', entryId).executeTakeFirst();
}

/** Answers a correction that is still open; false if it was answered already. */
export async function answerCorrection(db: Conn, responseId: string, answer: { status: CorrectionStatus; answer: string; answeredBy: string; answerRevision: number | null }): Promise<boolean> {
  const result = await db
    .updateTable('record_responses')
    .set({ status: answer.status, answer: answer.answer, answered_by: answer.answeredBy, answered_at: nowIso(), answer_revision: answer.answerRevision })
    .where('id', '=', responseId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open correction requests on each of these entries. */
export async function openCorrectionsByEntry(db: Conn, entryIds: string[]): Promise<Map<string, number>> {
  if (!entryIds.length) return new Map();
  const rows = await db
    .selectFrom('record_responses')
    .select(['entry_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('entry_id', 'in', entryIds)
    .where('kind', '=', 'correction')
    .where('status', '=', 'open')
    .groupBy('entry_id')
    .execute();
  return new Map(rows.map((r) => [r.entry_id, Number(r.n)]));
}

export function openCorrectionCounts(db: Conn, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .selectFrom('record_responses')
    .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('person_id', 'in', personIds)
    .where('kind', '=', 'correction')
    .where('status', '=', 'open')
    .groupBy('person_id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Data-rights requests

export async function insertDataRequest(db: Conn, row: Pick<DataRequestTable, 'person_id' | 'kind' | 'detail'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('data_requests').values({ ...row, id, status: 'open', answer: null, answered_by: null, answered_at: null, created_at: nowIso() }).execute();
  return id;
}

/** Data-rights requests, newest first: everyone's (for the lead), or one person's. */
export function listDataRequests(db: Conn, personId?: string) {
  let q = db.selectFrom('data_requests').selectAll().orderBy('created_at', 'desc');
  if (personId) q = q.where('person_id', '=', personId);
  return q.execute();
}

export function getDataRequest(db: Conn, id: string) {
  return db.selectFrom('data_requests').select(['id', 'person_id']).where('id', '=', id).executeTakeFirst();
}

export async function answerDataRequest(db: Conn, id: string, answer: { status: 'done' | 'refused'; answer: string; answeredBy: string }): Promise<boolean> {
  const result = await db
    .updateTable('data_requests')
    .set({ status: answer.status, answer: answer.answer, answered_by: answer.answeredBy, answered_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Caseload administration (the lead assigns people; it reads no record)

export function listAllCaseloads(db: Conn) {
  return db.selectFrom('caseload').select(['practitioner_id', 'person_id', 'added_at']).execute();
}

export async function removeFromCaseload(db: Conn, practitionerId: string, personId: string): Promise<boolean> {
  const result = await db.deleteFrom('caseload').where('practitioner_id', '=', practitionerId).where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Measures for /insights (through index.ts): the spread of what matters most, never by person

export async function prioritySpread(db: Conn) {
  const priorities = await db.selectFrom('care_priorities').select(['id', 'label']).where('active', '=', 1).orderBy('sort_order').execute();
  const ranks = await db
    .selectFrom('person_priorities')
    .select(['priority_id', 'rank', (eb) => eb.fn.countAll<number>().as('people')])
    .where('rank', '<=', 3)
    .groupBy(['priority_id', 'rank'])
    .execute();
  const people = await db.selectFrom('person_priorities').select((eb) => eb.fn.count<number>('account_id').distinct().as('n')).executeTakeFirstOrThrow();
  return { priorities, ranks: ranks.map((r) => ({ priorityId: r.priority_id, rank: Number(r.rank), people: Number(r.people) })), people: Number(people.n) };
}

/** Changes whenever anyone's priorities change. */
export async function prioritiesWatermark(db: Conn): Promise<unknown> {
  return db.selectFrom('person_priorities').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('m')]).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// What waits: the versions the person has read, and what their home pages count

/** Records that the person has read this version of an entry (anything newer is new to them). */
export async function markRead(db: Conn, personId: string, entryId: string, revision: number): Promise<void> {
  const values = { person_id: personId, entry_id: entryId, revision, read_at: nowIso() };
  await db
    .insertInto('record_reads')
    .values(values)
    .onConflict((oc) => oc.columns(['person_id', 'entry_id']).doUpdateSet({ revision, read_at: values.read_at }))
    .execute();
}

/** The version of each of a person's entries they last read, and when. */
export async function readsOf(db: Conn, personId: string): Promise<Map<string, { revision: number; readAt: string }>> {
  const rows = await db.selectFrom('record_reads').select(['entry_id', 'revision', 'read_at']).where('person_id', '=', personId).execute();
  return new Map(rows.map((r) => [r.entry_id, { revision: Number(r.revision), readAt: r.read_at }]));
}

/** Every entry of a person, briefly: what the home page and the "new" markers need. */
export function entryHeads(db: Conn, personId: string) {
  return db.selectFrom('record_entries').select(['id', 'kind', 'title', 'revision', 'letter_status', 'updated_at']).where('person_id', '=', personId).execute();
}

/** A person's correction requests that have been answered, with when. */
export function answeredCorrections(db: Conn, personId: string) {
  return db
    .selectFrom('record_responses')
    .select(['id', 'entry_id', 'status', 'answered_at'])
    .where('person_id', '=', personId)
    .where('kind', '=', 'correction')
    .where('status', '!=', 'open')
    .execute();
}

/** Open correction requests about any of these people, oldest first. */
export function openCorrectionsAbout(db: Conn, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .selectFrom('record_responses')
    .select(['id', 'entry_id', 'person_id', 'created_at'])
    .where('person_id', 'in', personIds)
    .where('kind', '=', 'correction')
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
}

/** Letters about any of these people that the person has reviewed or objected to, not yet sent. */
export function lettersAnswered(db: Conn, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .selectFrom('record_entries')
    .select(['id', 'person_id', 'title', 'letter_status'])
    .where('person_id', 'in', personIds)
    .where('kind', '=', 'letter')
    .where('letter_status', 'in', ['reviewed', 'objected'])
    .orderBy('updated_at')
    .execute();
}

/** Entries by this author whose current version kept words the language guard warned about. */
export function entriesWithKeptWarnings(db: Conn, authorId: string, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .selectFrom('record_entries')
    .innerJoin('record_revisions', (join) => join.onRef('record_revisions.entry_id', '=', 'record_entries.id').onRef('record_revisions.revision', '=', 'record_entries.revision'))
    .select(['record_entries.id', 'record_entries.person_id', 'record_entries.title'])
    .where('record_entries.person_id', 'in', personIds)
    .where('record_revisions.author_id', '=', authorId)
    .where('record_revisions.kept_warnings', '!=', '[]')
    .execute();
}

/** How many data-rights requests wait for an answer (for the lead). */
export async function countOpenDataRequests(db: Conn): Promise<number> {
  const row = await db.selectFrom('data_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The practitioners a person is with (for "Your data"). */
export function practitionersOf(db: Conn, personId: string) {
  return db.selectFrom('caseload').select(['practitioner_id', 'added_at']).where('person_id', '=', personId).execute();
}

/** Everything a person has said in response to their record, oldest first. */
export function responsesBy(db: Conn, personId: string) {
  return db.selectFrom('record_responses').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

/** Of these people, those whose name they use (About me) has the words, best first. Never a previous name: none is indexed. */
export async function searchPeopleByName(db: Conn, text: string, within: readonly string[]): Promise<string[]> {
  return (await searchIndex(db, 'record_people_search', text, { within })).map((h) => h.id);
}
