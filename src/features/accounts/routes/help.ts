// Where an account with no roles lands: kindly, what it can still do (its own data, its
// requests, signing out) and how to reach the service. Nothing else is open to it.
import type { FastifyInstance } from 'fastify';

/** Where sign-in, a reset or an invitation sends an account: `next`, or help when it holds no role. */
export const NO_ACCESS_PATH = '/no-access';

export default async function helpRoutes(app: FastifyInstance): Promise<void> {
  app.get(NO_ACCESS_PATH, { config: { policy: 'own-account' } }, async (request, reply) => {
    if (request.actor!.roles.size > 0) return reply.redirect('/', 303);
    return reply.view('accounts/views/no-access.njk', { pageTitle: 'Your account has no access at the moment' });
  });
}
