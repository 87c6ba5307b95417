// Starting a signed-in session: a new session id (so a fixed one cannot be reused), and when it
// began, for the idle and absolute timeouts; and where it lands.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/database.ts';
import type { SignedInWith } from '../../../platform/sessions.ts';
import { hasAnyRole } from '../service.ts';
import { NO_ACCESS_PATH } from './help.ts';

export async function startSession(request: FastifyRequest, accountId: string, signedInWith: SignedInWith): Promise<void> {
  await request.session.regenerate();
  const now = Date.now();
  request.session.accountId = accountId;
  request.session.signedInAt = now;
  request.session.lastSeenAt = now;
  request.session.signedInWith = signedInWith;
}

/** Where a newly signed-in account goes: where it was going, or help when it holds no role. */
export async function landingFor(db: Db, accountId: string, next: string): Promise<string> {
  return (await hasAnyRole(db, accountId)) ? next : NO_ACCESS_PATH;
}
