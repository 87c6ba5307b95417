// Data rights: every account, staff included, and one with no roles left, may see and download
// what withme holds about it, and ask for something to be corrected or erased.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { perAccount } from '../../../platform/rate-limit.ts';
import { OWN_NAME_MESSAGE, OwnPreviousName } from '../../language/index.ts';
import { everythingAbout } from '../data-rights.ts';
import { dataSpreadsheets } from '../data-spreadsheets.ts';
import { readDataRequestForm } from '../forms/data-rights.ts';
import { myRequestsPage } from '../present/data-rights.ts';
import { readableDataPage } from '../present/readable-data.ts';
import { readableData } from '../service/readable-data.ts';
import { DataRequestBody } from '../schemas.ts';
import * as requests from '../service/data-requests.ts';

export default async function dataRightsPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;
  const anyAccount = { policy: 'own-account' as const };

  // "Your data" as a person reads it; the complete machine-readable copy is one link away.
  // Each download reads every table: plenty for a person, not enough to load the database.
  app.get('/me/download', { config: { ...anyAccount, rateLimit: perAccount('download', 20, 10 * 60_000) } }, async (request, reply) =>
    reply.view('record/views/download.njk', readableDataPage(await readableData(db, request.actor!))),
  );

  // The complete copy, as JSON or as one CSV per table in a zip: built by the same function, so
  // they hold the same, and audited the same way (everythingAbout records each download).
  app.get('/me/download.json', { config: { ...anyAccount, rateLimit: perAccount('download-json', 20, 10 * 60_000) } }, async (request, reply) => {
    const data = await everythingAbout(db, request.actor!);
    return reply
      .header('content-disposition', 'attachment; filename="withme-my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/me/download.zip', { config: { ...anyAccount, rateLimit: perAccount('download-zip', 20, 10 * 60_000) } }, async (request, reply) => {
    const zip = dataSpreadsheets(await everythingAbout(db, request.actor!));
    return reply
      .header('content-disposition', 'attachment; filename="withme-my-data.zip"')
      .type('application/zip')
      .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  app.get('/me/requests', { config: anyAccount }, async (request, reply) => reply.view('record/views/my-requests.njk', myRequestsPage(await requests.requestsOf(db, request.actor!.id))));

  app.post('/me/requests', { config: { ...anyAccount, rateLimit: perAccount('requests', 30, 60_000) }, schema: { body: DataRequestBody } }, async (request, reply) => {
    const form = readDataRequestForm(request.body);
    if (!form.request) return reply.code(400).view('record/views/my-requests.njk', myRequestsPage(await requests.requestsOf(db, request.actor!.id), form.values, form.errors));
    try {
      await requests.openRequest(db, request.actor!.id, form.request.kind, form.request.detail);
    } catch (error) {
      if (!(error instanceof OwnPreviousName)) throw error;
      const values = { ...form.values, detail: error.offered.detail ?? '' };
      return reply.code(400).view('record/views/my-requests.njk', myRequestsPage(await requests.requestsOf(db, request.actor!.id), values, [{ field: 'detail', message: OWN_NAME_MESSAGE }]));
    }
    request.session.flash = 'Your request is sent. You will see the answer here';
    return reply.redirect('/me/requests', 303);
  });
}
