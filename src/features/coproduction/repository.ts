// The coproduction workspace's tables. Only this file touches them.
import { randomUUID } from 'node:crypto';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import type { ProposalTable, EventTable, CommentTable, OptionTable, DecisionTable, ParticipantTable, BallotTable, AdviceTable, DocumentTable, DocumentVersionTable, DocumentCommentTable, CatalogueChangeTable, MeetingTable, AttendanceTable, MailPreferenceTable, DigestTable } from './tables.ts';

// Settings ---------------------------------------------------------------------------------

export const DEFAULT_QUORUM = { minGroup: 3, minSharePercent: 50 };

export async function getQuorum(db: Conn): Promise<{ minGroup: number; minSharePercent: number }> {
  const row = await db.selectFrom('coproduction_settings').selectAll().where('id', '=', 'default').executeTakeFirst();
  return row ? { minGroup: row.quorum_min_group, minSharePercent: row.quorum_min_share_percent } : { ...DEFAULT_QUORUM };
}

export async function setQuorum(db: Conn, quorum: { minGroup: number; minSharePercent: number }, actorId: string): Promise<void> {
  const values = { quorum_min_group: quorum.minGroup, quorum_min_share_percent: quorum.minSharePercent, updated_at: nowIso(), updated_by: actorId };
  const updated = await db.updateTable('coproduction_settings').set(values).where('id', '=', 'default').executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('coproduction_settings').values({ id: 'default', ...values }).execute();
}

// Accounts (names only, for display) ----------------------------------------------------------

