// A decision in the workspace (/coproduction/proposals/:id/decisions/:decisionId): taking part,
// objections, advice, closing, the level staff claim, and the catalogue changes an adopted
// decision makes to the language guide or the priorities of care.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { text, type FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { wordsFor } from '../forms/common.ts';
import {
  ADVICE_REFUSALS, ADVISER_REFUSALS, BALLOT_REFUSALS, CLOCK_SUMMARY_REFUSALS, CLOSE_REFUSALS, GUIDE_CHANGE_REFUSALS, objectionField, objectionRefusals, PRIORITY_CHANGE_REFUSALS,
  readBallotForm, readClaimForm, readCloseForm, readGuideChangeForm, readObjectionForm, readPriorityChangeForm, RUN_OFF_REFUSALS,
} from '../forms/decisions.ts';
import { statusFor, type FormState } from '../present/common.ts';
import { decisionPage } from '../present/decisions.ts';
import {
  AdviceBody, AdviserBody, BallotBody, BallotParams, ClaimBody, ClockSummaryBody, CloseBody, DecisionParams, GuideChangeBody, ObjectionBody, PriorityChangeBody, RunOffBody,
} from '../schemas.ts';
import { applyGuideChange, applyPriorityChange } from '../service/catalogue.ts';
import { decisionView } from '../service/decision-view.ts';
import { ballotChoices, ballotOwnerKey, castBallot, claimLevel, closeDecision, decisionOn, openRunOff, recordAdvice, seekAdvice, settleObjection, writeClockSummary } from '../service/decisions.ts';

const decisionUrl = (p: { id: string; decisionId: string }) => `/coproduction/proposals/${p.id}/decisions/${p.decisionId}`;

