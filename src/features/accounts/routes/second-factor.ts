// A second factor: set one up (an authenticator app, without JavaScript, or a passkey), show it
// after signing in with a password, or use a recovery code. The policy plugin sends a staff
// account that owes one here and lets it reach nothing else; these routes are the only ones
// marked `beforeSecondFactor`. A session that owes one it already has ('verify') may not add
// another: that would let a password alone make its own second factor.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { text } from '../../../platform/forms.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import { safeNext } from '../present/accounts.ts';
import { CodeBody, PasskeyBody, SecondFactorQuery } from '../schemas.ts';
import * as factors from '../second-factor.ts';

const VERIFY_WINDOW_MS = 15 * 60 * 1000;
const VERIFY_PER_ACCOUNT = 10;
const CODE_ERROR = { text: 'Enter the 6 digit code from your authenticator app, or one of your recovery codes', href: '#code' };
const SETUP_CODE_ERROR = { text: 'Enter the 6 digit code your authenticator app shows now', href: '#code' };

declare module 'fastify' {
  interface Session {
    /** Recovery codes just made, shown on the next page once and then forgotten. */
    recoveryCodesToShow?: string[];
    secondFactorNext?: string;
  }
}

const ROUTE = { policy: 'own-account', beforeSecondFactor: true } as const;

