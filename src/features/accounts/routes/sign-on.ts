// Signing in through the organisation's identity provider (staff) and NHS login (people):
// start (a redirect to the provider, with state, nonce and PKCE kept in this session) and the
// callback (the library checks them, and the id token; the service decides whose account it is).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/policy.ts';
import { SIGN_IN_REFUSED, SIGN_ON_FAILED } from '../forms/accounts.ts';
import { CALLBACK_PATHS, finishSignOn, signOnEnabled, startSignOn, type PendingSignOn, type SignOnClaims, type SignOnKind } from '../oidc.ts';
import { safeNext } from '../present/accounts.ts';
import { SignOnCallbackQuery, SignOnStartQuery } from '../schemas.ts';
import { signInWithNhsLogin, signInWithOrganisation } from '../sign-on.ts';
import { landingFor, startSession } from './session.ts';
import { signInPage } from './sign-in.ts';

declare module 'fastify' {
  interface Session {
    /** A sign-on under way: what its callback must find again. */
    signOn?: PendingSignOn;
  }
}

const START_PATHS: Record<SignOnKind, string> = { organisation: '/sign-in/oidc', 'nhs-login': '/sign-in/nhs-login' };
// Starting and finishing a sign-on, per network address: plenty for people, too few to hammer the provider through us.
const SIGN_ON_LIMIT = { max: 30, timeWindow: 15 * 60 * 1000 };

export default async function signOnRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  const refuse = (reply: FastifyReply, next: string, error = SIGN_ON_FAILED) => signInPage(reply, config, { next }, [error]);

  for (const kind of ['organisation', 'nhs-login'] as const) {
    app.get(START_PATHS[kind], { config: { policy: 'public', rateLimit: SIGN_ON_LIMIT }, schema: { querystring: SignOnStartQuery } }, async (request, reply) => {
      if (!signOnEnabled(config, kind)) throw new NotFoundError('Not found');
      const next = safeNext(request.query.next);
      if (request.actor) return reply.redirect(next, 303);
      const invitation = kind === 'nhs-login' ? request.query.invitation : undefined;
      try {
        const { url, pending } = await startSignOn(config, kind, next, invitation);
        request.session.signOn = pending;
        return reply.redirect(url, 303);
      } catch (error) {
        request.log.warn({ kind, error: errorName(error) }, 'sign-on could not start');
        return reply.code(503).view('errors/error.njk', {
          pageTitle: 'Sorry, there is a problem',
          heading: 'Sorry, there is a problem',
          message: kind === 'organisation' ? 'Signing in with your organisation account is not working at the moment. Sign in with your email address and password, or try again later.' : 'NHS login is not working at the moment. Try again later.',
        });
      }
    });

    app.get(CALLBACK_PATHS[kind], { config: { policy: 'public', rateLimit: SIGN_ON_LIMIT }, schema: { querystring: SignOnCallbackQuery } }, async (request, reply) => {
      if (!signOnEnabled(config, kind)) throw new NotFoundError('Not found');
      const pending = request.session.signOn;
      request.session.signOn = undefined;
      if (!pending || pending.kind !== kind) return refuse(reply, '/');
      let claims: SignOnClaims;
      try {
        claims = await finishSignOn(config, pending, callbackUrl(config.publicUrl, request));
      } catch (error) {
        // Which check failed goes to the log (its name and code only); the person is told to try again.
        request.log.warn({ kind, error: errorName(error) }, 'sign-on refused');
        return refuse(reply, pending.next);
      }
      const accountId = kind === 'organisation' ? await signInWithOrganisation(db, claims) : await signInWithNhsLogin(db, config, claims, pending.invitation);
      if (!accountId) return refuse(reply, pending.next, SIGN_IN_REFUSED);
      await startSession(request, accountId, kind);
      return reply.redirect(await landingFor(db, accountId, pending.next), 303);
    });
  }
}

/** The callback's address as the provider sent the browser to it (the public origin, then the path and query). */
function callbackUrl(publicUrl: string, request: FastifyRequest): URL {
  return new URL(request.url, publicUrl + '/');
}

function errorName(error: unknown): string {
  if (error instanceof Error) return [error.name, (error as { code?: unknown }).code].filter(Boolean).join(' ');
  return 'unknown';
}
