// The public pages every service has: home, accessibility statement, privacy notice, and
// the health check that load balancers poll.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ping } from '../../platform/db/database.ts';

export default async function site(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { policy: 'public' } }, async (_request, reply) => {
    return reply.view('site/views/home.njk', { pageTitle: 'Home' });
  });

  app.get('/accessibility', { config: { policy: 'public' } }, async (_request, reply) => {
    return reply.view('site/views/accessibility.njk', { pageTitle: 'Accessibility statement' });
  });

  app.get('/privacy', { config: { policy: 'public' } }, async (_request, reply) => {
    return reply.view('site/views/privacy.njk', { pageTitle: 'Privacy' });
  });

  app.get(
    '/healthz',
    {
      config: { policy: 'public' },
      schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: Type.Object({ status: Type.Literal('unavailable') }) } },
    },
    async (_request, reply) => {
      try {
        await ping(app.db);
        return reply.header('cache-control', 'no-store').send({ status: 'ok' as const });
      } catch {
        return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' as const });
      }
    },
  );
}
