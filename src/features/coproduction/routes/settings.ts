// Each member's choice of updates by mail (/coproduction/settings), their digest
// (/coproduction/digest: what needs them first) and the proposals they mute, and the lead's
// lived-experience quorum for new decisions.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/policy.ts';
import { readMuteForm, readQuorumForm, readSettingsForm } from '../forms/settings.ts';
import { statusFor } from '../present/common.ts';
import { digestPage, settingsPage, type SettingsForm } from '../present/settings.ts';
import { IdParams, MuteBody, QuorumBody, SettingsBody } from '../schemas.ts';
import { currentDigest, muteProposal, mutedProposals } from '../service/digests.ts';
import { saveMailPreference, saveQuorum, settingsView } from '../service/settings.ts';

export default async function settingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  const showSettings = async (reply: FastifyReply, actor: Actor, form: SettingsForm = {}) =>
    reply.code(statusFor(form.errors)).view('coproduction/views/settings.njk', settingsPage(await settingsView(db, actor.id), await mutedProposals(db, actor.id), actor, form));

  app.get('/coproduction/settings', { config: { policy: 'group-or-staff' } }, async (request, reply) => showSettings(reply, request.actor!));

  app.post('/coproduction/settings', { config: { policy: 'group-or-staff' }, schema: { body: SettingsBody } }, async (request, reply) => {
    const form = readSettingsForm(request.body);
    if (!form.input) return showSettings(reply, request.actor!, { values: { digest: form.values.digest }, immediate: form.values.immediate, errors: form.errors });
    await saveMailPreference(db, request.actor!, form.input);
    request.session.flash = 'Your choices have been saved';
    return reply.redirect('/coproduction/settings', 303);
  });

  app.post('/coproduction/settings/quorum', { config: { policy: 'lead' }, schema: { body: QuorumBody } }, async (request, reply) => {
    const form = readQuorumForm(request.body);
    if (!form.input) return showSettings(reply, request.actor!, { values: form.values, errors: form.errors });
    await saveQuorum(db, request.actor!, form.input);
    request.session.flash = 'The quorum for new decisions has been saved';
    return reply.redirect('/coproduction/settings', 303);
  });

  app.get('/coproduction/digest', { config: { policy: 'group-or-staff' } }, async (request, reply) =>
    reply.view('coproduction/views/digest.njk', digestPage(await currentDigest(db, request.actor!.id), request.actor!)),
  );

  app.post('/coproduction/proposals/:id/mute', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: MuteBody } }, async (request, reply) => {
    const { muted, back } = readMuteForm(request.body);
    await muteProposal(db, request.actor!, request.params.id, muted);
    request.session.flash = muted ? 'That proposal is muted: it is left out of your digests, but replies to you still come' : 'That proposal is back in your digests';
    return reply.redirect(back, 303);
  });
}
