// Searching the workspace (/coproduction/search?q=): published pages and news for anyone,
// proposals for every signed-in account, drafts for the group and staff (service/search.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { searchPage } from '../present/search.ts';
import { SearchQuery } from '../schemas.ts';
import { searchWorkspace } from '../service/search.ts';

export default async function searchRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/coproduction/search', { config: { policy: 'public' }, schema: { querystring: SearchQuery } }, async (request, reply) => {
    // An account still owing its second factor searches as a visitor would.
    const actor = request.secondFactorOwed ? null : request.actor;
    const q = (request.query.q ?? '').trim().slice(0, 200);
    return reply.view('coproduction/views/search.njk', searchPage(actor, q, q ? await searchWorkspace(db, actor, q) : null));
  });
}
