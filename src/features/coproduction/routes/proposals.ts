// Proposals and their deliberation (/coproduction/proposals and a proposal's page: comments,
// options, its stage, opening a decision), and the group comments waiting for a staff response.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/policy.ts';
import { wordsFor } from '../forms/common.ts';
import {
  COMMENT_REFUSALS, OPEN_DECISION_REFUSALS, OPTION_REFUSALS, readCommentForm, readDecisionForm, readOptionForm, readProposalForm, readStageForm, STAGE_REFUSALS,
} from '../forms/proposals.ts';
import { AREAS, isOneOf, STAGES } from '../model.ts';
import { isWorkspaceMember, statusFor, type FormState } from '../present/common.ts';
import { newProposalPage, proposalListPage, proposalPage, responsesPage } from '../present/proposals.ts';
import { CommentBody, DecisionBody, IdParams, OptionBody, ProposalBody, ProposalListQuery, StageBody } from '../schemas.ts';
import { openDecisionAndNotify } from '../service/decisions.ts';
import { isMuted } from '../service/digests.ts';
import { staffResponseRate } from '../service/figures.ts';
import { changeStage, commentOnProposal, commentsAwaitingResponse, draftOption, listProposals, proposalView, raiseProposal } from '../service/proposals.ts';

export default async function proposalRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/coproduction/proposals', { config: { policy: 'signed-in' }, schema: { querystring: ProposalListQuery } }, async (request, reply) => {
    const { stage, area } = request.query;
    const filter = { ...(isOneOf(STAGES, stage) ? { stage } : {}), ...(isOneOf(AREAS, area) ? { area } : {}) };
    return reply.view('coproduction/views/proposals.njk', proposalListPage(await listProposals(db, filter), request.actor, filter));
  });

  app.get('/coproduction/proposals/new', { config: { policy: 'signed-in' } }, async (request, reply) => reply.view('coproduction/views/proposal-new.njk', newProposalPage(request.actor, {})));

  app.post('/coproduction/proposals', { config: { policy: 'signed-in' }, schema: { body: ProposalBody } }, async (request, reply) => {
    const form = readProposalForm(request.body);
    if (!form.input) return reply.code(400).view('coproduction/views/proposal-new.njk', newProposalPage(request.actor, form.values, form.errors));
    const id = await raiseProposal(db, request.actor!, form.input);
    request.session.flash = 'Your proposal has been raised';
    return reply.redirect(`/coproduction/proposals/${id}`, 303);
  });

  const showProposal = async (reply: FastifyReply, actor: Actor | null, id: string, forms: FormState = {}) =>
    reply.code(statusFor(forms.errors)).view('coproduction/views/proposal.njk', {
      ...proposalPage(await proposalView(db, id), actor, forms),
      mute: actor && isWorkspaceMember(actor) ? { proposalId: id, muted: await isMuted(db, actor.id, id) } : null,
    });

  app.get('/coproduction/proposals/:id', { config: { policy: 'signed-in' }, schema: { params: IdParams } }, async (request, reply) => showProposal(reply, request.actor, request.params.id));

  app.post('/coproduction/proposals/:id/comments', { config: { policy: 'signed-in' }, schema: { params: IdParams, body: CommentBody } }, async (request, reply) => {
    const form = readCommentForm(request.body);
    const again = (errors: typeof form.errors) => showProposal(reply, request.actor, request.params.id, { form: form.field, values: form.values, errors });
    if (form.errors.length) return again(form.errors);
    try {
      await commentOnProposal(db, config, request.actor!, request.params.id, form.body, form.parentId);
    } catch (error) {
      return again(wordsFor(error, COMMENT_REFUSALS));
    }
    request.session.flash = 'Your comment has been added';
    return reply.redirect(`/coproduction/proposals/${request.params.id}#comments`, 303);
  });

  app.post('/coproduction/proposals/:id/options', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: OptionBody } }, async (request, reply) => {
    const form = readOptionForm(request.body);
    const again = (errors: typeof form.errors) => showProposal(reply, request.actor, request.params.id, { form: 'option', values: form.values, errors });
    if (!form.input) return again(form.errors);
    try {
      await draftOption(db, request.actor!, request.params.id, form.input);
    } catch (error) {
      return again(wordsFor(error, OPTION_REFUSALS));
    }
    request.session.flash = 'Your option has been added';
    return reply.redirect(`/coproduction/proposals/${request.params.id}#options`, 303);
  });

  app.post('/coproduction/proposals/:id/stage', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: StageBody } }, async (request, reply) => {
    const form = readStageForm(request.body);
    const again = (errors: typeof form.errors) => showProposal(reply, request.actor, request.params.id, { form: 'stage', values: form.values, errors });
    if (!form.input) return again(form.errors);
    try {
      await changeStage(db, request.actor!, request.params.id, form.input.stage, form.input.reason);
    } catch (error) {
      return again(wordsFor(error, STAGE_REFUSALS));
    }
    request.session.flash = `The proposal is now at “${STAGES[form.input.stage]}”`;
    return reply.redirect(`/coproduction/proposals/${request.params.id}`, 303);
  });

  app.post('/coproduction/proposals/:id/decisions', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: DecisionBody } }, async (request, reply) => {
    const form = readDecisionForm(request.body);
    const again = (errors: typeof form.errors) => showProposal(reply, request.actor, request.params.id, { form: 'decision', values: form.values, errors });
    if (!form.input) return again(form.errors);
    let decisionId: string;
    try {
      decisionId = await openDecisionAndNotify(db, config, request.actor!, request.params.id, form.input);
    } catch (error) {
      return again(wordsFor(error, OPEN_DECISION_REFUSALS));
    }
    request.session.flash = 'The decision is open';
    return reply.redirect(`/coproduction/proposals/${request.params.id}/decisions/${decisionId}`, 303);
  });

  app.get('/coproduction/responses', { config: { policy: 'group-or-staff' } }, async (request, reply) =>
    reply.view('coproduction/views/responses.njk', responsesPage(await commentsAwaitingResponse(db), await staffResponseRate(db), request.actor)),
  );
}
