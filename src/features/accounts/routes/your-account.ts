// "Your account": second factors (add a passkey or an app, remove one, make new recovery codes)
// and the sessions signed in as this account (device, last seen), each of which can be ended, or
// all but this one. Removing a factor or making new codes asks for the password or a code first.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { currentSessionEntryId } from '../../../platform/sessions.ts';
import { FACTOR_REFUSALS, proofRefused, readProofForm } from '../forms/your-account.ts';
import { endSessions, factorToRemove, newRecoveryCodes, proofChoices, removeFactor, yourAccount, type Proof } from '../your-account.ts';

const field = Type.Optional(Type.String({ maxLength: 10_000 }));
const EndBody = Type.Object({ session: Type.Optional(Type.String({ maxLength: 64 })), _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
const FactorQuery = Type.Object({ factor: Type.String({ minLength: 1, maxLength: 64 }) });
const RemoveFactorBody = Type.Object({ factor: Type.String({ minLength: 1, maxLength: 64 }), password: field, code: field, _csrf: field });
const ProofBody = Type.Object({ password: field, code: field, _csrf: field });

/** Attempts to show it is you, shared with the second factor's own page: 10 per account per 15 minutes. */
const PROOF_WINDOW_MS = 15 * 60 * 1000;
const PROOF_PER_ACCOUNT = 10;

export default async function yourAccountRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, store, config } = fastify;
  const actorOf = (request: FastifyRequest) => request.actor as NonNullable<typeof request.actor>;

  const tooMany = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const { count } = await store.increment(`second-factor:${actorOf(request).id}`, PROOF_WINDOW_MS);
    if (count <= PROOF_PER_ACCOUNT) return false;
    await reply.code(429).view('errors/error.njk', { pageTitle: 'Too many attempts', heading: 'Too many attempts', message: 'There have been too many attempts. Wait 15 minutes, then try again.' });
    return true;
  };

  app.get('/account', { config: { policy: 'own-account' } }, async (request, reply) => {
    const actor = actorOf(request);
    const account = await yourAccount(db, store, actor.id, currentSessionEntryId(request));
    return reply.header('cache-control', 'no-store').view('accounts/views/your-account.njk', { pageTitle: 'Your account', account, email: actor.email, name: actor.displayName });
  });

  app.post('/account/sessions/end', { config: { policy: 'own-account' }, schema: { body: EndBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const which = request.body.session && request.body.session !== 'all-others' ? { id: request.body.session } : 'all-others';
    const ended = await endSessions(db, store, actor.id, currentSessionEntryId(request), which);
    request.session.flash = ended === 1 ? 'That session has ended.' : ended ? `${ended} sessions have ended.` : 'No other session was signed in.';
    return reply.redirect('/account', 303);
  });

  // Removing a second factor: the page names it and asks for proof; another account's id is not found.
  const renderRemove = async (request: FastifyRequest, reply: FastifyReply, factorId: string, values: Partial<Proof> = {}, errors: FieldError[] = []) => {
    const actor = actorOf(request);
    const [found, choices] = await Promise.all([factorToRemove(db, config, actor, factorId), proofChoices(db, actor.id)]);
    return reply
      .code(errors.length ? 400 : 200)
      .view('accounts/views/remove-factor.njk', { pageTitle: `Remove ${found.factor.label}`, ...found, choices, values: { code: values.code ?? '' }, ...formErrors(errors) });
  };

  app.get('/account/second-factors/remove', { config: { policy: 'own-account' }, schema: { querystring: FactorQuery } }, async (request, reply) =>
    renderRemove(request, reply, request.query.factor),
  );

  app.post('/account/second-factors/remove', { config: { policy: 'own-account' }, schema: { body: RemoveFactorBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const factorId = request.body.factor;
    const { factor } = await factorToRemove(db, config, actor, factorId);
    const choices = await proofChoices(db, actor.id);
    const { values, errors } = readProofForm(request.body, choices);
    if (errors.length) return renderRemove(request, reply, factorId, values, errors);
    if (await tooMany(request, reply)) return reply;
    try {
      await removeFactor(db, config, actor, factorId, values);
    } catch (error) {
      const code = refusalCode(error, FACTOR_REFUSALS);
      if (!code) throw error;
      return renderRemove(request, reply, factorId, values, [proofRefused(code, choices, values)]);
    }
    request.session.flash = `${factor.label} has been removed.`;
    return reply.redirect('/account', 303);
  });

  // New recovery codes: shown once on the page that shows a first factor's codes, then forgotten.
  const renderNewCodes = async (request: FastifyRequest, reply: FastifyReply, values: Partial<Proof> = {}, errors: FieldError[] = []) =>
    reply
      .code(errors.length ? 400 : 200)
      .view('accounts/views/new-recovery-codes.njk', { pageTitle: 'Make new recovery codes', choices: await proofChoices(db, actorOf(request).id), values: { code: values.code ?? '' }, ...formErrors(errors) });

  app.get('/account/recovery-codes', { config: { policy: 'own-account' } }, async (request, reply) => renderNewCodes(request, reply));

  app.post('/account/recovery-codes', { config: { policy: 'own-account' }, schema: { body: ProofBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const choices = await proofChoices(db, actor.id);
    const { values, errors } = readProofForm(request.body, choices);
    if (errors.length) return renderNewCodes(request, reply, values, errors);
    if (await tooMany(request, reply)) return reply;
    let codes: string[];
    try {
      codes = await newRecoveryCodes(db, config, actor, values);
    } catch (error) {
      const code = refusalCode(error, FACTOR_REFUSALS);
      if (!code) throw error;
      return renderNewCodes(request, reply, values, [proofRefused(code, choices, values)]);
    }
    request.session.recoveryCodesToShow = codes;
    request.session.secondFactorNext = '/account';
    return reply.redirect('/account/second-factor/recovery-codes', 303);
  });
}
