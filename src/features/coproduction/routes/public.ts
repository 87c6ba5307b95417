// What anyone can read, signed in or not: published pages (/pages/:slug), news and its Atom feed
// (/news, /news/:slug, /news/feed.xml), the public decisions (/coproduction/decisions) and how the
// language guide and priorities of care have changed (/coproduction/history).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { PAGE_KINDS } from '../model.ts';
import { publicDecisionPage, publicDecisionsPage, historyPage } from '../present/decisions.ts';
import { newsFeedXml, newsPage, publishedPage } from '../present/documents.ts';
import { IdParams, PageQuery, SlugParams } from '../schemas.ts';
import { catalogueHistory, publicDecisionList, publicDecisionView } from '../service/decision-view.ts';
import { newsFeed, publishedDocument, recentNews } from '../service/public.ts';

export default async function publicRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/pages/:slug', { config: { policy: 'public' }, schema: { params: SlugParams } }, async (request, reply) =>
    reply.view('coproduction/views/published.njk', publishedPage(await publishedDocument(db, request.params.slug, PAGE_KINDS), null)),
  );

  app.get('/news', { config: { policy: 'public' } }, async (_request, reply) => reply.view('coproduction/views/news.njk', newsPage(await recentNews(db, 100))));

  app.get('/news/feed.xml', { config: { policy: 'public' } }, async (_request, reply) =>
    reply.type('application/atom+xml; charset=utf-8').send(newsFeedXml(await newsFeed(db, 50), config)),
  );

  app.get('/news/:slug', { config: { policy: 'public' }, schema: { params: SlugParams } }, async (request, reply) => {
    const page = await publishedDocument(db, request.params.slug, ['news-post']);
    const recent = (await recentNews(db, 6)).filter((p) => p.slug !== page.document.slug).slice(0, 5);
    return reply.view('coproduction/views/published.njk', publishedPage(page, { recent }));
  });

  app.get('/coproduction/decisions', { config: { policy: 'public' }, schema: { querystring: PageQuery } }, async (request, reply) => {
    const pageNumber = Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1);
    return reply.view('coproduction/views/public-decisions.njk', publicDecisionsPage(await publicDecisionList(db, pageNumber), pageNumber, request.actor));
  });

  app.get('/coproduction/history', { config: { policy: 'public' } }, async (request, reply) =>
    reply.view('coproduction/views/history.njk', historyPage(await catalogueHistory(db), request.actor)),
  );

  app.get('/coproduction/decisions/:id', { config: { policy: 'public' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.view('coproduction/views/public-decision.njk', publicDecisionPage(await publicDecisionView(db, request.params.id), request.actor)),
  );
}
