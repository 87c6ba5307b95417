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

/** Whether an account has a second factor (a passkey or an authenticator app). */
export type SecondFactorLoader = (accountId: string) => Promise<boolean>;

/**
 * What the signed-in account still owes before it reads anything: `set-up` (a staff account with
 * no second factor), `verify` (one it has, not yet shown in this session), or nothing.
 */
export type SecondFactorOwed = 'set-up' | 'verify' | null;

/** The roles that read records or disclosures, or administer who does: they need a second factor. */
export const SECOND_FACTOR_ROLES = ['practitioner', 'lead', 'duty'] as const;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    secondFactorOwed: SecondFactorOwed;
  }
}

/**
 * A second factor is owed when it is required, the account holds a staff role, the session signed
 * in with a password (organisation sign-on brings the organisation's own) and has not shown one.
 */
export function secondFactorRequired(required: boolean, actor: Actor | null, session: { signedInWith?: string; secondFactorAt?: number }): boolean {
  if (!required || !actor || session.secondFactorAt) return false;
  if (session.signedInWith === 'organisation') return false;
  return SECOND_FACTOR_ROLES.some((role) => actor.roles.has(role));
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
  async function auth(app, opts: { loadActor: ActorLoader; requireStaffMfa: boolean; hasSecondFactor: SecondFactorLoader }) {
    app.decorateRequest('actor', null);
    app.decorateRequest('secondFactorOwed', null);
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const accountId = request.session?.accountId;
      request.actor = accountId ? await opts.loadActor(accountId, request.session.signedInAt ?? 0) : null;
      if (accountId && !request.actor) await request.session.regenerate();
      request.secondFactorOwed = null;
      if (request.actor && secondFactorRequired(opts.requireStaffMfa, request.actor, request.session)) {
        request.secondFactorOwed = (await opts.hasSecondFactor(request.actor.id)) ? 'verify' : 'set-up';
      }
    });
  },
  { name: 'auth', dependencies: ['sessions'] },
);
