// A person's notices in the app (listed on their home page): opening one marks it read and goes
// on to where it leads; "Mark all as read" clears the unread markers. Only the account's own.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { markAllNoticesRead, openNotice } from '../notices.ts';

const NoticeParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CsrfOnly = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) });

export default async function noticeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/notifications/:id', { config: { policy: 'signed-in' }, schema: { params: NoticeParams } }, async (request, reply) => {
    const href = await openNotice(db, request.actor!, request.params.id);
    return reply.redirect(href, 303);
  });

  app.post('/notifications/read', { config: { policy: 'signed-in' }, schema: { body: CsrfOnly } }, async (request, reply) => {
    const read = await markAllNoticesRead(db, request.actor!);
    request.session.flash = read ? 'Your notifications are marked as read.' : 'You have no unread notifications.';
    return reply.redirect('/#notifications', 303);
  });
}
