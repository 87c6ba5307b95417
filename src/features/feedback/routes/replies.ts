// Replies by phone (staff): the calls to make, and recording one (which deletes the number).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { callsPage } from '../present/replies.ts';
import { IdParams } from '../schemas.ts';
import * as replies from '../service/replies.ts';

export default async function replyPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/feedback/replies', { config: { policy: 'staff' } }, async (request, reply) => reply.view('feedback/views/replies.njk', callsPage(await replies.callsToMake(db, request.actor!))));

  app.post('/feedback/replies/:id/done', { config: { policy: 'staff' }, schema: { params: IdParams } }, async (request, reply) => {
    await replies.recordCall(db, request.params.id, request.actor!.id);
    request.session.flash = 'Call recorded. The phone number has been deleted';
    return reply.redirect('/feedback/replies', 303);
  });
}
