// Listening, learning, acting: /feedback (public), the group's and staff's work on it under
// /feedback/manage, themes, moderation, actions and replies, and the public "You said, we did".
// Each area is a plugin in routes/.
import type { FastifyInstance } from 'fastify';
import actionPages from './routes/actions.ts';
import boardPages from './routes/board.ts';
import listening from './routes/listening.ts';
import managePages from './routes/manage.ts';
import moderationPages from './routes/moderation.ts';
import replyPages from './routes/replies.ts';
import themePages from './routes/themes.ts';

export default async function feedback(fastify: FastifyInstance): Promise<void> {
  await fastify.register(listening);
  await fastify.register(managePages);
  await fastify.register(moderationPages);
  await fastify.register(themePages);
  await fastify.register(actionPages);
  await fastify.register(replyPages);
  await fastify.register(boardPages);
}
