// GET /api/v1/fhir/Patient/{id}: the R4 Patient, for staff who may write in the person's record
// (404 for everyone else). Each read is written to the person's access log.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { toFhirPatient } from '../fhir.ts';
import { IdParams } from '../schemas.ts';
import { viewPersonAsStaff } from '../service/access.ts';

export default async function fhirApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/api/v1/fhir/Patient/:id', { config: { policy: 'staff' }, schema: { params: IdParams } }, async (request, reply) => {
    const { person } = await viewPersonAsStaff(db, request.actor!, request.params.id, 'About me (FHIR Patient, through the API)');
    return reply.type('application/fhir+json; charset=utf-8').send(toFhirPatient(person));
  });
}
