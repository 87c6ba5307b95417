// Coproduced documents and the publish gate (/coproduction/documents), the public pages and news
// they become (/pages/:slug, /news, /news/:slug, /news/feed.xml), and public decisions.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, text, type FieldError, type FormErrors } from '../../platform/forms.ts';
import { NotFoundError } from '../../platform/policy.ts';
import { atomFeed } from '../../platform/formats/atom.ts';
import { commentOnParagraph, createDocument, paragraphs, publishedPath, publishVersion, PublishRefused, saveVersion, SLUG_PATTERN, slugify } from './documents.ts';
import { findingsFor, type WritingCheck } from './language-guard.ts';
import { LEVEL_LABELS, type ParticipationLevel } from './participation.ts';
import { displayNames } from '../accounts/index.ts';
import * as repo from './repository/index.ts';
import { errorsFrom, inTransaction, subNav } from './route-helpers.ts';
import { DocumentBody, DocumentQuery, IdParams, PageQuery, ParagraphCommentBody, SlugParams, VersionBody, VersionParams } from './schemas.ts';
import * as service from './service.ts';
import { DOCUMENT_KINDS, METHODS, type DocumentKind, type Method } from './service.ts';

const PUBLIC_KINDS = ['web-page', 'leaflet', 'policy'];

function versionErrors(values: { title: string; summary: string; body: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Enter a title' });
  else if (values.title.length > 200) errors.push({ field: 'title', message: 'The title must be 200 characters or fewer' });
  if (!values.summary) errors.push({ field: 'summary', message: 'Enter a one-sentence summary' });
  else if (values.summary.length > 500) errors.push({ field: 'summary', message: 'The summary must be 500 characters or fewer' });
  if (!values.body) errors.push({ field: 'body', message: 'Enter the text' });
  else if (values.body.length > 40_000) errors.push({ field: 'body', message: 'The text must be 40,000 characters or fewer' });
  return errors;
}

function checkErrors(check: WritingCheck): FormErrors {
  return formErrors(
    check.findings.filter((f) => f.severity === 'block').map((f) => ({ field: 'body', message: `Line ${f.line}: ${f.message}. Change this before saving.` })),
  );
}

export default async function documentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/coproduction/documents', { config: { policy: 'group-or-staff' } }, async (request, reply) => {
    const documents = await repo.listDocuments(db);
    return reply.view('coproduction/views/documents.njk', {
      pageTitle: 'Documents',
      subNav: subNav('/coproduction/documents', request.actor),
      documents: documents.map((d) => ({ ...d, kindLabel: DOCUMENT_KINDS[d.kind as DocumentKind], path: publishedPath(d) })),
    });
  });

  const renderNew = (reply: FastifyReply, request: FastifyRequest, values: Record<string, string>, errors: FormErrors | null = null, check: WritingCheck | null = null) =>
    reply.code(errors ? 400 : 200).view('coproduction/views/document-new.njk', {
      pageTitle: 'Start a document',
      subNav: subNav('/coproduction/documents', request.actor),
      values,
      kindItems: Object.entries(DOCUMENT_KINDS).map(([value, t]) => ({ value, text: t, checked: values.kind === value })),
      findings: check?.findings ?? [],
      ...(errors ?? {}),
    });

  app.get('/coproduction/documents/new', { config: { policy: 'group-or-staff' } }, async (request, reply) => renderNew(reply, request, {}));

  app.post('/coproduction/documents', { config: { policy: 'group-or-staff' }, schema: { body: DocumentBody } }, async (request, reply) => {
    const values = { kind: text(request.body, 'kind'), title: text(request.body, 'title'), slug: text(request.body, 'slug'), summary: text(request.body, 'summary'), body: text(request.body, 'body') };
    const errors: FieldError[] = [];
    if (!Object.hasOwn(DOCUMENT_KINDS, values.kind)) errors.push({ field: 'kind', message: 'Choose what kind of document it is' });
    errors.push(...versionErrors(values));
    const slug = values.slug || slugify(values.title);
    if (values.title && !SLUG_PATTERN.test(slug)) errors.push({ field: 'slug', message: 'Enter a web address using lower-case letters, numbers and hyphens' });
    if (errors.length) return renderNew(reply, request, values, formErrors(errors));
    try {
      const result = await inTransaction(db, (trx) => createDocument(trx, request.actor!, { ...values, kind: values.kind as DocumentKind, slug }));
      // The language guard blocked the first version: nothing but the check's counts was kept.
      if (!result.id) return renderNew(reply, request, values, checkErrors(result.check), result.check);
      request.session.flash = result.check.findings.length ? `Version 1 saved, with ${result.check.findings.length} language ${result.check.findings.length === 1 ? 'suggestion' : 'suggestions'} to look at` : 'Version 1 saved';
      return reply.redirect(`/coproduction/documents/${result.id}`, 303);
    } catch (error) {
      const errs = errorsFrom(error);
      if (!errs) throw error;
      return renderNew(reply, request, values, errs);
    }
  });

  async function documentPage(request: FastifyRequest, reply: FastifyReply, id: string, versionNumber: number | null, forms: { form?: string; values?: Record<string, string>; errors?: FormErrors | null; findings?: WritingCheck['findings']; status?: number } = {}) {
    const document = await repo.getDocument(db, id);
    if (!document) throw new NotFoundError();
    const versions = await repo.listVersions(db, id);
    const version = versionNumber ? versions.find((v) => v.number === versionNumber) : versions[0];
    if (!version) throw new NotFoundError();
    const comments = await repo.listDocumentComments(db, version.id);
    const approving = await repo.approvingDecision(db, version.id);
    const decisionsOnVersion = await repo.decisionsOnVersion(db, version.id);
    const names = await displayNames(db, [...versions.map((v) => v.created_by), ...comments.map((c) => c.author_id)]);
    const findings = forms.findings ?? (await findingsFor(db, `${version.title}\n\n${version.summary}\n\n${version.body}`));
    return reply.code(forms.status ?? (forms.errors ? 400 : 200)).view('coproduction/views/document.njk', {
      pageTitle: document.title,
      subNav: subNav('/coproduction/documents', request.actor),
      document: { ...document, kindLabel: DOCUMENT_KINDS[document.kind as DocumentKind], path: publishedPath(document) },
      version: { ...version, authorName: names.get(version.created_by) },
      versions: versions.map((v) => ({ ...v, authorName: names.get(v.created_by) })),
      paragraphs: paragraphs(version.body).map((p, i) => ({ index: i, text: p, comments: comments.filter((c) => c.paragraph === i).map((c) => ({ ...c, authorName: names.get(c.author_id) })) })),
      approving,
      decisionsOnVersion: decisionsOnVersion.map((d) => ({ ...d, methodLabel: METHODS[d.method as Method] })),
      findings,
      form: forms.form,
      values: forms.values ?? { title: version.title, summary: version.summary, body: version.body },
      ...(forms.errors ?? {}),
    });
  }

  app.get('/coproduction/documents/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, querystring: DocumentQuery } }, async (request, reply) => {
    const n = request.query.version ? Number(request.query.version) : null;
    if (n !== null && (!Number.isInteger(n) || n < 1)) throw new NotFoundError();
    return documentPage(request, reply, request.params.id, n);
  });

  app.post('/coproduction/documents/:id/versions', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: VersionBody } }, async (request, reply) => {
    if (!(await repo.getDocument(db, request.params.id))) throw new NotFoundError();
    const values = { title: text(request.body, 'title'), summary: text(request.body, 'summary'), body: text(request.body, 'body') };
    const errors = versionErrors(values);
    if (errors.length) return documentPage(request, reply, request.params.id, null, { form: 'version', values, errors: formErrors(errors) });
    const result = await inTransaction(db, (trx) => saveVersion(trx, request.actor!, request.params.id, values));
    if (!result.version) return documentPage(request, reply, request.params.id, null, { form: 'version', values, errors: checkErrors(result.check), findings: result.check.findings });
    request.session.flash = `Version ${result.version.number} saved${result.check.findings.length ? `, with ${result.check.findings.length} language ${result.check.findings.length === 1 ? 'suggestion' : 'suggestions'} to look at` : ''}`;
    return reply.redirect(`/coproduction/documents/${request.params.id}`, 303);
  });

  app.post('/coproduction/documents/:id/versions/:versionId/comments', { config: { policy: 'group-or-staff' }, schema: { params: VersionParams, body: ParagraphCommentBody } }, async (request, reply) => {
    const version = await repo.getVersion(db, request.params.versionId);
    if (!version || version.document_id !== request.params.id) throw new NotFoundError();
    const paragraph = Number(text(request.body, 'paragraph'));
    const body = text(request.body, 'body');
    try {
      if (body.length > 5000) throw new service.WorkspaceError(`comment-${paragraph}`, 'Your comment must be 5000 characters or fewer');
      await inTransaction(db, (trx) => commentOnParagraph(trx, request.actor!, version.id, paragraph, body));
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return documentPage(request, reply, request.params.id, version.number, { form: `comment-${paragraph}`, values: { [`comment-${paragraph}`]: body }, errors });
    }
    request.session.flash = `Your comment on paragraph ${paragraph + 1} has been added`;
    return reply.redirect(`/coproduction/documents/${request.params.id}?version=${version.number}#paragraph-${paragraph + 1}`, 303);
  });

  app.post('/coproduction/documents/:id/versions/:versionId/publish', { config: { policy: 'group-or-staff' }, schema: { params: VersionParams } }, async (request, reply) => {
    const version = await repo.getVersion(db, request.params.versionId);
    if (!version || version.document_id !== request.params.id) throw new NotFoundError();
    try {
      await inTransaction(db, (trx) => publishVersion(trx, request.actor!, version.id));
    } catch (error) {
      if (!(error instanceof PublishRefused)) throw error;
      return documentPage(request, reply, request.params.id, version.number, { form: 'publish', errors: formErrors([{ field: 'publish', message: error.message }]), status: 409 });
    }
    const document = (await repo.getDocument(db, request.params.id))!;
    request.session.flash = document.kind === 'letter-template' ? `Version ${version.number} is now the letter template in use` : `Version ${version.number} is published at ${publishedPath(document)}`;
    return reply.redirect(`/coproduction/documents/${request.params.id}?version=${version.number}`, 303);
  });

  // Public pages ----------------------------------------------------------------------------

  async function published(slug: string, kinds: string[]) {
    const document = await repo.getDocumentBySlug(db, slug);
    if (!document || !kinds.includes(document.kind) || !document.published_version_id) return null;
    const version = await repo.getVersion(db, document.published_version_id);
    if (!version || !version.approved_by_decision_id) return null;
    const decision = await repo.getDecision(db, version.approved_by_decision_id);
    const author = (await displayNames(db, [version.created_by])).get(version.created_by) ?? '';
    return { document, version, decision, author, paragraphs: paragraphs(version.body) };
  }

  app.get('/pages/:slug', { config: { policy: 'public' }, schema: { params: SlugParams } }, async (request, reply) => {
    const page = await published(request.params.slug, PUBLIC_KINDS);
    if (!page) throw new NotFoundError();
    return reply.view('coproduction/views/published.njk', { pageTitle: page.version.title, page, news: false });
  });

  async function recentNews(limit: number) {
    const documents = (await repo.listDocuments(db, { kind: 'news-post', publishedOnly: true })).slice(0, limit);
    const posts = [];
    for (const d of documents) {
      const version = d.published_version_id ? await repo.getVersion(db, d.published_version_id) : undefined;
      if (version) posts.push({ slug: d.slug, title: version.title, summary: version.summary, publishedAt: d.published_at ?? version.published_at ?? '', authorId: version.created_by, versionId: version.id });
    }
    return posts;
  }

  app.get('/news', { config: { policy: 'public' } }, async (_request, reply) => {
    const posts = await recentNews(100);
    return reply.view('coproduction/views/news.njk', { pageTitle: 'News', posts });
  });

  app.get('/news/feed.xml', { config: { policy: 'public' } }, async (_request, reply) => {
    const posts = await recentNews(50);
    const names = await displayNames(db, posts.map((p) => p.authorId));
    const base = config.publicUrl.replace(/\/$/, '');
    const xml = atomFeed({
      id: `${base}/news`,
      title: `${config.serviceName}: news`,
      selfUrl: `${base}/news/feed.xml`,
      siteUrl: `${base}/news`,
      updated: posts[0]?.publishedAt ?? new Date(0).toISOString(),
      entries: posts.map((p) => ({ id: `urn:uuid:${p.versionId}`, title: p.title, url: `${base}/news/${p.slug}`, updated: p.publishedAt, published: p.publishedAt, summary: p.summary, author: names.get(p.authorId) ?? config.serviceName })),
    });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  app.get('/news/:slug', { config: { policy: 'public' }, schema: { params: SlugParams } }, async (request, reply) => {
    const page = await published(request.params.slug, ['news-post']);
    if (!page) throw new NotFoundError();
    const recent = (await recentNews(6)).filter((p) => p.slug !== page.document.slug).slice(0, 5);
    return reply.view('coproduction/views/published.njk', { pageTitle: page.version.title, page, news: true, recent });
  });

  // Public decisions --------------------------------------------------------------------------

  const PAGE_SIZE = 50;
  app.get('/coproduction/decisions', { config: { policy: 'public' }, schema: { querystring: PageQuery } }, async (request, reply) => {
    const pageNumber = Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1);
    const { rows, total } = await repo.publicDecisionPage(db, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
    const decisions = [];
    for (const d of rows) {
      // Stored when the decision closed, from the same evidence; computed again if missing.
      const level = (d.computed_level as ParticipationLevel | null) ?? (await service.computedLevel(db, d.id));
      decisions.push({ id: d.id, question: d.question, summary: d.summary, closedAt: d.closed_at, outcome: d.outcome, proposalTitle: d.proposal_title, level, levelLabel: LEVEL_LABELS[level], claimedLabel: d.claimed_level ? LEVEL_LABELS[d.claimed_level as ParticipationLevel] : null, methodLabel: METHODS[d.method as Method] });
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    return reply.view('coproduction/views/public-decisions.njk', {
      pageTitle: pageNumber > 1 ? `Coproduction decisions (page ${pageNumber} of ${pages})` : 'Coproduction decisions',
      subNav: request.actor ? subNav('/coproduction/decisions', request.actor) : null,
      decisions,
      total,
      previous: pageNumber > 1 ? { href: `/coproduction/decisions?page=${pageNumber - 1}`, text: 'Newer decisions' } : null,
      next: pageNumber < pages ? { href: `/coproduction/decisions?page=${pageNumber + 1}`, text: 'Older decisions' } : null,
    });
  });

  app.get('/coproduction/history', { config: { policy: 'public' } }, async (request, reply) => {
    const changes = await repo.listCatalogueChanges(db);
    const decisions = new Map<string, { question: string; public: boolean }>();
    for (const c of changes) {
      if (decisions.has(c.decision_id)) continue;
      const d = await repo.getDecision(db, c.decision_id);
      if (d) decisions.set(d.id, { question: d.question, public: d.public === 1 });
    }
    return reply.view('coproduction/views/history.njk', {
      pageTitle: 'How the language guide and priorities of care have changed',
      subNav: request.actor ? subNav('/coproduction/decisions', request.actor) : null,
      changes: changes.map((c) => ({ ...c, decision: decisions.get(c.decision_id), catalogueLabel: c.catalogue === 'language-guide' ? 'Language guide' : 'Priorities of care' })),
    });
  });

  app.get('/coproduction/decisions/:id', { config: { policy: 'public' }, schema: { params: IdParams } }, async (request, reply) => {
    const d = await repo.getDecision(db, request.params.id);
    if (!d || d.public !== 1 || d.status !== 'closed') throw new NotFoundError();
    const p = (await repo.getProposal(db, d.proposal_id))!;
    const evidence = await service.decisionEvidence(db, d.id);
    const level = (await service.computedLevel(db, d.id));
    const t = await service.tally(db, d);
    const shown = service.shownResults(d, t, 'public');
    const options = await repo.listOptions(db, p.id);
    const chosen = options.find((o) => o.id === d.chosen_option_id);
    const version = d.document_version_id ? await repo.getVersion(db, d.document_version_id) : undefined;
    const document = version ? await repo.getDocument(db, version.document_id) : undefined;
    return reply.view('coproduction/views/public-decision.njk', {
      pageTitle: d.question,
      subNav: request.actor ? subNav('/coproduction/decisions', request.actor) : null,
      decision: { ...d, methodLabel: METHODS[d.method as Method] },
      proposal: p,
      evidence,
      level, levelLabel: LEVEL_LABELS[level],
      claimedLabel: d.claimed_level ? LEVEL_LABELS[d.claimed_level as ParticipationLevel] : null,
      shown,
      chosenTitle: chosen?.title,
      publishedDocument: document?.published_version_id === version?.id && document ? { title: document.title, path: publishedPath(document) } : null,
      changes: await repo.listCatalogueChanges(db, { decisionId: d.id }),
    });
  });
}
