// Signing in and out. Attempts are limited three ways: per (network address, email), per
// network address, and per account, so neither one address trying many accounts nor many
// addresses trying one account gets far. A passkey signs in on its own too (the page's script
// asks for options naming no account, the browser offers the passkeys it holds for this address,
// and its answer is posted back): it was verified by the person's fingerprint, face or PIN, so
// for staff it is the password and the second factor at once.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../platform/config.ts';
import { formErrors, text, type FieldError } from '../../../platform/forms.ts';
import { normaliseEmail } from '../email.ts';
import { SIGN_IN_REFUSED, readSignInForm } from '../forms/accounts.ts';
import { safeNext } from '../present/accounts.ts';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { passkeySignInOptions } from '../second-factor.ts';
import { PasskeyBody, SignInBody, SignInQuery } from '../schemas.ts';
import * as service from '../service.ts';
import { landingFor, startSession } from './session.ts';

// Attempts per address from one network address: enough for a person who mistypes, too few
// to guess a password. Counted after the body is read, so the key can include the address.
export const perAddress = (max: number) => ({
  max,
  timeWindow: 15 * 60 * 1000,
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${request.ip}|${normaliseEmail(text(request.body, 'email'))}`,
});
const SIGN_IN_LIMIT = perAddress(10);
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
const SIGN_IN_PER_NETWORK_ADDRESS = 50;
const SIGN_IN_PER_ACCOUNT = 30;
/** Passkey sign-ins from one network address: no password to guess, but no endless tries either. */
const PASSKEY_SIGN_IN_LIMIT = { max: 30, timeWindow: 15 * 60 * 1000 };

/** The sign-in page, offering the organisation's sign-on and NHS login where they are set up. */
export function signInPage(reply: FastifyReply, config: Config, values: { email?: string; next?: string }, errors: FieldError[] = []) {
  const next = values.next && values.next !== '/' ? `?next=${encodeURIComponent(values.next)}` : '';
  return reply.code(errors.length ? 400 : 200).view('accounts/views/sign-in.njk', {
    pageTitle: 'Sign in',
    values,
    organisationSignOn: config.oidc ? `/sign-in/oidc${next}` : undefined,
    nhsLogin: config.nhsLogin ? `/sign-in/nhs-login${next}` : undefined,
    ...formErrors(errors),
  });
}

export default async function signInRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  const renderSignIn = (reply: FastifyReply, values: { email?: string; next?: string }, errors: FieldError[] = []) => signInPage(reply, fastify.config, values, errors);

  app.get('/sign-in', { config: { policy: 'public' }, schema: { querystring: SignInQuery } }, async (request, reply) => {
    if (request.actor) return reply.redirect(safeNext(request.query.next), 303);
    return renderSignIn(reply, { next: safeNext(request.query.next) });
  });

  app.post('/sign-in', { config: { policy: 'public', rateLimit: SIGN_IN_LIMIT }, schema: { body: SignInBody } }, async (request, reply) => {
    const { values, password, errors } = readSignInForm(request.body);
    const next = safeNext(values.next);
    if (errors.length) return renderSignIn(reply, { email: values.email, next }, errors);

    const [fromHere, forAccount] = await Promise.all([
      fastify.store.increment(`sign-in-ip:${request.ip}`, SIGN_IN_WINDOW_MS),
      fastify.store.increment(`sign-in-email:${normaliseEmail(values.email)}`, SIGN_IN_WINDOW_MS),
    ]);
    if (fromHere.count > SIGN_IN_PER_NETWORK_ADDRESS || forAccount.count > SIGN_IN_PER_ACCOUNT) {
      return reply.code(429).view('errors/error.njk', {
        pageTitle: 'Too many attempts',
        heading: 'Too many attempts',
        message: `There have been too many attempts to sign in. Wait ${Math.ceil(Math.max(fromHere.ttlMs, forAccount.ttlMs) / 60000)} minutes, then try again.`,
      });
    }
    const accountId = await service.signIn(db, values.email, password);
    if (!accountId) return renderSignIn(reply, { email: values.email, next }, [SIGN_IN_REFUSED]);
    await startSession(request, accountId, 'password');
    return reply.redirect(await landingFor(db, accountId, next), 303);
  });

  app.post('/sign-in/passkey/options', { config: { policy: 'public', rateLimit: PASSKEY_SIGN_IN_LIMIT } }, async (request) => {
    const options = await passkeySignInOptions(fastify.config);
    request.session.webauthnChallenge = options.challenge;
    return options;
  });

  app.post('/sign-in/passkey', { config: { policy: 'public', rateLimit: PASSKEY_SIGN_IN_LIMIT }, schema: { body: PasskeyBody } }, async (request, reply) => {
    const challenge = request.session.webauthnChallenge;
    request.session.webauthnChallenge = undefined;
    const accountId = challenge ? await service.signInWithPasskey(db, fastify.config, request.body.response as unknown as AuthenticationResponseJSON, challenge) : undefined;
    if (!accountId) return reply.code(400).send({ signedIn: false });
    await startSession(request, accountId, 'passkey');
    // The passkey is the second factor as well: nothing more is asked of staff.
    request.session.secondFactorAt = Date.now();
    return { signedIn: true, next: await landingFor(db, accountId, safeNext(request.body.next)) };
  });

  app.get('/sign-out', { config: { policy: 'public' } }, async (request, reply) => {
    if (!request.actor) return reply.redirect('/', 303);
    return reply.view('accounts/views/sign-out.njk', { pageTitle: 'Sign out' });
  });

  // One step, from the header's "Sign out" button on every page. It needs no CSRF token: signing
  // someone out harms nobody, and it must work even when the page's form has expired.
  app.post('/sign-out', { config: { policy: 'public', csrf: false } }, async (request, reply) => {
    await request.session.regenerate();
    return reply.view('accounts/views/signed-out.njk', { pageTitle: 'You have signed out', actor: null, navigationItems: [], accountItems: [{ href: '/sign-in', text: 'Sign in' }] });
  });
}
