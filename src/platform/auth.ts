// Who is asking: loads the signed-in account and its roles once per request (through the loader
// the accounts feature provides), and the password hashing used by sign-in, invitations and
// resets (argon2id, OWASP parameters).
import argon2 from 'argon2';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from './policy.ts';

/**
 * The account behind a session, or null when it is gone or disabled, or its password changed
 * after `signedInAt` (so a reset signs out whoever else was signed in).
 */
export type ActorLoader = (accountId: string, signedInAt: number) => Promise<Actor | null>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

// argon2id, 19 MiB, 2 iterations, 1 lane: OWASP's minimum for argon2id.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no stored hash it still does the same work, so timing tells nothing. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('no account has this password');
    await argon2.verify(await dummyHash, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export default fp(
  async function auth(app, opts: { loadActor: ActorLoader }) {
    app.decorateRequest('actor', null);
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const accountId = request.session?.accountId;
      request.actor = accountId ? await opts.loadActor(accountId, request.session.signedInAt ?? 0) : null;
      if (accountId && !request.actor) await request.session.regenerate();
    });
  },
  { name: 'auth', dependencies: ['sessions'] },
);
