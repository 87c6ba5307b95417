// The lead's pages: caseloads (who is with whom, assigned without reading any record) and the
// answers to requests to correct or erase data. A lead's own request is answered by another
// lead, when there is one.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { text, type FieldError } from '../../../platform/forms.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { CASELOAD_REFUSALS, ownRequestError, readCaseloadForm, readDataAnswerForm } from '../forms/admin.ts';
import { caseloadsPage, dataRequestsPage } from '../present/admin.ts';
import { CaseloadBody, CaseloadRemoveBody, DataAnswerBody, IdParams } from '../schemas.ts';
import * as caseloads from '../service/caseloads.ts';
import * as requests from '../service/data-requests.ts';

export default async function adminPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const lead = { policy: 'lead' as const };

  const renderRequests = async (reply: FastifyReply, leadId: string, values: Record<string, Record<string, string>> = {}, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/admin-requests.njk', dataRequestsPage(await requests.requestsForLead(db, leadId), leadId, values, errors));

  app.get('/admin/data-requests', { config: lead }, async (request, reply) => renderRequests(reply, request.actor!.id));

  app.post('/admin/data-requests/:id', { config: lead, schema: { params: IdParams, body: DataAnswerBody } }, async (request, reply) => {
    const leadId = request.actor!.id;
    const { id } = request.params;
    if (await requests.isOwnRequestForAnotherLead(db, leadId, id)) return renderRequests(reply, leadId, {}, [ownRequestError(id)]);
    const form = readDataAnswerForm(request.body, id);
    if (!form.answer) return renderRequests(reply, leadId, { [id]: form.values }, form.errors);
    await requests.answerRequest(db, config, leadId, id, form.answer.outcome, form.answer.answer);
    request.session.flash = 'Answer sent. The person can read it';
    return reply.redirect('/admin/data-requests', 303);
  });

  const renderCaseloads = async (reply: FastifyReply, leadId: string, values: Record<string, string> = {}, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/admin-caseloads.njk', caseloadsPage(await caseloads.caseloadsOverview(db), leadId, values, errors));

  app.get('/admin/caseloads', { config: lead }, async (request, reply) => renderCaseloads(reply, request.actor!.id));

  app.post('/admin/caseloads', { config: lead, schema: { body: CaseloadBody } }, async (request, reply) => {
    const form = readCaseloadForm(request.body);
    if (form.errors.length) return renderCaseloads(reply, request.actor!.id, form.values, form.errors);
    try {
      await caseloads.assignToCaseload(db, request.actor!, form.values.practitionerId, form.values.email);
    } catch (error) {
      const code = refusalCode(error, CASELOAD_REFUSALS);
      if (!code) throw error;
      return renderCaseloads(reply, request.actor!.id, form.values, [CASELOAD_REFUSALS[code]]);
    }
    request.session.flash = 'Added to the caseload';
    return reply.redirect('/admin/caseloads', 303);
  });

  app.post('/admin/caseloads/remove', { config: lead, schema: { body: CaseloadRemoveBody } }, async (request, reply) => {
    try {
      await caseloads.unassignFromCaseload(db, request.actor!, text(request.body, 'practitionerId'), text(request.body, 'personId'));
    } catch (error) {
      const code = refusalCode(error, CASELOAD_REFUSALS);
      if (!code) throw error;
      return renderCaseloads(reply, request.actor!.id, {}, [CASELOAD_REFUSALS[code]]);
    }
    request.session.flash = 'Removed from the caseload';
    return reply.redirect('/admin/caseloads', 303);
  });
}
