// The public pages every service has: home, accessibility statement, privacy notice, and
// the health check that load balancers poll.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ping } from '../../platform/db/database.ts';
import { QUICK_EXIT_PATH, QUICK_EXIT_URL } from '../../platform/layout.ts';
import type { WaitingItem, WhatWaits } from '../../platform/waiting.ts';
import { inAppNotices } from '../accounts/index.ts';
import { homePage } from './present.ts';

export default async function site(app: FastifyInstance, opts: { waiting?: WhatWaits }): Promise<void> {
  // Signed in with a role, the home page is what waits for them, every feature answering for its
  // own part (the layout has read it already for the header counts); signed out, the service's.
  app.get('/', { config: { policy: 'public' } }, async (request, reply) => {
    const actor = request.actor;
    if (actor && actor.roles.size > 0 && opts.waiting) {
      const waiting = (reply.locals?.waiting as WaitingItem[] | undefined) ?? (await opts.waiting(app.db, actor));
      return reply.view('site/views/my-home.njk', homePage(actor, waiting, await inAppNotices(app.db, actor.id)));
    }
    return reply.view('site/views/home.njk', { pageTitle: 'Home' });
  });

  app.get('/accessibility', { config: { policy: 'public' } }, async (_request, reply) => {
    return reply.view('site/views/accessibility.njk', { pageTitle: 'Accessibility statement' });
  });

  app.get('/privacy', { config: { policy: 'public' } }, async (_request, reply) => {
    return reply.view('site/views/privacy.njk', { pageTitle: 'Privacy' });
  });

  // The quick exit: ends the session here, on the server, before the person lands on a neutral
  // site, so neither Back nor a new tab shows anything of withme signed in; and asks the browser
  // to forget this site's cookies and storage. It must always work: if the session store cannot
  // be reached, the person still leaves at once (the cookie is still cleared).
  app.get(QUICK_EXIT_PATH, { config: { policy: 'public' } }, async (request, reply) => {
    try {
      await request.session.regenerate();
      request.session.accountId = undefined;
    } catch (err) {
      request.log.error({ err }, 'quick exit: the session could not be ended in the store');
    }
    return reply.header('clear-site-data', '"cookies", "storage"').header('cache-control', 'no-store').redirect(QUICK_EXIT_URL, 303);
  });

  app.get('/browse-safely', { config: { policy: 'public' } }, async (request, reply) => {
    return reply.view('site/views/browse-safely.njk', { pageTitle: 'How to browse safely', isPerson: request.actor?.roles.has('person') ?? false });
  });

  // The load balancer's readiness check: this instance can serve, because the database and the
  // shared store (sessions, rate limits) both answer. /healthz stays the liveness check.
  app.get(
    '/readyz',
    {
      config: { policy: 'public' },
      schema: { response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: Type.Object({ status: Type.Literal('unavailable'), failing: Type.Array(Type.String()) }) } },
    },
    async (_request, reply) => {
      const failing: string[] = [];
      await Promise.all([
        ping(app.db).catch(() => failing.push('database')),
        app.store.ping().catch(() => failing.push('shared store')),
      ]);
      reply.header('cache-control', 'no-store');
      return failing.length ? reply.code(503).send({ status: 'unavailable' as const, failing: failing.sort() }) : reply.send({ status: 'ready' as const });
    },
  );

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
