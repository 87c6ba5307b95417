// The record as the person sees it: every entry with its history, their responses (a view,
// agreement, a correction request, a letter's review), and who has looked at it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../../../platform/forms.ts';
import { perAccount } from '../../../platform/rate-limit.ts';
import { OWN_NAME_MESSAGE, OwnPreviousName } from '../../language/index.ts';
import { readResponseForm, readReviewForm } from '../forms/my-record.ts';
import { accessLogPage, myEntryPage, myRecordPage } from '../present/record.ts';
import { EntryParams, PageQuery, RespondBody, ReviewBody } from '../schemas.ts';
import { accessLogOf } from '../service/access.ts';
import * as entries from '../service/entries.ts';

/** Said when what the person wrote suggests they may be at risk: the crisis help is at the top of the page. */
const RISK_HEARD = 'Thank you for telling us. What you wrote sounds like you may be going through a very hard time: our duty team has been told, and help you can get now is just below';
const DECIDED = {
  send: 'Thank you. The letter can now be sent',
  hold: 'Thank you. The letter will not be sent until your practitioner has talked it through with you',
  correct: 'Your correction request is sent. The letter will not be sent until it is answered and you have read it again',
};
const RESPONDED = { correction: 'Your correction request is sent. You will see the answer here', agree: 'You agreed with this entry', view: 'Your view is added to your record' };

export default async function myRecordPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const person = { policy: 'person' as const };

  app.get('/me/record', { config: person, schema: { querystring: PageQuery } }, async (request, reply) =>
    reply.view('record/views/my-record.njk', myRecordPage(await entries.loadEntryPage(db, request.actor!.id, request.query.page, 'person'))),
  );

  const renderMyEntry = async (reply: FastifyReply, accountId: string, entryId: string, values: Record<string, string> = {}, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/my-entry.njk', myEntryPage(await entries.readOwnEntry(db, accountId, entryId), values, errors));

  app.get('/me/record/:entryId', { config: person, schema: { params: EntryParams } }, async (request, reply) => renderMyEntry(reply, request.actor!.id, request.params.entryId));

  app.post('/me/record/:entryId/respond', { config: { ...person, rateLimit: perAccount('respond', 30, 60_000) }, schema: { params: EntryParams, body: RespondBody } }, async (request, reply) => {
    const form = readResponseForm(request.body);
    if (!form.response) return renderMyEntry(reply, request.actor!.id, request.params.entryId, form.values, form.errors);
    let risk: boolean;
    try {
      ({ risk } = await entries.respond(db, config, request.actor!, request.params.entryId, form.response.kind, form.response.body));
    } catch (error) {
      if (!(error instanceof OwnPreviousName)) throw error;
      return renderMyEntry(reply, request.actor!.id, request.params.entryId, { ...form.values, body: error.offered.body ?? '' }, [{ field: 'body', message: OWN_NAME_MESSAGE }]);
    }
    request.session.flash = risk ? RISK_HEARD : RESPONDED[form.response.kind];
    if (risk) request.session.helpFirst = true;
    return reply.redirect(`/me/record/${request.params.entryId}`, 303);
  });

  app.post('/me/record/:entryId/review', { config: { ...person, rateLimit: perAccount('respond', 30, 60_000) }, schema: { params: EntryParams, body: ReviewBody } }, async (request, reply) => {
    const form = readReviewForm(request.body);
    if (!form.decision) return renderMyEntry(reply, request.actor!.id, request.params.entryId, form.values, form.errors);
    let risk: boolean;
    try {
      ({ risk } = await entries.decideLetter(db, config, request.actor!, request.params.entryId, form.decision.kind, form.decision.body));
    } catch (error) {
      if (!(error instanceof OwnPreviousName)) throw error;
      const field = form.decision.kind === 'hold' ? 'holdReason' : form.decision.kind === 'correct' ? 'correction' : 'reviewBody';
      return renderMyEntry(reply, request.actor!.id, request.params.entryId, { ...form.values, [field]: error.offered.body ?? '' }, [{ field, message: OWN_NAME_MESSAGE }]);
    }
    request.session.flash = risk ? RISK_HEARD : DECIDED[form.decision.kind];
    if (risk) request.session.helpFirst = true;
    return reply.redirect(`/me/record/${request.params.entryId}`, 303);
  });

  app.get('/me/access-log', { config: person }, async (request, reply) =>
    reply.view('record/views/access-log.njk', accessLogPage(await accessLogOf(db, request.actor!.id), new Date().toISOString())),
  );
}
