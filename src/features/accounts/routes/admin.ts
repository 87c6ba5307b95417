// The lead's administration: accounts and their roles, invitations, and the outbox.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { ROLES_REFUSED, readInviteForm, readRoles } from '../forms/accounts.ts';
import { ROLE_LABELS, outboxRows, roleItems } from '../present/accounts.ts';
import { AccountParams, InviteBody, RolesBody } from '../schemas.ts';
import * as service from '../service.ts';

export default async function adminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/admin/accounts', { config: { policy: 'lead' } }, async (_request, reply) => {
    const { accounts, invitations } = await service.accountsOverview(db);
    return reply.view('accounts/views/admin-accounts.njk', { pageTitle: 'Accounts', accounts, invitations, roleLabels: ROLE_LABELS, now: new Date().toISOString() });
  });

  const renderInvite = (reply: FastifyReply, values: { email?: string; displayName?: string; roles: string[] }, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('accounts/views/invite.njk', { pageTitle: 'Invite someone', values, roleItems: roleItems(values.roles), ...formErrors(errors) });

  app.get('/admin/invitations/new', { config: { policy: 'lead' } }, async (_request, reply) => renderInvite(reply, { roles: [] }));

  app.post('/admin/invitations', { config: { policy: 'lead' }, schema: { body: InviteBody } }, async (request, reply) => {
    const { values, errors } = readInviteForm(request.body);
    if (errors.length) return renderInvite(reply, values, errors);
    await service.invite(db, config, { ...values, invitedBy: request.actor!.id });
    request.session.flash = 'Invitation sent';
    return reply.redirect('/admin/accounts', 303);
  });

  app.get('/admin/accounts/:id', { config: { policy: 'lead' }, schema: { params: AccountParams } }, async (request, reply) => {
    const account = await service.accountForLead(db, request.params.id);
    return reply.view('accounts/views/account.njk', { pageTitle: account.displayName, account, roleItems: roleItems(account.roles) });
  });

  app.post('/admin/accounts/:id/roles', { config: { policy: 'lead' }, schema: { params: AccountParams, body: RolesBody } }, async (request, reply) => {
    const roles = readRoles(request.body);
    try {
      await service.changeRoles(db, request.params.id, roles, request.actor!.id);
    } catch (error) {
      const code = refusalCode(error, ROLES_REFUSED);
      if (!code) throw error;
      const account = await service.accountForLead(db, request.params.id);
      return reply.code(400).view('accounts/views/account.njk', {
        pageTitle: account.displayName,
        account: { ...account, roles },
        roleItems: roleItems(roles),
        ...formErrors([ROLES_REFUSED[code]]),
      });
    }
    request.session.flash = 'Roles saved';
    return reply.redirect('/admin/accounts', 303);
  });

  app.get('/admin/outbox', { config: { policy: 'lead' } }, async (_request, reply) => {
    return reply.view('accounts/views/outbox.njk', { pageTitle: 'Outbox', messages: outboxRows(await service.outboxForLead(db)), smtpConfigured: Boolean(config.smtpUrl) });
  });
}
