// Listening: the public feedback form at /feedback, open to anyone without signing in.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { readFeedbackForm } from '../forms/listening.ts';
import { feedbackFormPage, thanksPage } from '../present/listening.ts';
import { FeedbackBody } from '../schemas.ts';
import { submitFeedback } from '../service/listening.ts';

const FEEDBACK_LIMIT = { max: 20, timeWindow: 60 * 60 * 1000 };

export default async function listening(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/feedback', { config: { policy: 'public' } }, async (request, reply) => reply.view('feedback/views/form.njk', feedbackFormPage({ consent: '' }, request.actor !== null)));

  app.post('/feedback', { config: { policy: 'public', rateLimit: FEEDBACK_LIMIT }, schema: { body: FeedbackBody } }, async (request, reply) => {
    const form = readFeedbackForm(request.body, request.actor?.id ?? null);
    if (form.robot) return reply.view('feedback/views/thanks.njk', thanksPage(false, null));
    if (form.errors.length) return reply.code(400).view('feedback/views/form.njk', feedbackFormPage(form.values, request.actor !== null, form.errors));
    const result = await submitFeedback(db, config, form.feedback);
    return reply.view('feedback/views/thanks.njk', thanksPage(result.risk, form.feedback.replyChannel));
  });
}
