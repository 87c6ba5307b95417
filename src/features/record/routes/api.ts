// The record's FHIR R4 API, for staff who may write in the person's record (404 for everyone
// else): GET /api/v1/fhir/Patient/{id} and a letter as GET /api/v1/fhir/DocumentReference/{id}.
// Each read is written to the person's access log.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../schemas.ts';
import { fhirLetter, fhirPatient } from '../service/fhir.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export default async function fhirApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/api/v1/fhir/Patient/:id', { config: { policy: 'staff' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.type(FHIR_JSON).send(await fhirPatient(db, config, request.actor!, request.params.id)),
  );

  app.get('/api/v1/fhir/DocumentReference/:id', { config: { policy: 'staff' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.type(FHIR_JSON).send(await fhirLetter(db, request.actor!, request.params.id)),
  );
}
