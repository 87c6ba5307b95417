// "Your account": second factors (add a passkey or an app) and the sessions signed in as this
// account (device, last seen), each of which can be ended, or all but this one.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentSessionEntryId } from '../../../platform/sessions.ts';
import { endSessions, yourAccount } from '../your-account.ts';

const EndBody = Type.Object({ session: Type.Optional(Type.String({ maxLength: 64 })), _csrf: Type.Optional(Type.String({ maxLength: 200 })) });

export default async function yourAccountRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, store } = fastify;

  app.get('/account', { config: { policy: 'own-account' } }, async (request, reply) => {
    const actor = request.actor as NonNullable<typeof request.actor>;
    const account = await yourAccount(db, store, actor.id, currentSessionEntryId(request));
    return reply.header('cache-control', 'no-store').view('accounts/views/your-account.njk', { pageTitle: 'Your account', account, email: actor.email, name: actor.displayName });
  });

  app.post('/account/sessions/end', { config: { policy: 'own-account' }, schema: { body: EndBody } }, async (request, reply) => {
    const actor = request.actor as NonNullable<typeof request.actor>;
    const which = request.body.session && request.body.session !== 'all-others' ? { id: request.body.session } : 'all-others';
    const ended = await endSessions(db, store, actor.id, currentSessionEntryId(request), which);
    request.session.flash = ended === 1 ? 'That session has ended.' : ended ? `${ended} sessions have ended.` : 'No other session was signed in.';
    return reply.redirect('/account', 303);
  });
}
