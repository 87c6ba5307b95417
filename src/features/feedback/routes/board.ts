// You said, we did (public): the board of closed actions by theme, its Atom feed, and each
// entry's page.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { readBoardQuery } from '../forms/board.ts';
import { boardEntryPage, boardFeedXml, boardPage } from '../present/board.ts';
import { BoardQuery, IdParams } from '../schemas.ts';
import * as board from '../service/board.ts';

export default async function boardPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/you-said-we-did', { config: { policy: 'public' }, schema: { querystring: BoardQuery } }, async (request, reply) => {
    const { themeId, page } = readBoardQuery(request.query);
    return reply.view('feedback/views/board.njk', boardPage(await board.publicBoard(db, { themeId, page }), themeId));
  });

  app.get('/you-said-we-did/feed.xml', { config: { policy: 'public' }, schema: { querystring: BoardQuery } }, async (request, reply) => {
    const { themeId } = readBoardQuery(request.query);
    return reply.type('application/atom+xml; charset=utf-8').send(boardFeedXml(await board.boardFeed(db, themeId), themeId, config));
  });

  app.get('/you-said-we-did/:id', { config: { policy: 'public' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.view('feedback/views/board-entry.njk', boardEntryPage(await board.boardEntry(db, request.params.id))),
  );
}
