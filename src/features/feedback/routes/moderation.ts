// Moderation (group members): feedback waiting to be published, checked and approved (or not)
// one piece at a time.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { identifiersLeftError, readModerationForm } from '../forms/moderation.ts';
import { moderatePage, moderationQueuePage } from '../present/moderation.ts';
import { IdParams, ModerationBody } from '../schemas.ts';
import * as moderation from '../service/moderation.ts';

export default async function moderationPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/feedback/moderation', { config: { policy: 'group' } }, async (_request, reply) =>
    reply.view('feedback/views/moderation.njk', moderationQueuePage(await moderation.moderationQueue(db))),
  );

  app.get('/feedback/moderation/:id', { config: { policy: 'group' }, schema: { params: IdParams } }, async (request, reply) =>
    reply.view('feedback/views/moderate.njk', moderatePage(await moderation.toModerate(db, request.params.id, request.actor!))),
  );

  app.post('/feedback/moderation/:id', { config: { policy: 'group' }, schema: { params: IdParams, body: ModerationBody } }, async (request, reply) => {
    const id = request.params.id;
    const form = readModerationForm(request.body);
    let errors = form.errors;
    if (form.moderation) {
      const result = await moderation.moderate(db, { feedbackId: id, by: request.actor!.id, ...form.moderation });
      if (result.saved) {
        request.session.flash = form.moderation.decision === 'approved' ? 'Feedback approved for publishing' : 'Feedback will not be published';
        return reply.redirect('/feedback/moderation', 303);
      }
      errors = [identifiersLeftError(result.identifiers)];
    }
    return reply.code(400).view('feedback/views/moderate.njk', moderatePage(await moderation.toModerate(db, id), form.values, errors));
  });
}