export async function displayNames(db: Conn, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function accountsWithRole(db: Conn, role: string): Promise<Array<{ id: string; displayName: string; email: string }>> {
  const rows = await db
    .selectFrom('accounts')
    .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.display_name', 'accounts.email'])
    .where('account_roles.role', '=', role as never)
    .where('accounts.disabled_at', 'is', null)
    .orderBy('accounts.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email }));
}

// Proposals and their timeline ---------------------------------------------------------------

export async function insertProposal(db: Conn, row: Omit<ProposalTable, 'id' | 'created_at' | 'updated_at'> & { at?: string }): Promise<string> {
  const id = randomUUID();
  const at = row.at ?? nowIso();
  const { at: _at, ...values } = row;
  await db.insertInto('coproduction_proposals').values({ ...values, id, created_at: at, updated_at: at }).execute();
  return id;
}

export async function getProposal(db: Conn, id: string): Promise<ProposalTable | undefined> {
  return db.selectFrom('coproduction_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProposals(db: Conn, filter: { stage?: string; area?: string } = {}): Promise<ProposalTable[]> {
  let q = db.selectFrom('coproduction_proposals').selectAll();
  if (filter.stage) q = q.where('stage', '=', filter.stage);
  if (filter.area) q = q.where('area', '=', filter.area);
  return q.orderBy('updated_at', 'desc').limit(500).execute();
}

export async function setStage(db: Conn, id: string, stage: string, reason: string | null, at: string): Promise<void> {
  await db.updateTable('coproduction_proposals').set({ stage, not_adopted_reason: reason, updated_at: at }).where('id', '=', id).execute();
}

export async function touchProposal(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('coproduction_proposals').set({ updated_at: at }).where('id', '=', id).execute();
}

export async function addEvent(
  db: Conn,
  e: { proposalId: string; decisionId?: string | null; at: string; actorId: string | null; actorOrigin: string | null; kind: string; detail?: Record<string, string | number | boolean | null> },
): Promise<void> {
  await db
    .insertInto('coproduction_events')
    .values({ id: randomUUID(), proposal_id: e.proposalId, decision_id: e.decisionId ?? null, at: e.at, actor_id: e.actorId, actor_origin: e.actorOrigin, kind: e.kind, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export async function listEvents(db: Conn, proposalId: string): Promise<EventTable[]> {
  return db.selectFrom('coproduction_events').selectAll().where('proposal_id', '=', proposalId).orderBy('at').orderBy('id').execute();
}

// Comments -------------------------------------------------------------------------------------

export async function insertComment(db: Conn, row: Omit<CommentTable, 'id' | 'responded_by' | 'responded_at' | 'response_comment_id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_comments').values({ ...row, id, responded_by: null, responded_at: null, response_comment_id: null }).execute();
  return id;
}

export async function getComment(db: Conn, id: string): Promise<CommentTable | undefined> {
  return db.selectFrom('coproduction_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listComments(db: Conn, proposalId: string): Promise<CommentTable[]> {
  return db.selectFrom('coproduction_comments').selectAll().where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
}

export async function markResponded(db: Conn, commentId: string, by: string, at: string, responseId: string): Promise<void> {
  await db
    .updateTable('coproduction_comments')
    .set({ responded_by: by, responded_at: at, response_comment_id: responseId })
    .where('id', '=', commentId)
    .where('awaits_response', '=', 1)
    .where('responded_at', 'is', null)
    .execute();
}

export async function commentsAwaitingResponse(db: Conn): Promise<Array<CommentTable & { proposal_title: string }>> {
  return db
    .selectFrom('coproduction_comments')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_comments.proposal_id')
    .selectAll('coproduction_comments')
    .select('coproduction_proposals.title as proposal_title')
    .where('awaits_response', '=', 1)
    .where('responded_at', 'is', null)
    .orderBy('coproduction_comments.created_at')
    .execute();
}

// Options --------------------------------------------------------------------------------------

export async function insertOption(db: Conn, row: Omit<OptionTable, 'id' | 'position'>): Promise<string> {
  const id = randomUUID();
  const last = await db.selectFrom('coproduction_options').select((eb) => eb.fn.max('position').as('p')).where('proposal_id', '=', row.proposal_id).executeTakeFirst();
  await db.insertInto('coproduction_options').values({ ...row, id, position: Number(last?.p ?? 0) + 1 }).execute();
  return id;
}

export async function listOptions(db: Conn, proposalId: string): Promise<OptionTable[]> {
  return db.selectFrom('coproduction_options').selectAll().where('proposal_id', '=', proposalId).orderBy('position').execute();
}

// Decisions ------------------------------------------------------------------------------------

export async function insertDecision(db: Conn, row: Omit<DecisionTable, 'id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_decisions').values({ ...row, id }).execute();
  return id;
}

export async function getDecision(db: Conn, id: string): Promise<DecisionTable | undefined> {
  return db.selectFrom('coproduction_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDecisions(db: Conn, filter: { proposalId?: string; status?: string; publicOnly?: boolean } = {}): Promise<DecisionTable[]> {
  let q = db.selectFrom('coproduction_decisions').selectAll();
  if (filter.proposalId) q = q.where('proposal_id', '=', filter.proposalId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('opened_at', 'desc').execute();
}

/** Closed public decisions, most recently closed first, a page at a time, with their proposals' titles. */
export async function publicDecisionPage(db: Conn, page: { limit: number; offset: number }): Promise<{ rows: Array<DecisionTable & { proposal_title: string }>; total: number }> {
  const base = db.selectFrom('coproduction_decisions').where('public', '=', 1).where('status', '=', 'closed');
  const rows = await base
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_decisions.proposal_id')
    .selectAll('coproduction_decisions')
    .select('coproduction_proposals.title as proposal_title')
    .orderBy('coproduction_decisions.closed_at', 'desc')
    .orderBy('coproduction_decisions.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function closeDecisionRow(db: Conn, id: string, values: Pick<DecisionTable, 'closed_by' | 'closed_at' | 'outcome' | 'chosen_option_id' | 'summary' | 'quorum_met' | 'computed_level'>): Promise<boolean> {
  const r = await db.updateTable('coproduction_decisions').set({ ...values, status: 'closed' }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setClaimedLevel(db: Conn, id: string, level: string | null): Promise<void> {
  await db.updateTable('coproduction_decisions').set({ claimed_level: level }).where('id', '=', id).execute();
}

export async function setComputedLevel(db: Conn, id: string, level: string): Promise<void> {
  await db.updateTable('coproduction_decisions').set({ computed_level: level }).where('id', '=', id).execute();
}

export async function hasParticipated(db: Conn, decisionId: string, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('coproduction_participants').select('account_id').where('decision_id', '=', decisionId).where('account_id', '=', accountId).executeTakeFirst();
  return row !== undefined;
}

export async function insertParticipant(db: Conn, row: ParticipantTable): Promise<void> {
  await db.insertInto('coproduction_participants').values(row).execute();
}

export async function listParticipants(db: Conn, decisionId: string): Promise<ParticipantTable[]> {
  return db.selectFrom('coproduction_participants').selectAll().where('decision_id', '=', decisionId).orderBy('at').execute();
}

export async function insertBallot(db: Conn, row: Omit<BallotTable, 'id' | 'resolution' | 'resolved' | 'resolved_by' | 'resolved_at'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_ballots').values({ ...row, id, resolution: null, resolved: null, resolved_by: null, resolved_at: null }).execute();
  return id;
}

export async function listBallots(db: Conn, decisionId: string): Promise<BallotTable[]> {
  return db.selectFrom('coproduction_ballots').selectAll().where('decision_id', '=', decisionId).orderBy('cast_at').orderBy('id').execute();
}

export async function resolveObjection(db: Conn, ballotId: string, values: { resolution: string; resolved: number; by: string; at: string }): Promise<void> {
  await db
    .updateTable('coproduction_ballots')
    .set({ resolution: values.resolution, resolved: values.resolved, resolved_by: values.by, resolved_at: values.at })
    .where('id', '=', ballotId)
    .execute();
}

export async function getBallot(db: Conn, id: string): Promise<BallotTable | undefined> {
  return db.selectFrom('coproduction_ballots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAdvice(db: Conn, row: Omit<AdviceTable, 'id' | 'advice' | 'given_at'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_advice').values({ ...row, id, advice: null, given_at: null }).execute();
  return id;
}

export async function giveAdvice(db: Conn, id: string, advice: string, at: string): Promise<void> {
  await db.updateTable('coproduction_advice').set({ advice, given_at: at }).where('id', '=', id).execute();
}

export async function listAdvice(db: Conn, decisionId: string): Promise<AdviceTable[]> {
  return db.selectFrom('coproduction_advice').selectAll().where('decision_id', '=', decisionId).orderBy('sought_at').execute();
}

// Documents ------------------------------------------------------------------------------------

/** Inserts a document; undefined when another document already has the same web address (slug). */
export async function insertDocument(db: Conn, row: Omit<DocumentTable, 'id' | 'published_version_id' | 'published_at'>): Promise<string | undefined> {
  const id = randomUUID();
  const result = await db
    .insertInto('coproduction_documents')
    .values({ ...row, id, published_version_id: null, published_at: null })
    .onConflict((oc) => oc.column('slug').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? id : undefined;
}

export async function getDocument(db: Conn, id: string): Promise<DocumentTable | undefined> {
  return db.selectFrom('coproduction_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getDocumentBySlug(db: Conn, slug: string): Promise<DocumentTable | undefined> {
  return db.selectFrom('coproduction_documents').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function listDocuments(db: Conn, filter: { kind?: string; publishedOnly?: boolean; kinds?: string[] } = {}): Promise<DocumentTable[]> {
  let q = db.selectFrom('coproduction_documents').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.kinds) q = q.where('kind', 'in', filter.kinds);
  if (filter.publishedOnly) q = q.where('published_version_id', 'is not', null);
  return q.orderBy(filter.publishedOnly ? 'published_at' : 'created_at', 'desc').orderBy('id').execute();
}

export async function insertVersion(db: Conn, row: Omit<DocumentVersionTable, 'id' | 'number' | 'published_at' | 'published_by' | 'approved_by_decision_id'>): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const last = await db.selectFrom('coproduction_document_versions').select((eb) => eb.fn.max('number').as('n')).where('document_id', '=', row.document_id).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await db.insertInto('coproduction_document_versions').values({ ...row, id, number, published_at: null, published_by: null, approved_by_decision_id: null }).execute();
  return { id, number };
}

export async function getVersion(db: Conn, id: string): Promise<DocumentVersionTable | undefined> {
  return db.selectFrom('coproduction_document_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listVersions(db: Conn, documentId: string): Promise<DocumentVersionTable[]> {
  return db.selectFrom('coproduction_document_versions').selectAll().where('document_id', '=', documentId).orderBy('number', 'desc').execute();
}

/** The adopted, closed decision that approves exactly this version, if there is one. */
export async function approvingDecision(db: Conn, versionId: string): Promise<DecisionTable | undefined> {
  return db
    .selectFrom('coproduction_decisions')
    .selectAll()
    .where('document_version_id', '=', versionId)
    .where('status', '=', 'closed')
    .where('outcome', '=', 'adopted')
    .orderBy('closed_at', 'desc')
    .executeTakeFirst();
}

export async function markPublished(db: Conn, version: DocumentVersionTable, decisionId: string, by: string, at: string): Promise<void> {
  await db.updateTable('coproduction_document_versions').set({ published_at: at, published_by: by, approved_by_decision_id: decisionId }).where('id', '=', version.id).execute();
  await db.updateTable('coproduction_documents').set({ published_version_id: version.id, published_at: at }).where('id', '=', version.document_id).execute();
}

export async function insertDocumentComment(db: Conn, row: Omit<DocumentCommentTable, 'id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_document_comments').values({ ...row, id }).execute();
  return id;
}

export async function listDocumentComments(db: Conn, versionId: string): Promise<DocumentCommentTable[]> {
  return db.selectFrom('coproduction_document_comments').selectAll().where('version_id', '=', versionId).orderBy('paragraph').orderBy('created_at').execute();
}

// Catalogue changes ----------------------------------------------------------------------------

export async function insertCatalogueChange(db: Conn, row: Omit<CatalogueChangeTable, 'id'>): Promise<void> {
  await db.insertInto('coproduction_catalogue_changes').values({ ...row, id: randomUUID() }).execute();
}

export async function listCatalogueChanges(db: Conn, filter: { catalogue?: string; decisionId?: string } = {}): Promise<CatalogueChangeTable[]> {
  let q = db.selectFrom('coproduction_catalogue_changes').selectAll();
  if (filter.catalogue) q = q.where('catalogue', '=', filter.catalogue);
  if (filter.decisionId) q = q.where('decision_id', '=', filter.decisionId);
  return q.orderBy('at', 'desc').execute();
}

// Meetings -------------------------------------------------------------------------------------

export async function insertMeeting(db: Conn, row: Omit<MeetingTable, 'id'>): Promise<string> {
  const id = randomUUID();
  await db.insertInto('coproduction_meetings').values({ ...row, id }).execute();
  return id;
}

export async function getMeeting(db: Conn, id: string): Promise<MeetingTable | undefined> {
  return db.selectFrom('coproduction_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMeetings(db: Conn): Promise<MeetingTable[]> {
  return db.selectFrom('coproduction_meetings').selectAll().orderBy('held_on', 'desc').execute();
}

export async function setMinutes(db: Conn, id: string, minutes: string): Promise<void> {
  await db.updateTable('coproduction_meetings').set({ minutes }).where('id', '=', id).execute();
}

export async function setAgenda(db: Conn, meetingId: string, proposalIds: string[]): Promise<void> {
  await db.deleteFrom('coproduction_agenda_items').where('meeting_id', '=', meetingId).execute();
  if (proposalIds.length) {
    await db.insertInto('coproduction_agenda_items').values(proposalIds.map((proposal_id, i) => ({ meeting_id: meetingId, proposal_id, position: i + 1 }))).execute();
  }
}

export async function listAgenda(db: Conn, meetingId: string): Promise<Array<{ proposal_id: string; title: string; stage: string }>> {
  return db
    .selectFrom('coproduction_agenda_items')
    .innerJoin('coproduction_proposals', 'coproduction_proposals.id', 'coproduction_agenda_items.proposal_id')
    .select(['coproduction_agenda_items.proposal_id', 'coproduction_proposals.title', 'coproduction_proposals.stage'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function setAttendance(db: Conn, meetingId: string, rows: Array<{ accountId: string; minutes: number }>): Promise<void> {
  await db.deleteFrom('coproduction_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length) {
    await db.insertInto('coproduction_attendance').values(rows.map((r) => ({ meeting_id: meetingId, account_id: r.accountId, minutes_involved: r.minutes }))).execute();
  }
}

export async function listAttendance(db: Conn, meetingId: string): Promise<AttendanceTable[]> {
  return db.selectFrom('coproduction_attendance').selectAll().where('meeting_id', '=', meetingId).execute();
}

/** Involvement time per member per meeting, for recognition and payment. */
export async function involvementRows(db: Conn): Promise<Array<{ held_on: string; title: string; display_name: string; email: string; minutes_involved: number }>> {
  return db
    .selectFrom('coproduction_attendance')
    .innerJoin('coproduction_meetings', 'coproduction_meetings.id', 'coproduction_attendance.meeting_id')
    .innerJoin('accounts', 'accounts.id', 'coproduction_attendance.account_id')
    .select(['coproduction_meetings.held_on', 'coproduction_meetings.title', 'accounts.display_name', 'accounts.email', 'coproduction_attendance.minutes_involved'])
    .orderBy('coproduction_meetings.held_on')
    .orderBy('accounts.display_name')
    .execute();
}

// Mail preferences and digests -------------------------------------------------------------------

export async function getMailPreference(db: Conn, accountId: string): Promise<MailPreferenceTable | undefined> {
  return db.selectFrom('coproduction_mail_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function setMailPreference(db: Conn, row: MailPreferenceTable): Promise<void> {
  const { account_id, ...rest } = row;
  const r = await db.updateTable('coproduction_mail_preferences').set(rest).where('account_id', '=', account_id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('coproduction_mail_preferences').values(row).execute();
}

export async function listMailPreferences(db: Conn, digest: string): Promise<MailPreferenceTable[]> {
  return db.selectFrom('coproduction_mail_preferences').selectAll().where('digest', '=', digest).execute();
}

/** Claims the digest for this member and period; false when one was already claimed (by any instance). */
export async function claimDigest(db: Conn, row: DigestTable): Promise<boolean> {
  const result = await db
    .insertInto('coproduction_digests')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function countEventsSince(db: Conn, since: string, until: string, excludeActorId: string): Promise<number> {
  const row = await db
    .selectFrom('coproduction_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '>', since)
    .where('at', '<=', until)
    .where((eb) => eb.or([eb('actor_id', 'is', null), eb('actor_id', '!=', excludeActorId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Insight figures (for /insights) ----------------------------------------------------------------

/** Group comments that wait for a staff response, and how many got one. */
export async function staffResponseCounts(db: Conn, range: { from?: string; to?: string } = {}): Promise<{ awaiting: number; responded: number }> {
  let q = db
    .selectFrom('coproduction_comments')
    .select((eb) => [eb.fn.countAll<number>().as('awaiting'), eb.fn.count<number>('responded_at').as('responded')])
    .where('awaits_response', '=', 1);
  if (range.from) q = q.where('created_at', '>=', range.from);
  if (range.to) q = q.where('created_at', '<', range.to);
  const row = await q.executeTakeFirstOrThrow();
  return { awaiting: Number(row.awaiting), responded: Number(row.responded) };
}

/** Lived-experience accounts with any input (comment, option, ballot, advice, raised) in a range, each with their first input ever. */
export async function groupMemberActivity(db: Conn, range: { from: string; to: string }): Promise<Array<{ accountId: string; firstEverAt: string; activeInRange: boolean }>> {
  const rows = await db
    .selectFrom('coproduction_events')
    .select(['actor_id', (eb) => eb.fn.min('at').as('first_at')])
    .where('actor_origin', '=', 'lived-experience')
    .where('actor_id', 'is not', null)
    .groupBy('actor_id')
    .execute();
  const inRange = await db
    .selectFrom('coproduction_events')
    .select('actor_id')
    .distinct()
    .where('actor_origin', '=', 'lived-experience')
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .execute();
  const active = new Set(inRange.map((r) => r.actor_id));
  return rows.map((r) => ({ accountId: r.actor_id as string, firstEverAt: String(r.first_at), activeInRange: active.has(r.actor_id) }));
}

/** One member's own involvement: meetings attended and minutes given. */
export async function involvementFor(db: Conn, accountId: string): Promise<{ meetings: number; minutes: number }> {
  const row = await db
    .selectFrom('coproduction_attendance')
    .select((eb) => [eb.fn.countAll<number>().as('meetings'), eb.fn.sum<number>('minutes_involved').as('minutes')])
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { meetings: Number(row.meetings), minutes: Number(row.minutes ?? 0) };
}

/** Changes whenever a decision closes, a comment is made or answered, or anything joins a timeline (for /insights). */
export async function figuresWatermark(db: Conn): Promise<unknown> {
  return Promise.all([
    db.selectFrom('coproduction_decisions').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('closed_at').as('m')]).executeTakeFirst(),
    db.selectFrom('coproduction_comments').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count('responded_at').as('m')]).executeTakeFirst(),
    db.selectFrom('coproduction_events').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('m')]).executeTakeFirst(),
  ]);
}
