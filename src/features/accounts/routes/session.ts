// Starting a signed-in session: a new session id (so a fixed one cannot be reused), and when it
// began, for the idle and absolute timeouts.
import type { FastifyRequest } from 'fastify';

export async function startSession(request: FastifyRequest, accountId: string): Promise<void> {
  await request.session.regenerate();
  const now = Date.now();
  request.session.accountId = accountId;
  request.session.signedInAt = now;
  request.session.lastSeenAt = now;
}
