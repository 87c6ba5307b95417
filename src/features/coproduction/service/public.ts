// What the public sees of the workspace: published pages and news posts (only a version a group
// decision approved is ever shown), and the news feed.
import type { Db } from '../../../platform/db/database.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import * as repo from '../repository/index.ts';
import type { DecisionTable, DocumentTable, DocumentVersionTable } from '../tables.ts';
import { namesAsSeen } from './people.ts';

export interface PublishedPage {
  document: DocumentTable;
  version: DocumentVersionTable;
  /** The decision that approved the version. */
  decision: DecisionTable | undefined;
  author: string;
}

/** The published version of the document at that address, when it is of one of these kinds; otherwise not found. */
export async function publishedDocument(db: Db, slug: string, kinds: readonly string[]): Promise<PublishedPage> {
  const document = await repo.getDocumentBySlug(db, slug);
  if (!document || !kinds.includes(document.kind) || !document.published_version_id) throw new NotFoundError();
  const version = await repo.getVersion(db, document.published_version_id);
  if (!version || !version.approved_by_decision_id) throw new NotFoundError();
  const decision = await repo.getDecision(db, version.approved_by_decision_id);
  const author = (await namesAsSeen(db, [version.created_by])).get(version.created_by) ?? '';
  return { document, version, decision, author };
}

export interface NewsPost {
  slug: string;
  title: string;
  summary: string;
  publishedAt: string;
  authorId: string;
  versionId: string;
}

/** The most recently published news posts. */
export async function recentNews(db: Db, limit: number): Promise<NewsPost[]> {
  const documents = (await repo.listDocuments(db, { kind: 'news-post', publishedOnly: true })).slice(0, limit);
  const posts: NewsPost[] = [];
  for (const d of documents) {
    const version = d.published_version_id ? await repo.getVersion(db, d.published_version_id) : undefined;
    if (version) posts.push({ slug: d.slug, title: version.title, summary: version.summary, publishedAt: d.published_at ?? version.published_at ?? '', authorId: version.created_by, versionId: version.id });
  }
  return posts;
}

/** The posts for the feed, with their authors' names. */
export async function newsFeed(db: Db, limit: number): Promise<{ posts: NewsPost[]; names: Map<string, string> }> {
  const posts = await recentNews(db, limit);
  return { posts, names: await namesAsSeen(db, posts.map((p) => p.authorId)) };
}
