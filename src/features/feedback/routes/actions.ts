// Actions (group members and staff): the list, starting one, updating it, and closing it with
// the public statement that goes on "You said, we did".
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { refusalCode } from '../../../platform/refusal.ts';
import { ACTION_REFUSALS, closeProblems, readActionForm, readActionUpdateForm, readCloseForm } from '../forms/actions.ts';
import { actionPage, actionsPage, newActionPage } from '../present/actions.ts';
import { ActionBody, ActionQuery, CloseBody, IdParams } from '../schemas.ts';
import * as actions from '../service/actions.ts';

export default async function actionPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/feedback/actions', { config: { policy: 'group-or-staff' } }, async (_request, reply) =>
    reply.view('feedback/views/actions.njk', actionsPage(await actions.actionLists(db), new Date().toISOString().slice(0, 10))),
  );

  app.get('/feedback/actions/new', { config: { policy: 'group-or-staff' }, schema: { querystring: ActionQuery } }, async (request, reply) => {
    const options = await actions.newActionOptions(db, request.query.feedback);
    return reply.view('feedback/views/action-new.njk', newActionPage(options, { themeIds: request.query.theme ? [request.query.theme] : [], feedbackIds: options.feedbackIds }));
  });

  app.post('/feedback/actions', { config: { policy: 'group-or-staff' }, schema: { body: ActionBody } }, async (request, reply) => {
    const options = await actions.actionOptions(db);
    const { values, errors, action } = readActionForm(request.body, options);
    const again = (shown: typeof errors) => reply.code(400).view('feedback/views/action-new.njk', newActionPage(options, { ...values }, shown));
    if (errors.length) return again(errors);
    try {
      const id = await actions.createAction(db, { ...action, by: request.actor!.id });
      request.session.flash = 'Action created';
      return reply.redirect(`/feedback/actions/${id}`, 303);
    } catch (error) {
      const code = refusalCode(error, ACTION_REFUSALS);
      if (!code) throw error;
      return again([ACTION_REFUSALS[code]]);
    }
  });

  app.get('/feedback/actions/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.view('feedback/views/action.njk', actionPage(await actions.actionDetail(db, request.params.id))),
  );

  app.post('/feedback/actions/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: ActionBody } }, async (request, reply) => {
    const detail = await actions.actionDetail(db, request.params.id, { open: true });
    const { errors, update } = readActionUpdateForm(request.body, detail);
    const again = (shown: typeof errors) => reply.code(400).view('feedback/views/action.njk', actionPage(detail, {}, shown));
    if (errors.length) return again(errors);
    try {
      await actions.updateAction(db, { actionId: detail.action.id, ...update, by: request.actor!.id });
    } catch (error) {
      const code = refusalCode(error, ACTION_REFUSALS);
      if (!code) throw error;
      return again([ACTION_REFUSALS[code]]);
    }
    request.session.flash = 'Action updated';
    return reply.redirect(`/feedback/actions/${detail.action.id}`, 303);
  });

  app.post('/feedback/actions/:id/close', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: CloseBody } }, async (request, reply) => {
    const detail = await actions.actionDetail(db, request.params.id, { open: true });
    const form = readCloseForm(request.body);
    if (form.errors.length) return reply.code(400).view('feedback/views/action.njk', actionPage(detail, form.values, form.errors));
    const result = await actions.closeAction(db, config, { actionId: detail.action.id, draft: form.draft, publishAsWritten: form.publishAsWritten, by: request.actor!.id });
    if (!result.closed) {
      const { errors, languageWarned } = closeProblems(result);
      const values = 'language' in result ? { ...form.values, languageWarned: languageWarned ? 'yes' : '' } : form.values;
      return reply.code(400).view('feedback/views/action.njk', actionPage(detail, values, errors));
    }
    request.session.flash = result.replies ? `Action closed and published. ${result.replies} ${result.replies === 1 ? 'person' : 'people'} who asked will be told` : 'Action closed and published';
    return reply.redirect(`/feedback/actions/${detail.action.id}`, 303);
  });
}
