// The links withme sends: "forgot your password" and the reset link it mails, and invitations.
// Each link is single use, expires, and is stored only as a hash; a used or unknown one is
// "This link has expired", whatever the reason.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { readEmailForm, readNewPasswordForm } from '../forms/accounts.ts';
import { EmailBody, NewPasswordBody, TokenParams } from '../schemas.ts';
import * as service from '../service.ts';
import { invitationMayUseNhsLogin } from '../sign-on.ts';
import { landingFor, startSession } from './session.ts';
import { perAddress } from './sign-in.ts';

const RESET_LIMIT = perAddress(5);
// Tokens carry 256 random bits: this limit only stops a flood.
const TOKEN_LIMIT = { max: 30, timeWindow: 15 * 60 * 1000 };

export default async function linkRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/forgot-password', { config: { policy: 'public' } }, async (_request, reply) =>
    reply.view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', values: {} }),
  );

  app.post('/forgot-password', { config: { policy: 'public', rateLimit: RESET_LIMIT }, schema: { body: EmailBody } }, async (request, reply) => {
    const { email, errors } = readEmailForm(request.body);
    if (errors.length) {
      return reply.code(400).view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', values: { email }, ...formErrors(errors) });
    }
    await service.requestPasswordReset(db, config, email);
    return reply.view('accounts/views/check-email.njk', { pageTitle: 'Check your email' });
  });

  const renderNewPassword = (reply: FastifyReply, kind: 'reset' | 'invitation', token: string, errors: FieldError[] = [], name?: string, roles?: string) =>
    reply.code(errors.length ? 400 : 200).view('accounts/views/new-password.njk', {
      pageTitle: kind === 'reset' ? 'Choose a new password' : 'Accept your invitation',
      kind,
      name,
      // NHS login is for the people the service is for: an invitation to a person account offers it.
      nhsLogin: kind === 'invitation' && config.nhsLogin && invitationMayUseNhsLogin(roles) ? `/sign-in/nhs-login?invitation=${encodeURIComponent(token)}` : undefined,
      action: kind === 'reset' ? `/reset-password/${token}` : `/invitations/${token}`,
      ...formErrors(errors),
    });

  const linkExpired = (reply: FastifyReply) => reply.code(404).view('accounts/views/link-expired.njk', { pageTitle: 'This link has expired' });

  app.get('/reset-password/:token', { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams } }, async (request, reply) => {
    if (!(await service.findPasswordReset(db, request.params.token))) return linkExpired(reply);
    return renderNewPassword(reply, 'reset', request.params.token);
  });

  app.post('/reset-password/:token', { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams, body: NewPasswordBody } }, async (request, reply) => {
    const reset = await service.findPasswordReset(db, request.params.token);
    if (!reset) return linkExpired(reply);
    const { password, errors } = readNewPasswordForm(request.body, reset.email);
    if (errors.length) return renderNewPassword(reply, 'reset', request.params.token, errors);
    const accountId = await service.resetPassword(db, request.params.token, password);
    if (!accountId) return linkExpired(reply);
    await startSession(request, accountId, 'password');
    return reply.redirect(await landingFor(db, accountId, '/'), 303);
  });

  app.get('/invitations/:token', { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams } }, async (request, reply) => {
    const invitation = await service.findInvitation(db, request.params.token);
    if (!invitation) return linkExpired(reply);
    return renderNewPassword(reply, 'invitation', request.params.token, [], invitation.display_name, invitation.roles);
  });

  app.post('/invitations/:token', { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams, body: NewPasswordBody } }, async (request, reply) => {
    const invitation = await service.findInvitation(db, request.params.token);
    if (!invitation) return linkExpired(reply);
    const { password, errors } = readNewPasswordForm(request.body, invitation.email);
    if (errors.length) return renderNewPassword(reply, 'invitation', request.params.token, errors, invitation.display_name, invitation.roles);
    const accountId = await service.acceptInvitation(db, request.params.token, password);
    if (!accountId) return linkExpired(reply);
    await startSession(request, accountId, 'password');
    return reply.redirect(await landingFor(db, accountId, '/'), 303);
  });
}
