// Documents, their versions and paragraph comments, and the decision that approves a version
// (the publish gate).
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';
import type { DecisionTable, DocumentCommentTable, DocumentTable, DocumentVersionTable } from '../tables.ts';

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
    // Only a decision the group took part in approves anything (see closeDecision).
    .where('quorum_met', '=', 1)
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

/** Every decision naming this version, whatever its state. */
export async function decisionsOnVersion(db: Conn, versionId: string): Promise<DecisionTable[]> {
  return db.selectFrom('coproduction_decisions').selectAll().where('document_version_id', '=', versionId).execute();
}

/** Versions not yet published, that a new decision could approve: by document title, newest version first. */
export async function unpublishedVersions(db: Conn, limit: number): Promise<Array<{ id: string; number: number; title: string }>> {
  return db
    .selectFrom('coproduction_document_versions')
    .innerJoin('coproduction_documents', 'coproduction_documents.id', 'coproduction_document_versions.document_id')
    .select(['coproduction_document_versions.id', 'coproduction_document_versions.number', 'coproduction_documents.title'])
    .where('coproduction_document_versions.published_at', 'is', null)
    .orderBy('coproduction_documents.title')
    .orderBy('coproduction_document_versions.number', 'desc')
    .limit(limit)
    .execute();
}
