// About me and the shared record: the person's pages, practitioners' pages, the lead's caseloads
// and answers to data-rights requests, and the FHIR Patient API (each area in routes/).
import type { FastifyInstance } from 'fastify';
import aboutMePages from './routes/about-me.ts';
import adminPages from './routes/admin.ts';
import fhirApi from './routes/api.ts';
import dataRightsPages from './routes/data-rights.ts';
import entryPages from './routes/entries.ts';
import myRecordPages from './routes/my-record.ts';
import peoplePages from './routes/people.ts';

export default async function record(fastify: FastifyInstance): Promise<void> {
  await fastify.register(aboutMePages);
  await fastify.register(myRecordPages);
  await fastify.register(dataRightsPages);
  await fastify.register(peoplePages);
  await fastify.register(entryPages);
  await fastify.register(adminPages);
  await fastify.register(fhirApi);
}
