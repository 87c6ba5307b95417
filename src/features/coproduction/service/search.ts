// Searching the workspace: what someone may find is exactly what they may read, by the same rules
// the pages keep (platform/policy.ts routePolicies):
// - anyone, signed in or not: the published version of each page and news post (what /pages/… and
//   /news/… show);
// - any signed-in account with a role: proposals too ('signed-in', as /coproduction/proposals);
// - group members and staff: every document too, drafts and letter templates included
//   ('group-or-staff', as /coproduction/documents), listed by its best-matching version.
// A version that is neither published nor readable as a draft is never counted or named.
import type { Db } from '../../../platform/db/database.ts';
import { routePolicies, type Actor } from '../../../platform/policy.ts';
import { DOCUMENT_KINDS, PAGE_KINDS, STAGES, publishedPath, type DocumentKind, type Stage } from '../model.ts';
import * as repo from '../repository/index.ts';

export interface WorkspaceHit {
  href: string;
  title: string;
  /** A line under the title: a page's summary, a proposal's problem. */
  summary: string;
  /** What it is, in words ("Published page", "Proposal, at co-design"…). */
  kind: string;
}

export interface WorkspaceResults {
  pages: WorkspaceHit[];
  proposals: WorkspaceHit[];
  drafts: WorkspaceHit[];
  /** Which kinds this searcher may find at all, so the page says what was searched. */
  searched: { proposals: boolean; drafts: boolean };
}

export async function searchWorkspace(db: Db, actor: Actor | null, text: string): Promise<WorkspaceResults> {
  const mayProposals = routePolicies['signed-in'](actor);
  const mayDrafts = routePolicies['group-or-staff'](actor);
  const [versionIds, proposalIds] = await Promise.all([repo.searchVersionIds(db, text), mayProposals ? repo.searchProposalIds(db, text) : Promise.resolve([])]);

  const versions = inOrder(versionIds, await repo.versionsByIds(db, versionIds));
  const documents = new Map((await repo.documentsByIds(db, [...new Set(versions.map((v) => v.document_id))])).map((d) => [d.id, d]));
  // A document is listed once: as published when its published version matched, otherwise (to
  // the group and staff only) by its best-matching other version.
  const isPublic = (v: (typeof versions)[number]) => {
    const doc = documents.get(v.document_id);
    // Exactly what /pages/… and /news/… show: the approved, published version of a page or post.
    return !!doc && doc.published_version_id === v.id && v.approved_by_decision_id !== null && (PAGE_KINDS.includes(doc.kind) || doc.kind === 'news-post');
  };
  const publishedMatched = new Set(versions.filter(isPublic).map((v) => v.document_id));
  const pages: WorkspaceHit[] = [];
  const drafts: WorkspaceHit[] = [];
  const listed = new Set<string>();
  for (const v of versions) {
    const doc = documents.get(v.document_id);
    if (!doc || listed.has(doc.id)) continue;
    if (isPublic(v)) {
      listed.add(doc.id);
      pages.push({ href: publishedPath(doc), title: v.title, summary: v.summary, kind: DOCUMENT_KINDS[doc.kind as DocumentKind] ?? 'Published page' });
    } else if (mayDrafts && !publishedMatched.has(doc.id)) {
      listed.add(doc.id);
      drafts.push({ href: `/coproduction/documents/${doc.id}?version=${v.number}`, title: v.title, summary: v.summary, kind: `${DOCUMENT_KINDS[doc.kind as DocumentKind] ?? 'Document'}, ${doc.published_version_id === v.id ? 'published' : v.published_at ? 'an earlier version' : 'a draft'} (version ${v.number})` });
    }
  }

  const proposals = inOrder(proposalIds, await repo.proposalsByIds(db, proposalIds)).map((p) => ({
    href: `/coproduction/proposals/${p.id}`,
    title: p.title,
    summary: p.problem,
    kind: `Proposal (stage: ${STAGES[p.stage as Stage] ?? p.stage})`,
  }));
  return { pages, proposals, drafts, searched: { proposals: mayProposals, drafts: mayDrafts } };
}

/** The rows in the order of the search's ids (best match first). */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): T[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...rows].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}