export default async function decisionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;
  const ownerKey = (decisionId: string, actor: Actor) => ballotOwnerKey(fastify.config.secret, decisionId, actor.id);

  const showDecision = async (reply: FastifyReply, actor: Actor, params: { id: string; decisionId: string }, forms: FormState = {}) =>
    reply.code(statusFor(forms.errors)).view('coproduction/views/decision.njk', decisionPage(await decisionView(db, params.id, params.decisionId, actor.id, ownerKey(params.decisionId, actor)), actor, forms));

  app.get('/coproduction/proposals/:id/decisions/:decisionId', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams } }, async (request, reply) =>
    showDecision(reply, request.actor!, request.params),
  );

  app.post('/coproduction/proposals/:id/decisions/:decisionId/ballot', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: BallotBody } }, async (request, reply) => {
    const { decision, options } = await ballotChoices(db, request.params.id, request.params.decisionId);
    const form = readBallotForm(request.body, decision.method, options);
    const again = (errors: typeof form.errors) => showDecision(reply, request.actor!, request.params, { form: 'ballot', values: form.values, errors });
    if (!form.input) return again(form.errors);
    try {
      await castBallot(db, request.actor!, decision.id, { ...form.input, ownerKey: ownerKey(decision.id, request.actor!) });
    } catch (error) {
      return again(wordsFor(error, BALLOT_REFUSALS));
    }
    request.session.flash = 'Thank you: your answer has been recorded';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/objections/:ballotId', { config: { policy: 'group-or-staff' }, schema: { params: BallotParams, body: ObjectionBody } }, async (request, reply) => {
    await decisionOn(db, request.params.id, request.params.decisionId);
    const { ballotId } = request.params;
    const form = readObjectionForm(request.body, ballotId);
    const again = (errors: typeof form.errors) => showDecision(reply, request.actor!, request.params, { form: objectionField(ballotId), values: form.values, errors });
    if (!form.input) return again(form.errors);
    try {
      await settleObjection(db, request.actor!, request.params.decisionId, ballotId, form.input, { config: fastify.config, ownerKey: ownerKey(request.params.decisionId, request.actor!) });
    } catch (error) {
      return again(wordsFor(error, objectionRefusals(ballotId)));
    }
    request.session.flash = 'The objection has been recorded';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/advice', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: AdviceBody } }, async (request, reply) => {
    await decisionOn(db, request.params.id, request.params.decisionId);
    const advice = text(request.body, 'advice');
    try {
      await recordAdvice(db, request.actor!, request.params.decisionId, advice);
    } catch (error) {
      return showDecision(reply, request.actor!, request.params, { form: 'advice', values: { advice }, errors: wordsFor(error, ADVICE_REFUSALS) });
    }
    request.session.flash = 'Your advice has been recorded';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/advisers', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: AdviserBody } }, async (request, reply) => {
    await decisionOn(db, request.params.id, request.params.decisionId);
    const adviserId = text(request.body, 'adviserId');
    try {
      await seekAdvice(db, request.actor!, request.params.decisionId, adviserId);
    } catch (error) {
      return showDecision(reply, request.actor!, request.params, { form: 'advisers', values: { adviserId }, errors: wordsFor(error, ADVISER_REFUSALS) });
    }
    request.session.flash = 'Their advice has been sought';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/close', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: CloseBody } }, async (request, reply) => {
    const decision = await decisionOn(db, request.params.id, request.params.decisionId);
    const form = readCloseForm(request.body);
    const again = (errors: typeof form.errors) => showDecision(reply, request.actor!, request.params, { form: 'close', values: form.values, errors });
    if (!form.input) return again(form.errors);
    try {
      const result = await closeDecision(db, request.actor!, decision.id, form.input);
      request.session.flash = { adopted: 'The decision has closed: adopted', 'not-adopted': 'The decision has closed: not adopted', 'no-decision': 'The decision has closed with as many for as against: no decision' }[result.outcome];
    } catch (error) {
      return again(wordsFor(error, CLOSE_REFUSALS));
    }
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/summary', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: ClockSummaryBody } }, async (request, reply) => {
    const summary = text(request.body, 'clockSummary');
    try {
      await writeClockSummary(db, request.actor ?? null, request.params.id, request.params.decisionId, summary);
    } catch (error) {
      return showDecision(reply, request.actor!, request.params, { form: 'clockSummary', values: { clockSummary: summary }, errors: wordsFor(error, CLOCK_SUMMARY_REFUSALS) });
    }
    request.session.flash = 'The summary has been written: it is what people will read';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/runoff', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: RunOffBody } }, async (request, reply) => {
    const decision = await decisionOn(db, request.params.id, request.params.decisionId);
    let runOffId: string;
    try {
      runOffId = await openRunOff(db, request.actor!, decision.id);
    } catch (error) {
      return showDecision(reply, request.actor!, request.params, { form: 'runoff', values: {}, errors: wordsFor(error, RUN_OFF_REFUSALS) });
    }
    request.session.flash = 'The run-off vote is open';
    return reply.redirect(decisionUrl({ id: request.params.id, decisionId: runOffId }), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/claim', { config: { policy: 'staff' }, schema: { params: DecisionParams, body: ClaimBody } }, async (request, reply) => {
    const decision = await decisionOn(db, request.params.id, request.params.decisionId);
    const form = readClaimForm(request.body);
    if (!form.level) return showDecision(reply, request.actor!, request.params, { form: 'claim', values: {}, errors: form.errors });
    await claimLevel(db, decision.id, form.level);
    request.session.flash = 'The level you claim is shown beside the level computed from the evidence';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/guide-changes', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: GuideChangeBody } }, async (request, reply) => {
    await decisionOn(db, request.params.id, request.params.decisionId);
    // The form sends nothing but its token: the change applied is the one the decision approved.
    // A body naming a change is what the sender means to apply, and is refused unless it is that one.
    const form = text(request.body, 'entryId') ? readGuideChangeForm(request.body) : null;
    const again = (errors: FieldError[]) => showDecision(reply, request.actor!, request.params, { form: 'guide', values: form?.values ?? {}, errors });
    if (form && !form.input) return again(form.errors);
    try {
      await applyGuideChange(db, request.actor!, request.params.decisionId, form?.input ?? undefined);
    } catch (error) {
      return again(wordsFor(error, GUIDE_CHANGE_REFUSALS));
    }
    request.session.flash = 'The language guide has been changed, citing this decision';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/priority-changes', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: PriorityChangeBody } }, async (request, reply) => {
    await decisionOn(db, request.params.id, request.params.decisionId);
    // The form sends nothing but its token: the change applied is the one the decision approved.
    // A body naming a change is what the sender means to apply, and is refused unless it is that one.
    const form = text(request.body, 'entryId') ? readPriorityChangeForm(request.body) : null;
    const again = (errors: FieldError[]) => showDecision(reply, request.actor!, request.params, { form: 'priority', values: form?.values ?? {}, errors });
    if (form && !form.input) return again(form.errors);
    try {
      await applyPriorityChange(db, request.actor!, request.params.decisionId, form?.input ?? undefined);
    } catch (error) {
      return again(wordsFor(error, PRIORITY_CHANGE_REFUSALS));
    }
    request.session.flash = 'The priorities of care have been changed, citing this decision';
    return reply.redirect(decisionUrl(request.params), 303);
  });
}
