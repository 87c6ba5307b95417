// Page data for documents: the list, the form to start one, a document's page (the version shown,
// paragraph by paragraph with its comments, the publish gate, the language guide's findings), and
// what the public sees: a published page or news post, the news list and its Atom feed. Pure.
import type { Config } from '../../../platform/config.ts';
import { atomFeed } from '../../../platform/formats/atom.ts';
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { DOCUMENT_KINDS, METHODS, paragraphs, publishedPath, type DocumentKind, type Method } from '../model.ts';
import type { DocumentView } from '../service/documents.ts';
import type { WritingFinding } from '../service/language-check.ts';
import type { NewsPost, PublishedPage } from '../service/public.ts';
import type { DocumentTable } from '../tables.ts';
import { errorData, labelledFindings, subNav, type FormState } from './common.ts';

const kindLabel = (kind: string) => DOCUMENT_KINDS[kind as DocumentKind];

export function documentsPage(documents: DocumentTable[], actor: Actor | null) {
  return {
    pageTitle: 'Documents',
    subNav: subNav('/coproduction/documents', actor),
    documents: documents.map((d) => ({ ...d, kindLabel: kindLabel(d.kind), path: publishedPath(d) })),
  };
}

export function newDocumentPage(actor: Actor | null, values: Record<string, string>, errors?: FieldError[], findings: WritingFinding[] = []) {
  return {
    pageTitle: 'Start a document',
    subNav: subNav('/coproduction/documents', actor),
    values,
    kindItems: Object.entries(DOCUMENT_KINDS).map(([value, t]) => ({ value, text: t, checked: values.kind === value })),
    findings: labelledFindings(findings),
    ...errorData(errors),
  };
}

/** A document's page. `findings` are the check of text just sent, shown instead of the saved version's. */
export function documentPage(view: DocumentView, actor: Actor | null, forms: FormState & { findings?: WritingFinding[] } = {}) {
  const { document, version, names } = view;
  return {
    pageTitle: document.title,
    subNav: subNav('/coproduction/documents', actor),
    document: { ...document, kindLabel: kindLabel(document.kind), path: publishedPath(document) },
    version: { ...version, authorName: names.get(version.created_by) },
    versions: view.versions.map((v) => ({ ...v, authorName: names.get(v.created_by) })),
    paragraphs: paragraphs(version.body).map((p, i) => ({ index: i, text: p, comments: view.comments.filter((c) => c.paragraph === i).map((c) => ({ ...c, authorName: names.get(c.author_id) })) })),
    approving: view.approving,
    decisionsOnVersion: view.decisionsOnVersion.map((d) => ({ ...d, methodLabel: METHODS[d.method as Method] })),
    findings: labelledFindings(forms.findings ?? view.findings ?? []),
    form: forms.form,
    values: forms.values ?? { title: version.title, summary: version.summary, body: version.body },
    ...errorData(forms.errors),
  };
}

export function publishedPage(page: PublishedPage, news: { recent: NewsPost[] } | null) {
  const data = { pageTitle: page.version.title, page: { ...page, paragraphs: paragraphs(page.version.body) } };
  return news ? { ...data, news: true, recent: news.recent } : { ...data, news: false };
}

export function newsPage(posts: NewsPost[]) {
  return { pageTitle: 'News', posts };
}

export function newsFeedXml(feed: { posts: NewsPost[]; names: Map<string, string> }, config: Pick<Config, 'publicUrl' | 'serviceName'>): string {
  const base = config.publicUrl.replace(/\/$/, '');
  return atomFeed({
    id: `${base}/news`,
    title: `${config.serviceName}: news`,
    selfUrl: `${base}/news/feed.xml`,
    siteUrl: `${base}/news`,
    updated: feed.posts[0]?.publishedAt ?? new Date(0).toISOString(),
    entries: feed.posts.map((p) => ({
      id: `urn:uuid:${p.versionId}`, title: p.title, url: `${base}/news/${p.slug}`, updated: p.publishedAt, published: p.publishedAt, summary: p.summary, author: feed.names.get(p.authorId) ?? config.serviceName,
    })),
  });
}
