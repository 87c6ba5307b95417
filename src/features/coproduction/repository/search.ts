// Full-text search of the workspace (migrations/20261215T1601_coproduction_search.ts): the ids in
// each index that match, best first, and the rows they stand for.
import type { Conn } from '../../../platform/db/database.ts';
import { searchIndex } from '../../../platform/db/search.ts';
import type { DocumentTable, DocumentVersionTable, ProposalTable } from '../tables.ts';

export async function searchProposalIds(db: Conn, text: string): Promise<string[]> {
  return (await searchIndex(db, 'coproduction_proposal_search', text, { limit: 100 })).map((h) => h.id);
}

export async function searchVersionIds(db: Conn, text: string): Promise<string[]> {
  return (await searchIndex(db, 'coproduction_page_search', text, { limit: 200 })).map((h) => h.id);
}

export async function proposalsByIds(db: Conn, ids: readonly string[]): Promise<ProposalTable[]> {
  if (!ids.length) return [];
  return db.selectFrom('coproduction_proposals').selectAll().where('id', 'in', [...ids]).execute();
}

export async function versionsByIds(db: Conn, ids: readonly string[]): Promise<Array<Pick<DocumentVersionTable, 'id' | 'document_id' | 'number' | 'title' | 'summary' | 'published_at' | 'approved_by_decision_id'>>> {
  if (!ids.length) return [];
  return db.selectFrom('coproduction_document_versions').select(['id', 'document_id', 'number', 'title', 'summary', 'published_at', 'approved_by_decision_id']).where('id', 'in', [...ids]).execute();
}

export async function documentsByIds(db: Conn, ids: readonly string[]): Promise<DocumentTable[]> {
  if (!ids.length) return [];
  return db.selectFrom('coproduction_documents').selectAll().where('id', 'in', [...ids]).execute();
}
