// Who is asking: loads the signed-in account and its roles once per request, and the
// password hashing used by sign-in, invitations and resets (argon2id, OWASP parameters).
import argon2 from 'argon2';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from './db/database.ts';
import type { Actor } from './policy.ts';

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

/**
 * The account behind a session, or null when it is gone or disabled, or its password changed
 * after the session began (so a reset signs out whoever else was signed in).
 */
export async function loadActor(db: Db, accountId: string, signedInAt = Number.POSITIVE_INFINITY): Promise<Actor | null> {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'email', 'display_name', 'password_changed_at'])
    .where('id', '=', accountId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!account) return null;
  if (account.password_changed_at && Date.parse(account.password_changed_at) > signedInAt) return null;
  const roles = await db.selectFrom('account_roles').select('role').where('account_id', '=', accountId).execute();
  return {
    id: account.id,
    email: account.email,
    displayName: account.display_name,
    roles: new Set(roles.map((r) => r.role)),
  };
}

export default fp(
  async function auth(app, opts: { db: Db }) {
    app.decorateRequest('actor', null);
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const accountId = request.session?.accountId;
      request.actor = accountId ? await loadActor(opts.db, accountId, request.session.signedInAt ?? 0) : null;
      if (accountId && !request.actor) await request.session.regenerate();
    });
  },
  { name: 'auth', dependencies: ['sessions'] },
);
