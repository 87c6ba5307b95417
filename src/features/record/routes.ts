// About me and the shared record: the person's pages, practitioners' pages, the lead's answers
// to data-rights requests, and the FHIR Patient API.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadActor } from '../accounts/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../platform/policy.ts';
import type { ProfileLoader } from '../language/index.ts';
import { EMAIL_PATTERN, formErrors, text, type FieldError } from '../../platform/forms.ts';
import * as dataRights from './data-rights.ts';
import { toFhirPatient } from './fhir.ts';
import { compilePerson } from './guard.ts';
import mePages from './routes-me.ts';
import peoplePages from './routes-people.ts';
import * as repo from './repository.ts';
import { CaseloadBody, CaseloadRemoveBody, DataAnswerBody, IdParams } from './schemas.ts';
import * as service from './service.ts';

/**
 * For the language check API (live checking in the editor): a person's compiled profile, only
 * for a practitioner who may write in their record; undefined (the API answers 404) otherwise.
 */
export function recordProfileLoader(db: Db, config: Config): ProfileLoader {
  return async (actorId, personId) => {
    const actor = await loadActor(db, actorId);
    if (!actor) return undefined;
    try {
      const { person } = await service.personForStaff(db, actor, personId);
      return await compilePerson(db, config.secret, person);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
}

export default async function record(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  await fastify.register(mePages);
  await fastify.register(peoplePages);

  app.get('/api/v1/fhir/Patient/:id', { config: { policy: 'staff' }, schema: { params: IdParams } }, async (request, reply) => {
    const { person, why } = await service.personForStaff(db, request.actor!, request.params.id);
    await service.recordView(db, request.actor!, person.id, 'About me (FHIR Patient, through the API)', why);
    return reply.type('application/fhir+json; charset=utf-8').send(toFhirPatient(person));
  });

  // The lead answers requests to correct or erase data (without reading the record itself).
  // A lead's own request is answered by another lead, when there is one.
  const renderRequests = async (reply: FastifyReply, lead: Actor, values: Record<string, Record<string, string>> = {}, errors: FieldError[] = []) => {
    const [requests, othersCanAnswer] = await Promise.all([repo.listDataRequests(db), repo.anotherLeadExists(db, lead.id)]);
    return reply.code(errors.length ? 400 : 200).view('record/views/admin-requests.njk', {
      pageTitle: 'Requests to correct or erase data',
      leadId: lead.id,
      othersCanAnswer,
      open: requests.filter((r) => r.status === 'open'),
      answered: requests.filter((r) => r.status !== 'open'),
      values,
      ...formErrors(errors),
    });
  };

  app.get('/admin/data-requests', { config: { policy: 'lead' } }, async (request, reply) => renderRequests(reply, request.actor!));

  app.post('/admin/data-requests/:id', { config: { policy: 'lead' }, schema: { params: IdParams, body: DataAnswerBody } }, async (request, reply) => {
    const outcome = text(request.body, 'outcome');
    const answer = text(request.body, 'answer');
    const id = request.params.id;
    if (await dataRights.isOwnRequestForAnotherLead(db, request.actor!.id, id)) {
      return renderRequests(reply, request.actor!, {}, [{ field: `answer-${id}`, message: 'This is your own request: another service lead answers it' }]);
    }
    const errors: FieldError[] = [];
    if (outcome !== 'done' && outcome !== 'refused') errors.push({ field: `outcome-${id}`, message: 'Choose whether the request was done or refused' });
    if (!answer) errors.push({ field: `answer-${id}`, message: 'Write your answer to the person' });
    else if (answer.length > 5000) errors.push({ field: `answer-${id}`, message: 'Answer must be 5,000 characters or fewer' });
    if (errors.length) return renderRequests(reply, request.actor!, { [id]: { outcome, answer } }, errors);
    if (!(await dataRights.answerRequest(db, config, request.actor!.id, id, outcome as 'done' | 'refused', answer))) return reply.callNotFound();
    request.session.flash = 'Answer sent. The person can read it';
    return reply.redirect('/admin/data-requests', 303);
  });

  // The lead assigns people to practitioners' caseloads (and reads no record in doing so).
  const renderCaseloads = async (reply: FastifyReply, values: Record<string, string> = {}, errors: FieldError[] = []) => {
    const [practitioners, caseloads] = await Promise.all([repo.listPractitioners(db), repo.listAllCaseloads(db)]);
    return reply.code(errors.length ? 400 : 200).view('record/views/admin-caseloads.njk', {
      pageTitle: 'Caseloads',
      caseloads,
      values,
      practitionerItems: [{ value: '', text: 'Choose a practitioner' }, ...practitioners.map((p) => ({ value: p.id, text: p.display_name, selected: values.practitionerId === p.id }))],
      ...formErrors(errors),
    });
  };

  app.get('/admin/caseloads', { config: { policy: 'lead' } }, async (_request, reply) => renderCaseloads(reply));

  app.post('/admin/caseloads', { config: { policy: 'lead' }, schema: { body: CaseloadBody } }, async (request, reply) => {
    const values = { practitionerId: text(request.body, 'practitionerId'), email: text(request.body, 'email') };
    const errors: FieldError[] = [];
    if (!values.practitionerId) errors.push({ field: 'practitionerId', message: 'Choose a practitioner' });
    if (!EMAIL_PATTERN.test(values.email)) errors.push({ field: 'email', message: 'Enter the email address of the person, like name@example.com' });
    if (errors.length) return renderCaseloads(reply, values, errors);
    const outcome = await service.assignToCaseload(db, request.actor!, values.practitionerId, values.email);
    if (outcome === 'no-practitioner') return renderCaseloads(reply, values, [{ field: 'practitionerId', message: 'Choose a practitioner from the list' }]);
    if (outcome === 'no-person') return renderCaseloads(reply, values, [{ field: 'email', message: 'No one using the service has that email address' }]);
    request.session.flash = 'Added to the caseload';
    return reply.redirect('/admin/caseloads', 303);
  });

  app.post('/admin/caseloads/remove', { config: { policy: 'lead' }, schema: { body: CaseloadRemoveBody } }, async (request, reply) => {
    if (!(await service.unassignFromCaseload(db, request.actor!, text(request.body, 'practitionerId'), text(request.body, 'personId')))) return reply.callNotFound();
    request.session.flash = 'Removed from the caseload';
    return reply.redirect('/admin/caseloads', 303);
  });
}
