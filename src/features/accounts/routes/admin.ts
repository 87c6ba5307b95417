// The lead's administration: accounts, their roles and suspension, invitations, and the outbox.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { INVITE_REFUSED, ROLES_REFUSED, SUSPENSION_REFUSED, readInviteForm, readRoles, readSuspendForm } from '../forms/accounts.ts';
import { ROLE_LABELS, accountPage, outboxRows, roleItems } from '../present/accounts.ts';
import { AccountParams, AccountsQuery, CsrfOnlyBody, InviteBody, RolesBody, SuspendBody } from '../schemas.ts';
import * as service from '../service.ts';

export default async function adminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/admin/accounts', { config: { policy: 'lead' }, schema: { querystring: AccountsQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim().slice(0, 200);
    if (q) {
      const found = await service.searchAccounts(db, q);
      return reply.view('accounts/views/admin-accounts.njk', { pageTitle: `Accounts matching “${q}”`, ...found, q, found: found.accounts.length + found.suspended.length, searched: true, roleLabels: ROLE_LABELS });
    }
    const { accounts, suspended, invitations } = await service.accountsOverview(db);
    return reply.view('accounts/views/admin-accounts.njk', { pageTitle: 'Accounts', accounts, suspended, invitations, roleLabels: ROLE_LABELS, now: new Date().toISOString() });
  });

  const renderInvite = (reply: FastifyReply, values: { email?: string; displayName?: string; roles: string[] }, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('accounts/views/invite.njk', { pageTitle: 'Invite someone', values, roleItems: roleItems(values.roles), ...formErrors(errors) });

  app.get('/admin/invitations/new', { config: { policy: 'lead' } }, async (_request, reply) => renderInvite(reply, { roles: [] }));

  app.post('/admin/invitations', { config: { policy: 'lead' }, schema: { body: InviteBody } }, async (request, reply) => {
    const { values, errors } = readInviteForm(request.body);
    if (errors.length) return renderInvite(reply, values, errors);
    try {
      await service.invite(db, config, { ...values, invitedBy: request.actor!.id });
    } catch (error) {
      const code = refusalCode(error, INVITE_REFUSED);
      if (!code) throw error;
      return renderInvite(reply, values, [INVITE_REFUSED[code]]);
    }
    request.session.flash = 'Invitation sent';
    return reply.redirect('/admin/accounts', 303);
  });

  const renderAccount = async (reply: FastifyReply, leadId: string, id: string, form: Parameters<typeof accountPage>[1] = {}) =>
    reply.code(form.errors?.length ? 400 : 200).view('accounts/views/account.njk', accountPage(await service.accountForLead(db, id, leadId), form));

  app.get('/admin/accounts/:id', { config: { policy: 'lead' }, schema: { params: AccountParams } }, async (request, reply) =>
    renderAccount(reply, request.actor!.id, request.params.id),
  );

  app.post('/admin/accounts/:id/roles', { config: { policy: 'lead' }, schema: { params: AccountParams, body: RolesBody } }, async (request, reply) => {
    const roles = readRoles(request.body);
    try {
      await service.changeRoles(db, request.params.id, roles, request.actor!.id);
    } catch (error) {
      const code = refusalCode(error, ROLES_REFUSED);
      if (!code) throw error;
      return renderAccount(reply, request.actor!.id, request.params.id, { roles, errors: [ROLES_REFUSED[code]] });
    }
    request.session.flash = 'Roles saved';
    return reply.redirect('/admin/accounts', 303);
  });

  app.post('/admin/accounts/:id/suspend', { config: { policy: 'lead' }, schema: { params: AccountParams, body: SuspendBody } }, async (request, reply) => {
    const { reason, errors } = readSuspendForm(request.body);
    if (errors.length) return renderAccount(reply, request.actor!.id, request.params.id, { reason, errors });
    try {
      await service.suspendAccount(db, { accountId: request.params.id, reason, by: request.actor!.id });
    } catch (error) {
      const code = refusalCode(error, SUSPENSION_REFUSED);
      if (!code) throw error;
      return renderAccount(reply, request.actor!.id, request.params.id, { reason, errors: [SUSPENSION_REFUSED[code]] });
    }
    request.session.flash = 'Account suspended. Every session of it has ended';
    return reply.redirect(`/admin/accounts/${request.params.id}`, 303);
  });

  app.post('/admin/accounts/:id/restore', { config: { policy: 'lead' }, schema: { params: AccountParams, body: CsrfOnlyBody } }, async (request, reply) => {
    await service.restoreAccount(db, request.params.id, request.actor!.id);
    request.session.flash = 'Account restored. They can sign in again';
    return reply.redirect(`/admin/accounts/${request.params.id}`, 303);
  });

  app.get('/admin/outbox', { config: { policy: 'lead' } }, async (_request, reply) => {
    return reply.view('accounts/views/outbox.njk', { pageTitle: 'Outbox', messages: outboxRows(await service.outboxForLead(db)), smtpConfigured: Boolean(config.smtpUrl), notifyConfigured: Boolean(config.notify) });
  });
}
