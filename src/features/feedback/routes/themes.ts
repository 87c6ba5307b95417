// Themes (group members and staff): the list, making a theme, one theme, and raising a proposal
// with the Coproduction Group from it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { refusalCode } from '../../../platform/refusal.ts';
import { THEME_REFUSALS, readProposalForm, readThemeForm } from '../forms/themes.ts';
import { themePage, themesPage } from '../present/themes.ts';
import { IdParams, ProposalBody, ThemeBody } from '../schemas.ts';
import * as themes from '../service/themes.ts';

export default async function themePages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/feedback/themes', { config: { policy: 'group-or-staff' } }, async (_request, reply) => reply.view('feedback/views/themes.njk', themesPage(await themes.themesOverview(db))));

  app.post('/feedback/themes', { config: { policy: 'group-or-staff' }, schema: { body: ThemeBody } }, async (request, reply) => {
    const { values, errors } = readThemeForm(request.body);
    const again = async (shown: typeof errors) => reply.code(400).view('feedback/views/themes.njk', themesPage(await themes.themesOverview(db), values, shown));
    if (errors.length) return again(errors);
    try {
      const id = await themes.createTheme(db, { ...values, by: request.actor!.id });
      request.session.flash = 'Theme created';
      return reply.redirect(`/feedback/themes/${id}`, 303);
    } catch (error) {
      const code = refusalCode(error, THEME_REFUSALS);
      if (!code) throw error;
      return again([THEME_REFUSALS[code]]);
    }
  });

  app.get('/feedback/themes/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.view('feedback/views/theme.njk', themePage(await themes.themeDetail(db, request.params.id))),
  );

  // Raising a proposal from a theme: the coproduction workspace owns proposals.
  app.post('/feedback/themes/:id/proposal', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: ProposalBody } }, async (request, reply) => {
    const { values, errors } = readProposalForm(request.body);
    if (errors.length) return reply.code(400).view('feedback/views/theme.njk', themePage(await themes.themeDetail(db, request.params.id), { values, errors }));
    const proposalId = await themes.raiseProposalFromTheme(db, request.actor!, request.params.id, values);
    request.session.flash = 'Proposal raised';
    return reply.redirect(`/coproduction/proposals/${proposalId}`, 303);
  });
}
