// A person's notices in the app (the latest on their home page, all of them at /notifications, a
// page at a time): opening one marks it read and goes on to where it leads; "Mark all as read"
// clears the unread markers. Only the account's own.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { paginationFor } from '../../../platform/paging.ts';
import { markAllNoticesRead, noticesPage, openNotice } from '../notices.ts';

const NoticeParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
// A page number as typed: anything that is not one shows the first page, past the end the last.
const NoticesQuery = Type.Object({ page: Type.Optional(Type.String({ maxLength: 20 })) });
const MarkRead = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), from: Type.Optional(Type.String({ maxLength: 20 })) });

export default async function noticeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/notifications', { config: { policy: 'signed-in' }, schema: { querystring: NoticesQuery } }, async (request, reply) => {
    const requested = /^\d{1,6}$/.test(request.query.page ?? '') ? Number(request.query.page) : undefined;
    const { notices, unread, total, page } = await noticesPage(db, request.actor!.id, requested);
    return reply.view('accounts/views/notifications.njk', {
      pageTitle: page.pages > 1 ? `Your notifications (page ${page.number} of ${page.pages})` : 'Your notifications',
      notices, unread, total, page,
      pagination: paginationFor(page, (n) => (n === 1 ? '/notifications' : `/notifications?page=${n}`)),
      summary: total === 0 ? 'You have no notifications.' : unread === 0 ? 'No unread notifications.' : `${unread} unread ${unread === 1 ? 'notification' : 'notifications'}.`,
    });
  });

  app.get('/notifications/:id', { config: { policy: 'signed-in' }, schema: { params: NoticeParams } }, async (request, reply) => {
    const href = await openNotice(db, request.actor!, request.params.id);
    return reply.redirect(href, 303);
  });

  app.post('/notifications/read', { config: { policy: 'signed-in' }, schema: { body: MarkRead } }, async (request, reply) => {
    const read = await markAllNoticesRead(db, request.actor!);
    request.session.flash = read ? 'Your notifications are marked as read.' : 'You have no unread notifications.';
    return reply.redirect(request.body.from === 'list' ? '/notifications' : '/#notifications', 303);
  });
}
