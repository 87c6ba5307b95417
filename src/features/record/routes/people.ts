// Practitioners' pages: their caseload, a person's page (what matters to them first), and
// time-limited access to someone not on the caseload. Every view is written to the access log.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { perAccount } from '../../../platform/rate-limit.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { ACCESS_REFUSALS, readAccessForm } from '../forms/access.ts';
import { accessRequestPage, peoplePage, personPage } from '../present/people.ts';
import { AccessBody, IdParams, PageQuery, SearchQuery } from '../schemas.ts';
import { grantAccess } from '../service/access.ts';
import * as people from '../service/people.ts';

export default async function peoplePages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const practitioner = { policy: 'practitioner' as const };

  app.get('/people', { config: practitioner, schema: { querystring: SearchQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim().slice(0, 200);
    return reply.view('record/views/people.njk', peoplePage(await people.caseloadOf(db, request.actor!.id, q), q));
  });

  app.get('/people/access', { config: practitioner }, async (_request, reply) => reply.view('record/views/access-request.njk', accessRequestPage({})));

  app.post('/people/access', { config: { ...practitioner, rateLimit: perAccount('access-request', 10, 60 * 60_000) }, schema: { body: AccessBody } }, async (request, reply) => {
    const form = readAccessForm(request.body);
    if (!form.request) return reply.code(400).view('record/views/access-request.njk', accessRequestPage(form.values, form.errors));
    let granted: { personId: string };
    try {
      granted = await grantAccess(db, config, request.actor!, form.request);
    } catch (error) {
      const code = refusalCode(error, ACCESS_REFUSALS);
      if (!code) throw error;
      // A reason that used a previous name is cleared, so nothing shows which word it was.
      const values = code === 'previous-name' ? { ...form.values, reason: '' } : form.values;
      return reply.code(400).view('record/views/access-request.njk', accessRequestPage(values, [ACCESS_REFUSALS[code]]));
    }
    request.session.flash = 'You have access for a limited time. The person has been told';
    return reply.redirect(`/people/${granted.personId}`, 303);
  });

  app.get('/people/:id', { config: practitioner, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) =>
    reply.view('record/views/person.njk', personPage(await people.personPage(db, request.actor!, request.params.id, request.query.page))),
  );
}