export default async function secondFactorRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  const passed = (request: FastifyRequest) => {
    request.session.secondFactorAt = Date.now();
    request.session.pendingTotpSecret = undefined;
    request.session.webauthnChallenge = undefined;
  };
  const mayAdd = (request: FastifyRequest) => {
    if (request.secondFactorOwed === 'verify') throw new NotFoundError('Not found');
  };
  /** After adding a factor: the recovery codes once (when new), then where the account was going. */
  const afterAdding = (request: FastifyRequest, codes: string[] | null, next: string): string => {
    passed(request);
    if (!codes) return next;
    request.session.recoveryCodesToShow = codes;
    request.session.secondFactorNext = next;
    return '/account/second-factor/recovery-codes';
  };
  const tooMany = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const { count } = await fastify.store.increment(`second-factor:${request.actor?.id ?? ''}`, VERIFY_WINDOW_MS);
    if (count <= VERIFY_PER_ACCOUNT) return false;
    await reply.code(429).view('errors/error.njk', { pageTitle: 'Too many attempts', heading: 'Too many attempts', message: 'There have been too many attempts. Wait 15 minutes, then try again.' });
    return true;
  };

  const renderVerify = async (request: FastifyRequest, reply: FastifyReply, next: string, error?: { text: string; href: string }) => {
    const { factors: list } = await factors.secondFactorsOf(db, request.actor?.id ?? '');
    return reply.code(error ? 400 : 200).view('accounts/views/second-factor-verify.njk', {
      pageTitle: 'Confirm it is you',
      next,
      hasApp: list.some((f) => f.kind === 'totp'),
      hasPasskey: list.some((f) => f.kind === 'passkey'),
      errorList: error ? [error] : [],
      fieldErrors: error ? { code: { text: error.text } } : {},
    });
  };

  app.get('/account/second-factor', { config: ROUTE, schema: { querystring: SecondFactorQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.secondFactorOwed === 'verify') return renderVerify(request, reply, next);
    return reply.view('accounts/views/second-factor-set-up.njk', { pageTitle: 'Set up a second way to sign in', next, owed: request.secondFactorOwed === 'set-up' });
  });

  app.post('/account/second-factor', { config: ROUTE, schema: { body: CodeBody } }, async (request, reply) => {
    const next = safeNext(text(request.body, 'next'));
    if (request.secondFactorOwed !== 'verify') return reply.redirect(next, 303);
    if (await tooMany(request, reply)) return reply;
    const used = await factors.verifyCode(db, config, request.actor?.id ?? '', text(request.body, 'code'));
    if (!used) return renderVerify(request, reply, next, CODE_ERROR);
    passed(request);
    if (used === 'recovery-code') request.session.flash = 'You used a recovery code. It will not work again.';
    return reply.redirect(next, 303);
  });

  app.get('/account/second-factor/app', { config: ROUTE, schema: { querystring: SecondFactorQuery } }, async (request, reply) => {
    mayAdd(request);
    const { secret, uri } = factors.newAppSecret(config, request.actor?.email ?? '');
    request.session.pendingTotpSecret = secret;
    return reply.view('accounts/views/second-factor-app.njk', { pageTitle: 'Set up an authenticator app', secret, uri, next: safeNext(request.query.next) });
  });

  app.post('/account/second-factor/app', { config: ROUTE, schema: { body: CodeBody } }, async (request, reply) => {
    mayAdd(request);
    const next = safeNext(text(request.body, 'next'));
    const secret = request.session.pendingTotpSecret;
    if (!secret) return reply.redirect(`/account/second-factor/app?next=${encodeURIComponent(next)}`, 303);
    if (await tooMany(request, reply)) return reply;
    const result = await factors.addAuthenticatorApp(db, config, request.actor?.id ?? '', secret, text(request.body, 'code'));
    if (!result.added) {
      return reply.code(400).view('accounts/views/second-factor-app.njk', {
        pageTitle: 'Set up an authenticator app', ...factors.newAppSecret(config, request.actor?.email ?? '', secret), next,
        errorList: [SETUP_CODE_ERROR], fieldErrors: { code: { text: SETUP_CODE_ERROR.text } },
      });
    }
    return reply.redirect(afterAdding(request, result.recoveryCodes, next), 303);
  });

  app.get('/account/second-factor/recovery-codes', { config: ROUTE }, async (request, reply) => {
    const codes = request.session.recoveryCodesToShow;
    const next = safeNext(request.session.secondFactorNext);
    if (!codes) return reply.redirect('/account', 303);
    request.session.recoveryCodesToShow = undefined;
    request.session.secondFactorNext = undefined;
    return reply.header('cache-control', 'no-store').view('accounts/views/recovery-codes.njk', { pageTitle: 'Your recovery codes', codes, next });
  });

  // Passkeys: the page's script asks for options, lets the browser make or use the passkey, and
  // posts its answer; the challenge waits in the session meanwhile.
  app.post('/account/passkeys/options', { config: ROUTE }, async (request) => {
    mayAdd(request);
    const actor = request.actor as NonNullable<typeof request.actor>;
    const options = await factors.passkeyRegistrationOptions(db, config, actor);
    request.session.webauthnChallenge = options.challenge;
    return options;
  });

  app.post('/account/passkeys', { config: ROUTE, schema: { body: PasskeyBody } }, async (request, reply) => {
    mayAdd(request);
    const challenge = request.session.webauthnChallenge;
    request.session.webauthnChallenge = undefined;
    const next = safeNext(request.body.next);
    const result = challenge
      ? await factors.addPasskey(db, config, request.actor?.id ?? '', request.body.response as unknown as RegistrationResponseJSON, challenge, request.body.label?.trim() ?? '')
      : { added: false as const };
    if (!result.added) return reply.code(400).send({ added: false });
    return { added: true, next: afterAdding(request, result.recoveryCodes, next) };
  });

  app.post('/account/second-factor/passkey/options', { config: ROUTE }, async (request) => {
    if (request.secondFactorOwed !== 'verify') throw new NotFoundError('Not found');
    const options = await factors.passkeyAuthenticationOptions(db, config, request.actor?.id ?? '');
    request.session.webauthnChallenge = options.challenge;
    return options;
  });

  app.post('/account/second-factor/passkey', { config: ROUTE, schema: { body: PasskeyBody } }, async (request, reply) => {
    if (request.secondFactorOwed !== 'verify') throw new NotFoundError('Not found');
    if (await tooMany(request, reply)) return reply;
    const challenge = request.session.webauthnChallenge;
    request.session.webauthnChallenge = undefined;
    const ok = challenge && (await factors.verifyPasskey(db, config, request.actor?.id ?? '', request.body.response as unknown as AuthenticationResponseJSON, challenge));
    if (!ok) return reply.code(400).send({ verified: false });
    passed(request);
    return { verified: true, next: safeNext(request.body.next) };
  });
}
