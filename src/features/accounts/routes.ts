// Sign in and out, invitations, password resets, and the lead's account administration.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../platform/policy.ts';
import { EMAIL_PATTERN, formErrors, list, text, type FieldError } from '../../platform/forms.ts';
import { passwordProblem } from './password-policy.ts';
import * as repo from './repository.ts';
import { AccountParams, EmailBody, InviteBody, NewPasswordBody, RolesBody, SignInBody, SignInQuery, TokenParams } from './schemas.ts';
import * as service from './service.ts';

// Attempts per address from one network address: enough for a person who mistypes, too few
// to guess a password. Counted after the body is read, so the key can include the address.
const perAddress = (max: number) => ({
  max,
  timeWindow: 15 * 60 * 1000,
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${request.ip}|${repo.normaliseEmail(text(request.body, 'email'))}`,
});
const SIGN_IN_LIMIT = perAddress(10);
// Two more limits on sign-in, beside the one per (network address, email): one network address
// trying one password on many accounts, and many addresses trying one account.
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
const SIGN_IN_PER_NETWORK_ADDRESS = 50;
const SIGN_IN_PER_ACCOUNT = 30;
const RESET_LIMIT = perAddress(5);
// Tokens carry 256 random bits: this limit only stops a flood.
const TOKEN_LIMIT = { max: 30, timeWindow: 15 * 60 * 1000 };

const PRIVATE_PURPOSES = new Set(['password-reset']);

export const ROLE_LABELS: Record<Role, string> = {
  person: 'Person using the service',
  practitioner: 'Practitioner',
  group: 'Coproduction Group member',
  lead: 'Service lead',
};

/** Only a path on this site: never another origin (open redirects) or a protocol-relative URL. */
export function safeNext(next: string | undefined): string {
  // A path on this site: one leading slash, then printable ASCII with no backslash. Browsers drop
  // tabs and newlines, so "/\t/evil.example" would otherwise become "//evil.example".
  if (!next || !/^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next)) return '/';
  return next;
}

async function startSession(request: FastifyRequest, accountId: string): Promise<void> {
  await request.session.regenerate();
  const now = Date.now();
  request.session.accountId = accountId;
  request.session.signedInAt = now;
  request.session.lastSeenAt = now;
}

function roleItems(selected: readonly string[] | undefined) {
  return ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: Boolean(selected?.includes(role)) }));
}

function parseRoles(raw: string[]): Role[] {
  return ROLES.filter((role) => raw.includes(role));
}

export default async function accounts(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  const renderSignIn = (reply: FastifyReply, values: { email?: string; next?: string }, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('accounts/views/sign-in.njk', { pageTitle: 'Sign in', values, ...formErrors(errors) });

  app.get('/sign-in', { config: { policy: 'public' }, schema: { querystring: SignInQuery } }, async (request, reply) => {
    if (request.actor) return reply.redirect(safeNext(request.query.next), 303);
    return renderSignIn(reply, { next: safeNext(request.query.next) });
  });

  app.post(
    '/sign-in',
    { config: { policy: 'public', rateLimit: SIGN_IN_LIMIT }, schema: { body: SignInBody } },
    async (request, reply) => {
      const email = text(request.body, 'email');
      const password = typeof request.body.password === 'string' ? request.body.password : '';
      const next = safeNext(text(request.body, 'next'));
      const errors: FieldError[] = [];
      if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
      if (!password) errors.push({ field: 'password', message: 'Enter your password' });
      if (errors.length) return renderSignIn(reply, { email, next }, errors);

      const [fromHere, forAccount] = await Promise.all([
        fastify.store.increment(`sign-in-ip:${request.ip}`, SIGN_IN_WINDOW_MS),
        fastify.store.increment(`sign-in-email:${repo.normaliseEmail(email)}`, SIGN_IN_WINDOW_MS),
      ]);
      if (fromHere.count > SIGN_IN_PER_NETWORK_ADDRESS || forAccount.count > SIGN_IN_PER_ACCOUNT) {
        return reply.code(429).view('errors/error.njk', {
          pageTitle: 'Too many attempts',
          heading: 'Too many attempts',
          message: `There have been too many attempts to sign in. Wait ${Math.ceil(Math.max(fromHere.ttlMs, forAccount.ttlMs) / 60000)} minutes, then try again.`,
        });
      }
      const accountId = await service.signIn(db, email, password);
      if (!accountId) {
        // The same words whether the address is unknown or the password wrong.
        return renderSignIn(reply, { email, next }, [{ field: 'email', message: 'Enter a correct email address and password' }]);
      }
      await startSession(request, accountId);
      return reply.redirect(next, 303);
    },
  );

  app.get('/sign-out', { config: { policy: 'public' } }, async (request, reply) => {
    if (!request.actor) return reply.redirect('/', 303);
    return reply.view('accounts/views/sign-out.njk', { pageTitle: 'Sign out' });
  });

  app.post('/sign-out', { config: { policy: 'public' } }, async (request, reply) => {
    await request.session.regenerate();
    return reply.view('accounts/views/signed-out.njk', { pageTitle: 'You have signed out', actor: null, navigationItems: [], accountItems: [{ href: '/sign-in', text: 'Sign in' }] });
  });

  // Password reset
  app.get('/forgot-password', { config: { policy: 'public' } }, async (_request, reply) =>
    reply.view('accounts/views/forgot-password.njk', { pageTitle: 'Reset your password', values: {} }),
  );

  app.post(
    '/forgot-password',
    { config: { policy: 'public', rateLimit: RESET_LIMIT }, schema: { body: EmailBody } },
    async (request, reply) => {
      const email = text(request.body, 'email');
      if (!EMAIL_PATTERN.test(email)) {
        return reply.code(400).view('accounts/views/forgot-password.njk', {
          pageTitle: 'Reset your password',
          values: { email },
          ...formErrors([{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }]),
        });
      }
      await service.requestPasswordReset(db, config, email);
      return reply.view('accounts/views/check-email.njk', { pageTitle: 'Check your email' });
    },
  );

  const renderNewPassword = (reply: FastifyReply, kind: 'reset' | 'invitation', token: string, errors: FieldError[] = [], name?: string) =>
    reply.code(errors.length ? 400 : 200).view('accounts/views/new-password.njk', {
      pageTitle: kind === 'reset' ? 'Choose a new password' : 'Accept your invitation',
      kind,
      name,
      action: kind === 'reset' ? `/reset-password/${token}` : `/invitations/${token}`,
      ...formErrors(errors),
    });

  const linkExpired = (reply: FastifyReply) =>
    reply.code(404).view('accounts/views/link-expired.njk', { pageTitle: 'This link has expired' });

  function newPasswordErrors(body: { password?: string; confirm?: string }, email?: string): FieldError[] {
    const password = typeof body.password === 'string' ? body.password : '';
    const problem = passwordProblem(password, email ? { email } : {});
    if (problem) return [{ field: 'password', message: problem }];
    if (password !== body.confirm) return [{ field: 'confirm', message: 'The passwords do not match' }];
    return [];
  }

  app.get('/reset-password/:token', { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams } }, async (request, reply) => {
    if (!(await service.findPasswordReset(db, request.params.token))) return linkExpired(reply);
    return renderNewPassword(reply, 'reset', request.params.token);
  });

  app.post(
    '/reset-password/:token',
    { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams, body: NewPasswordBody } },
    async (request, reply) => {
      const reset = await service.findPasswordReset(db, request.params.token);
      if (!reset) return linkExpired(reply);
      const account = await repo.getAccount(db, reset.account_id);
      const errors = newPasswordErrors(request.body, account?.email);
      if (errors.length) return renderNewPassword(reply, 'reset', request.params.token, errors);
      const accountId = await service.resetPassword(db, request.params.token, request.body.password ?? '');
      if (!accountId) return linkExpired(reply);
      await startSession(request, accountId);
      return reply.redirect('/', 303);
    },
  );

  // Invitations
  app.get('/invitations/:token', { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams } }, async (request, reply) => {
    const invitation = await service.findInvitation(db, request.params.token);
    if (!invitation) return linkExpired(reply);
    return renderNewPassword(reply, 'invitation', request.params.token, [], invitation.display_name);
  });

  app.post(
    '/invitations/:token',
    { config: { policy: 'public', rateLimit: TOKEN_LIMIT }, schema: { params: TokenParams, body: NewPasswordBody } },
    async (request, reply) => {
      const invitation = await service.findInvitation(db, request.params.token);
      if (!invitation) return linkExpired(reply);
      const errors = newPasswordErrors(request.body, invitation.email);
      if (errors.length) return renderNewPassword(reply, 'invitation', request.params.token, errors, invitation.display_name);
      const accountId = await service.acceptInvitation(db, request.params.token, request.body.password ?? '');
      if (!accountId) return linkExpired(reply);
      await startSession(request, accountId);
      return reply.redirect('/', 303);
    },
  );

  // The lead's administration: accounts, roles, invitations and the outbox.
  app.get('/admin/accounts', { config: { policy: 'lead' } }, async (_request, reply) => {
    const [accounts, invitations] = await Promise.all([repo.listAccounts(db), repo.listInvitations(db)]);
    return reply.view('accounts/views/admin-accounts.njk', { pageTitle: 'Accounts', accounts, invitations, roleLabels: ROLE_LABELS, now: new Date().toISOString() });
  });

  const renderInvite = (reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('accounts/views/invite.njk', { pageTitle: 'Invite someone', values, roleItems: roleItems(values.roles as string[] | undefined), ...formErrors(errors) });

  app.get('/admin/invitations/new', { config: { policy: 'lead' } }, async (_request, reply) => renderInvite(reply, { roles: [] }));

  app.post('/admin/invitations', { config: { policy: 'lead' }, schema: { body: InviteBody } }, async (request, reply) => {
    const email = text(request.body, 'email');
    const displayName = text(request.body, 'displayName');
    const roles = parseRoles(list(request.body, 'roles'));
    const errors: FieldError[] = [];
    if (!displayName) errors.push({ field: 'displayName', message: 'Enter the name they use' });
    else if (displayName.length > 200) errors.push({ field: 'displayName', message: 'Name must be 200 characters or fewer' });
    if (!EMAIL_PATTERN.test(email) || email.length > 320) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' });
    if (!roles.length) errors.push({ field: 'roles', message: 'Select at least one role' });
    if (errors.length) return renderInvite(reply, { email, displayName, roles }, errors);
    await service.invite(db, config, { email, displayName, roles, invitedBy: request.actor!.id });
    request.session.flash = 'Invitation sent';
    return reply.redirect('/admin/accounts', 303);
  });

  app.get('/admin/accounts/:id', { config: { policy: 'lead' }, schema: { params: AccountParams } }, async (request, reply) => {
    const account = await repo.getAccount(db, request.params.id);
    if (!account) return reply.callNotFound();
    return reply.view('accounts/views/account.njk', { pageTitle: account.displayName, account, roleItems: roleItems(account.roles) });
  });

  app.post('/admin/accounts/:id/roles', { config: { policy: 'lead' }, schema: { params: AccountParams, body: RolesBody } }, async (request, reply) => {
    const roles = parseRoles(list(request.body, 'roles'));
    if (request.params.id === request.actor!.id && !roles.includes('lead')) {
      const account = await repo.getAccount(db, request.params.id);
      return reply.code(400).view('accounts/views/account.njk', {
        pageTitle: account?.displayName ?? 'Account',
        account: { ...account, roles },
        roleItems: roleItems(roles),
        ...formErrors([{ field: 'roles', message: 'You cannot remove your own lead role. Ask another lead to do it' }]),
      });
    }
    if (!(await service.changeRoles(db, request.params.id, roles, request.actor!.id))) return reply.callNotFound();
    request.session.flash = 'Roles saved';
    return reply.redirect('/admin/accounts', 303);
  });

  app.get('/admin/outbox', { config: { policy: 'lead' } }, async (_request, reply) => {
    const messages = await db
      .selectFrom('outbox')
      .select(['id', 'to_address', 'subject', 'body_text', 'purpose', 'status', 'attempts', 'created_at', 'sent_at', 'last_error'])
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    // A reset link signs in as its owner: nobody but them may ever see it, the lead included.
    const shown = messages.map((m) => (PRIVATE_PURPOSES.has(m.purpose) ? { ...m, body_text: null } : m));
    return reply.view('accounts/views/outbox.njk', { pageTitle: 'Outbox', messages: shown, smtpConfigured: Boolean(config.smtpUrl) });
  });
}
