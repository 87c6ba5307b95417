// POST /api/v1/notify/delivery-status: GOV.UK Notify's delivery receipts for the email and texts
// it accepted. Notify sends the bearer token set beside the callback URL in its settings
// (NOTIFY_CALLBACK_TOKEN); anything else is refused 401 before the body is read, compared in
// constant time. A receipt for a message withme did not send answers 404 and changes nothing.
// Nothing from the receipt is logged: its `to` is the person's address or number.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ApiProblem, NotifyDeliveryReceipt } from '../schemas.ts';
import * as service from '../service.ts';

export const NOTIFY_CALLBACK_PATH = '/api/v1/notify/delivery-status';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the Authorization header carries the token (hashed first, so lengths do not show). */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  if (!token || !given) return false;
  return timingSafeEqual(digest(given), digest(token));
}

export default async function notifyCallbackRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  const refuseWithoutToken = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!bearerMatches(request.headers.authorization, config.notify?.callbackToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
    }
  };

  app.post(
    NOTIFY_CALLBACK_PATH,
    {
      // Authenticated by Notify's bearer token, which no browser sends by itself: no CSRF cookie to check.
      config: { policy: 'public', csrf: false, rateLimit: { max: 3000, timeWindow: 60_000 } },
      onRequest: refuseWithoutToken,
      schema: {
        summary: 'A GOV.UK Notify delivery receipt',
        security: [{ notifyCallback: [] }],
        body: NotifyDeliveryReceipt,
        response: { 204: Type.Null(), 401: ApiProblem, 404: ApiProblem },
      },
    },
    async (request, reply) => {
      const result = await service.notifyDeliveryReceipt(db, request.body);
      if (result === 'unknown') return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such message' });
      return reply.code(204).send(null);
    },
  );
}
