// Working on feedback (group members and staff): the list at /feedback/manage, one piece of
// feedback, the themes applied to it and the suggested themes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { SUGGESTION_REFUSALS, readApplyThemeForm, readSuggestionForm } from '../forms/manage.ts';
import { feedbackItemPage, feedbackListPage } from '../present/manage.ts';
import { ApplyThemeBody, IdParams, ItemThemeParams, ManageQuery, SuggestionBody } from '../schemas.ts';
import * as manage from '../service/manage.ts';

export default async function managePages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/feedback/manage', { config: { policy: 'group-or-staff' }, schema: { querystring: ManageQuery } }, async (request, reply) => {
    const show = request.query.show ?? 'new';
    const page = request.query.page ?? 1;
    const list = await manage.feedbackList(db, show, page);
    return reply.view('feedback/views/manage.njk', feedbackListPage(list, { show, page, actor: request.actor }));
  });

  // Each showing of the page is a view of the feedback, recorded by the service.
  const renderItem = async (reply: FastifyReply, actor: Actor, id: string, values: { newTheme?: string } = {}, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('feedback/views/item.njk', feedbackItemPage(await manage.viewFeedback(db, actor, id), values, errors));

  app.get('/feedback/manage/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) => renderItem(reply, request.actor!, request.params.id));

  app.post('/feedback/manage/:id/themes', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: ApplyThemeBody } }, async (request, reply) => {
    const form = readApplyThemeForm(request.body);
    if (form.errors.length) return renderItem(reply, request.actor!, request.params.id, form.values, form.errors);
    await manage.applyTheme(db, { feedbackId: request.params.id, theme: form.theme, by: request.actor!.id });
    request.session.flash = 'Theme applied';
    return reply.redirect(`/feedback/manage/${request.params.id}`, 303);
  });

  app.post('/feedback/manage/:id/themes/:themeId/remove', { config: { policy: 'group-or-staff' }, schema: { params: ItemThemeParams } }, async (request, reply) => {
    await manage.removeTheme(db, { feedbackId: request.params.id, themeId: request.params.themeId, by: request.actor!.id });
    request.session.flash = 'Theme removed';
    return reply.redirect(`/feedback/manage/${request.params.id}`, 303);
  });

  app.post('/feedback/manage/:id/suggestions', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: SuggestionBody } }, async (request, reply) => {
    const { themeId, decision } = readSuggestionForm(request.body);
    try {
      const decided = await manage.decideSuggestion(db, { feedbackId: request.params.id, themeId, decision, by: request.actor!.id });
      request.session.flash = decided === 'accept' ? 'Suggested theme applied' : 'Suggestion turned down';
    } catch (error) {
      const code = refusalCode(error, SUGGESTION_REFUSALS);
      if (!code) throw error;
      request.session.flash = SUGGESTION_REFUSALS[code];
    }
    return reply.redirect(`/feedback/manage/${request.params.id}`, 303);
  });
}
