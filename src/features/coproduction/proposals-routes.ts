// Proposals, deliberation, options and decisions: /coproduction/proposals and below.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, list, text, type FieldError, type FormErrors } from '../../platform/forms.ts';
import { NotFoundError, type Actor } from '../../platform/policy.ts';
import { applyGuideChange, applyPriorityChange, CatalogueChangeRefused } from './catalogue.ts';
import { notifyImmediately } from './digests.ts';
import { LEVEL_LABELS, LEVELS, participationLevel } from './participation.ts';
import { accountsWithRoles, displayNames } from '../accounts/index.ts';
import * as repo from './repository/index.ts';
import { errorsFrom, inTransaction, subNav } from './route-helpers.ts';
import {
  AdviceBody, AdviserBody, BallotBody, BallotParams, ClaimBody, CloseBody, CommentBody, DecisionBody, DecisionParams, GuideChangeBody,
  IdParams, ObjectionBody, OptionBody, PriorityChangeBody, ProposalBody, ProposalListQuery, StageBody,
} from './schemas.ts';
import * as service from './service.ts';
import { AREAS, METHODS, NEXT_STAGE, STAGES, WorkspaceError, type Area, type Method, type Stage } from './service.ts';

const MAX = { title: 150, text: 5000 };
const isStaffActor = (actor: Actor | null) => actor !== null && (actor.roles.has('practitioner') || actor.roles.has('lead'));
const isWorkspaceMember = (actor: Actor | null) => actor !== null && (actor.roles.has('group') || isStaffActor(actor));

function proposalErrors(values: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Give your proposal a short title' });
  else if (values.title.length > MAX.title) errors.push({ field: 'title', message: `The title must be ${MAX.title} characters or fewer` });
  if (!values.problem) errors.push({ field: 'problem', message: 'Describe the problem' });
  if (!values.affects) errors.push({ field: 'affects', message: 'Say who it affects' });
  if (!values.idea) errors.push({ field: 'idea', message: 'Describe your idea' });
  for (const f of ['problem', 'affects', 'idea'] as const) if ((values[f] ?? '').length > MAX.text) errors.push({ field: f, message: `This must be ${MAX.text} characters or fewer` });
  if (!(values.area && Object.hasOwn(AREAS, values.area))) errors.push({ field: 'area', message: 'Choose the area it is about' });
  return errors;
}

export default async function proposalRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  app.get('/coproduction/proposals', { config: { policy: 'signed-in' }, schema: { querystring: ProposalListQuery } }, async (request, reply) => {
    const stage = request.query.stage && Object.hasOwn(STAGES, request.query.stage) ? request.query.stage : undefined;
    const area = request.query.area && Object.hasOwn(AREAS, request.query.area) ? request.query.area : undefined;
    const proposals = await repo.listProposals(db, { ...(stage ? { stage } : {}), ...(area ? { area } : {}) });
    const names = await displayNames(db, proposals.map((p) => p.author_id));
    return reply.view('coproduction/views/proposals.njk', {
      pageTitle: 'Proposals',
      subNav: subNav('/coproduction/proposals', request.actor),
      proposals: proposals.map((p) => ({ ...p, authorName: names.get(p.author_id) ?? 'Unknown', stageLabel: STAGES[p.stage as Stage], areaLabel: AREAS[p.area as Area] })),
      stageItems: [{ value: '', text: 'Any stage' }, ...Object.entries(STAGES).map(([value, t]) => ({ value, text: t, selected: value === stage }))],
      areaItems: [{ value: '', text: 'Any area' }, ...Object.entries(AREAS).map(([value, t]) => ({ value, text: t, selected: value === area }))],
      filtered: Boolean(stage || area),
    });
  });

  const renderNew = (reply: FastifyReply, actor: Actor | null, values: Record<string, string>, errors: FormErrors | null = null) =>
    reply.code(errors ? 400 : 200).view('coproduction/views/proposal-new.njk', {
      pageTitle: 'Raise a proposal',
      subNav: subNav('/coproduction/proposals', actor),
      values,
      areaItems: Object.entries(AREAS).map(([value, t]) => ({ value, text: t, checked: values.area === value })),
      ...(errors ?? {}),
    });

  app.get('/coproduction/proposals/new', { config: { policy: 'signed-in' } }, async (request, reply) => renderNew(reply, request.actor, {}));

  app.post('/coproduction/proposals', { config: { policy: 'signed-in' }, schema: { body: ProposalBody } }, async (request, reply) => {
    const values = { title: text(request.body, 'title'), problem: text(request.body, 'problem'), affects: text(request.body, 'affects'), idea: text(request.body, 'idea'), area: text(request.body, 'area') };
    const errors = proposalErrors(values);
    if (errors.length) return renderNew(reply, request.actor, values, formErrors(errors));
    const actor = request.actor!;
    const id = await inTransaction(db, (trx) => service.raiseProposal(trx, actor, { ...values, area: values.area as Area }));
    request.session.flash = 'Your proposal has been raised';
    return reply.redirect(`/coproduction/proposals/${id}`, 303);
  });

  async function proposalPage(request: FastifyRequest, reply: FastifyReply, id: string, forms: { form?: string; values?: Record<string, string>; errors?: FormErrors | null } = {}) {
    const proposal = await repo.getProposal(db, id);
    if (!proposal) throw new NotFoundError();
    const [comments, options, decisions, events] = await Promise.all([repo.listComments(db, id), repo.listOptions(db, id), repo.listDecisions(db, { proposalId: id }), repo.listEvents(db, id)]);
    const names = await displayNames(db, [proposal.author_id, ...comments.map((c) => c.author_id), ...comments.flatMap((c) => (c.responded_by ? [c.responded_by] : [])), ...options.map((o) => o.drafted_by), ...events.flatMap((e) => (e.actor_id ? [e.actor_id] : []))]);
    const byParent = new Map<string | null, typeof comments>();
    for (const c of comments) {
      const key = c.parent_id;
      byParent.set(key, [...(byParent.get(key) ?? []), c]);
    }
    interface ThreadComment { id: string; body: string; authorName: string; origin: string; createdAt: string; awaiting: boolean; respondedBy: string | null; respondedAt: string | null; replies: ThreadComment[] }
    const thread = (parent: string | null, depth: number): ThreadComment[] =>
      (byParent.get(parent) ?? []).map((c) => ({
        id: c.id,
        body: c.body,
        authorName: names.get(c.author_id) ?? 'Unknown',
        origin: c.author_origin,
        createdAt: c.created_at,
        awaiting: c.awaits_response === 1 && c.responded_at === null,
        respondedBy: c.responded_by ? (names.get(c.responded_by) ?? null) : null,
        respondedAt: c.responded_at,
        replies: depth < 6 ? thread(c.id, depth + 1) : [],
      }));
    const stage = proposal.stage as Stage;
    const next = NEXT_STAGE[stage];
    const actor = request.actor;
    const documentVersions = await repo.unpublishedVersions(db, 200);
    const advisers = [...(await accountsWithRoles(db, ['group'])), ...(await accountsWithRoles(db, ['practitioner'])), ...(await accountsWithRoles(db, ['lead']))];
    const seen = new Set<string>();
    const uniqueAdvisers = advisers.filter((a) => !seen.has(a.id) && seen.add(a.id) && a.id !== actor?.id);
    const decisionValues = forms.form === 'decision' ? (forms.values ?? {}) : {};
    return reply.code(forms.errors ? 400 : 200).view('coproduction/views/proposal.njk', {
      pageTitle: proposal.title,
      subNav: subNav('/coproduction/proposals', actor),
      proposal: { ...proposal, authorName: names.get(proposal.author_id) ?? 'Unknown', stageLabel: STAGES[stage], areaLabel: AREAS[proposal.area as Area] },
      thread: thread(null, 0),
      options: options.map((o) => ({ ...o, drafterName: names.get(o.drafted_by) ?? 'Unknown' })),
      decisions: decisions.map((d) => ({ ...d, methodLabel: METHODS[d.method as Method] })),
      timeline: events.map((e) => ({ ...e, actorName: e.actor_id ? (names.get(e.actor_id) ?? 'Unknown') : 'withme', detail: JSON.parse(e.detail) as Record<string, unknown> })),
      stages: STAGES,
      nextStage: next ? { value: next, text: STAGES[next] } : null,
      canDraft: stage === 'idea' || stage === 'co-design',
      canDecide: ['idea', 'co-design', 'decision'].includes(stage) && !decisions.some((d) => d.status === 'open'),
      finished: stage === 'done' || stage === 'not-adopted',
      workspace: isWorkspaceMember(actor),
      form: forms.form,
      values: forms.values ?? {},
      methodItems: Object.entries(METHODS).map(([value, t]) => ({ value, text: t, checked: decisionValues.method === value })),
      versionItems: [{ value: '', text: 'No document: this decision is about the proposal itself' }, ...documentVersions.map((v) => ({ value: v.id, text: `${v.title} — version ${v.number}`, selected: decisionValues.documentVersionId === v.id }))],
      adviserItems: uniqueAdvisers.map((a) => ({ value: a.id, text: a.displayName })),
      ...(forms.errors ?? {}),
    });
  }

  app.get('/coproduction/proposals/:id', { config: { policy: 'signed-in' }, schema: { params: IdParams } }, async (request, reply) => proposalPage(request, reply, request.params.id));

  app.post('/coproduction/proposals/:id/comments', { config: { policy: 'signed-in' }, schema: { params: IdParams, body: CommentBody } }, async (request, reply) => {
    const body = text(request.body, 'body');
    const parentId = text(request.body, 'parentId') || null;
    const field = parentId ? `reply-${parentId}` : 'body';
    if (!body || body.length > MAX.text) {
      return proposalPage(request, reply, request.params.id, { form: field, values: { [field]: body }, errors: formErrors([{ field, message: body ? `Your comment must be ${MAX.text} characters or fewer` : 'Enter your comment' }]) });
    }
    const actor = request.actor!;
    try {
      const replyTo = await inTransaction(db, async (trx) => {
        await service.addComment(trx, actor, request.params.id, body, parentId);
        return parentId ? repo.getComment(trx, parentId) : undefined;
      });
      if (replyTo && replyTo.author_id !== actor.id) await notifyImmediately(db, config, replyTo.author_id, 'reply');
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return proposalPage(request, reply, request.params.id, { form: field, values: { [field]: body }, errors });
    }
    request.session.flash = 'Your comment has been added';
    return reply.redirect(`/coproduction/proposals/${request.params.id}#comments`, 303);
  });

  app.post('/coproduction/proposals/:id/options', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: OptionBody } }, async (request, reply) => {
    const values = { title: text(request.body, 'title'), description: text(request.body, 'description') };
    const errors: FieldError[] = [];
    if (!values.title) errors.push({ field: 'option-title', message: 'Give the option a short title' });
    if (!values.description) errors.push({ field: 'option-description', message: 'Describe the option' });
    if (values.title.length > MAX.title) errors.push({ field: 'option-title', message: `The title must be ${MAX.title} characters or fewer` });
    if (errors.length) return proposalPage(request, reply, request.params.id, { form: 'option', values, errors: formErrors(errors) });
    try {
      await inTransaction(db, (trx) => service.draftOption(trx, request.actor!, request.params.id, values));
    } catch (error) {
      if (!(error instanceof WorkspaceError)) throw error;
      return proposalPage(request, reply, request.params.id, { form: 'option', values, errors: formErrors([{ field: 'option-title', message: error.message }]) });
    }
    request.session.flash = 'Your option has been added';
    return reply.redirect(`/coproduction/proposals/${request.params.id}#options`, 303);
  });

  app.post('/coproduction/proposals/:id/stage', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: StageBody } }, async (request, reply) => {
    const values = { stage: text(request.body, 'stage'), reason: text(request.body, 'reason') };
    if (!Object.hasOwn(STAGES, values.stage)) return proposalPage(request, reply, request.params.id, { form: 'stage', values, errors: formErrors([{ field: 'stage', message: 'Choose what happens next' }]) });
    try {
      await inTransaction(db, (trx) => service.changeStage(trx, request.actor!, request.params.id, values.stage as Stage, values.reason || null));
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return proposalPage(request, reply, request.params.id, { form: 'stage', values, errors });
    }
    request.session.flash = `The proposal is now at “${STAGES[values.stage as Stage]}”`;
    return reply.redirect(`/coproduction/proposals/${request.params.id}`, 303);
  });

  app.post('/coproduction/proposals/:id/decisions', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: DecisionBody } }, async (request, reply) => {
    const values = {
      method: text(request.body, 'method'), question: text(request.body, 'question'), anonymous: text(request.body, 'anonymous'), public: text(request.body, 'public'),
      documentVersionId: text(request.body, 'documentVersionId'),
    };
    const advisers = list(request.body, 'advisers');
    const errors: FieldError[] = [];
    if (!Object.hasOwn(METHODS, values.method)) errors.push({ field: 'method', message: 'Choose how the decision will be made' });
    if (!values.question) errors.push({ field: 'question', message: 'Write the question being decided' });
    else if (values.question.length > 1000) errors.push({ field: 'question', message: 'The question must be 1000 characters or fewer' });
    if (values.method === 'advice' && advisers.length === 0) errors.push({ field: 'advisers', message: 'Choose whose advice you will seek' });
    if (errors.length) return proposalPage(request, reply, request.params.id, { form: 'decision', values, errors: formErrors(errors) });
    let decisionId: string;
    try {
      decisionId = await inTransaction(db, (trx) =>
        service.openDecision(trx, request.actor!, request.params.id, {
          method: values.method as Method, question: values.question, anonymous: values.anonymous === 'yes', public: values.public !== 'no',
          documentVersionId: values.documentVersionId || null, adviserIds: advisers,
        }),
      );
    } catch (error) {
      const errs = errorsFrom(error);
      if (!errs) throw error;
      return proposalPage(request, reply, request.params.id, { form: 'decision', values, errors: errs });
    }
    for (const member of await accountsWithRoles(db, ['group'])) {
      if (member.id !== request.actor!.id) await notifyImmediately(db, config, member.id, 'decision');
    }
    request.session.flash = 'The decision is open';
    return reply.redirect(`/coproduction/proposals/${request.params.id}/decisions/${decisionId}`, 303);
  });

  async function decisionPage(request: FastifyRequest, reply: FastifyReply, proposalId: string, decisionId: string, forms: { form?: string; values?: Record<string, string>; errors?: FormErrors | null } = {}) {
    const decision = await repo.getDecision(db, decisionId);
    if (!decision || decision.proposal_id !== proposalId) throw new NotFoundError();
    const proposal = (await repo.getProposal(db, proposalId))!;
    const actor = request.actor!;
    const [options, ballots, advice, tally, evidence, participated] = await Promise.all([
      repo.listOptions(db, proposalId), repo.listBallots(db, decisionId), repo.listAdvice(db, decisionId), service.tally(db, decision), service.decisionEvidence(db, decisionId),
      repo.hasParticipated(db, decisionId, actor.id),
    ]);
    const shown = service.shownResults(decision, tally, 'workspace');
    const names = await displayNames(db, [...ballots.flatMap((b) => (b.voter_id ? [b.voter_id] : [])), ...advice.map((a) => a.adviser_id), ...(decision.decider_id ? [decision.decider_id] : []), decision.opened_by]);
    const optionTitle = new Map(options.map((o) => [o.id, o.title]));
    const version = decision.document_version_id ? await repo.getVersion(db, decision.document_version_id) : undefined;
    const document = version ? await repo.getDocument(db, version.document_id) : undefined;
    const level = evidence ? participationLevel(evidence) : 'informing';
    const myAdvice = advice.find((a) => a.adviser_id === actor.id);
    const guideChanges = await repo.listCatalogueChanges(db, { decisionId });
    const asked = new Set(advice.map((a) => a.adviser_id));
    const people = [...(await accountsWithRoles(db, ['group'])), ...(await accountsWithRoles(db, ['practitioner'])), ...(await accountsWithRoles(db, ['lead']))];
    const adviserChoices = people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i && !asked.has(p.id) && p.id !== actor.id);
    return reply.code(forms.errors ? 400 : 200).view('coproduction/views/decision.njk', {
      pageTitle: `Decision: ${decision.question}`,
      subNav: subNav('/coproduction/proposals', actor),
      proposal,
      decision: { ...decision, methodLabel: METHODS[decision.method as Method], openedByName: names.get(decision.opened_by), deciderName: decision.decider_id ? names.get(decision.decider_id) : null },
      options,
      ballots: decision.anonymous === 1
        ? []
        : ballots.map((b) => ({ ...b, voterName: b.voter_id ? names.get(b.voter_id) : null, rankingTitles: b.ranking ? (JSON.parse(b.ranking) as string[]).map((id) => optionTitle.get(id) ?? '') : [] })),
      objections: ballots.filter((b) => b.position === 'object').map((b) => ({ ...b, voterName: b.voter_id ? names.get(b.voter_id) : null })),
      advice: advice.map((a) => ({ ...a, adviserName: names.get(a.adviser_id) })),
      shown,
      tally: { quorumMet: tally.quorumMet, groupParticipants: tally.groupParticipants },
      rankedRounds: shown.ranked?.rounds.map((r, i) => ({ number: i + 1, tallies: r.tallies.map((t) => ({ title: optionTitle.get(t.optionId) ?? '', votes: t.votes })), exhausted: r.exhausted, eliminated: r.eliminated ? optionTitle.get(r.eliminated) : null, tieBreak: r.tieBreak })),
      winner: shown.ranked?.winner ? optionTitle.get(shown.ranked.winner) : null,
      chosenTitle: decision.chosen_option_id ? optionTitle.get(decision.chosen_option_id) : null,
      version, document,
      positions: service.POSITIONS[decision.method] ?? [],
      participated,
      myAdvice,
      isDecider: decision.decider_id === actor.id,
      isStaff: isStaffActor(actor),
      level, levelLabel: LEVEL_LABELS[level],
      claimedLabel: decision.claimed_level && Object.hasOwn(LEVEL_LABELS, decision.claimed_level) ? LEVEL_LABELS[decision.claimed_level as keyof typeof LEVEL_LABELS] : null,
      levelItems: [{ value: '', text: 'Choose a level' }, ...LEVELS.map((l) => ({ value: l, text: LEVEL_LABELS[l], selected: decision.claimed_level === l }))],
      evidence,
      guideArea: proposal.area === 'language-guide' && decision.outcome === 'adopted',
      prioritiesArea: proposal.area === 'priorities-of-care' && decision.outcome === 'adopted',
      guideChanges,
      adviserItems: [{ value: '', text: 'Choose someone' }, ...adviserChoices.map((p) => ({ value: p.id, text: p.displayName, selected: forms.values?.adviserId === p.id }))],
      form: forms.form,
      values: forms.values ?? {},
      ...(forms.errors ?? {}),
    });
  }

  app.get('/coproduction/proposals/:id/decisions/:decisionId', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams } }, async (request, reply) =>
    decisionPage(request, reply, request.params.id, request.params.decisionId),
  );

  const decisionUrl = (p: { id: string; decisionId: string }) => `/coproduction/proposals/${p.id}/decisions/${p.decisionId}`;

  async function ensureDecision(proposalId: string, decisionId: string) {
    const decision = await repo.getDecision(db, decisionId);
    if (!decision || decision.proposal_id !== proposalId) throw new NotFoundError();
    return decision;
  }

  app.post('/coproduction/proposals/:id/decisions/:decisionId/ballot', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: BallotBody } }, async (request, reply) => {
    const decision = await ensureDecision(request.params.id, request.params.decisionId);
    const body = request.body as Record<string, string | undefined>;
    const position = text(body, 'position');
    const reason = text(body, 'reason');
    let ranking: string[] | undefined;
    const values: Record<string, string> = { position, reason };
    if (decision.method === 'ranked-choice') {
      const ranks: Array<{ id: string; rank: number }> = [];
      const errors: FieldError[] = [];
      for (const option of await repo.listOptions(db, decision.proposal_id)) {
        const raw = text(body, `rank-${option.id}`);
        values[`rank-${option.id}`] = raw;
        if (!raw) continue;
        const rank = Number(raw);
        if (!Number.isInteger(rank) || rank < 1) errors.push({ field: `rank-${option.id}`, message: `Enter a whole number from 1 for “${option.title}”, or leave it blank` });
        else ranks.push({ id: option.id, rank });
      }
      if (errors.length) return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'ballot', values, errors: formErrors(errors) });
      ranking = ranks.sort((a, b) => a.rank - b.rank).map((r) => r.id);
      if (new Set(ranks.map((r) => r.rank)).size !== ranks.length) {
        return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'ballot', values, errors: formErrors([{ field: 'ranking', message: 'Give each option a different rank' }]) });
      }
    }
    try {
      await inTransaction(db, (trx) => service.castBallot(trx, request.actor!, decision.id, { position, reason, ...(ranking ? { ranking } : {}) }));
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'ballot', values, errors });
    }
    request.session.flash = 'Thank you: your answer has been recorded';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/objections/:ballotId', { config: { policy: 'group-or-staff' }, schema: { params: BallotParams, body: ObjectionBody } }, async (request, reply) => {
    await ensureDecision(request.params.id, request.params.decisionId);
    const values = { resolution: text(request.body, 'resolution'), resolved: text(request.body, 'resolved') };
    const field = `resolution-${request.params.ballotId}`;
    if (!values.resolution || !['yes', 'no'].includes(values.resolved)) {
      return decisionPage(request, reply, request.params.id, request.params.decisionId, {
        form: field, values, errors: formErrors([{ field, message: !values.resolution ? 'Say how the objection was resolved, or why it stands' : 'Say whether the objection is resolved' }]),
      });
    }
    try {
      await inTransaction(db, (trx) => service.settleObjection(trx, request.actor!, request.params.ballotId, { resolution: values.resolution, resolved: values.resolved === 'yes' }));
    } catch (error) {
      if (!(error instanceof WorkspaceError)) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: field, values, errors: formErrors([{ field, message: error.message }]) });
    }
    request.session.flash = 'The objection has been recorded';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/advice', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: AdviceBody } }, async (request, reply) => {
    await ensureDecision(request.params.id, request.params.decisionId);
    const advice = text(request.body, 'advice');
    try {
      await inTransaction(db, (trx) => service.recordAdvice(trx, request.actor!, request.params.decisionId, advice));
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'advice', values: { advice }, errors });
    }
    request.session.flash = 'Your advice has been recorded';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/advisers', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: AdviserBody } }, async (request, reply) => {
    await ensureDecision(request.params.id, request.params.decisionId);
    const adviserId = text(request.body, 'adviserId');
    try {
      await inTransaction(db, (trx) => service.seekAdvice(trx, request.actor!, request.params.decisionId, adviserId));
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'advisers', values: { adviserId }, errors });
    }
    request.session.flash = 'Their advice has been sought';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/close', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: CloseBody } }, async (request, reply) => {
    const decision = await ensureDecision(request.params.id, request.params.decisionId);
    const values = { summary: text(request.body, 'summary'), adopt: text(request.body, 'adopt') };
    if (values.summary.length > 2000) {
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'close', values, errors: formErrors([{ field: 'summary', message: 'The summary must be 2000 characters or fewer' }]) });
    }
    try {
      const result = await inTransaction(db, (trx) =>
        service.closeDecision(trx, request.actor!, decision.id, { summary: values.summary, ...(values.adopt === 'yes' ? { adopt: true } : values.adopt === 'no' ? { adopt: false } : {}) }),
      );
      request.session.flash = result.outcome === 'adopted' ? 'The decision has closed: adopted' : 'The decision has closed: not adopted';
    } catch (error) {
      const errors = errorsFrom(error);
      if (!errors) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'close', values, errors });
    }
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/claim', { config: { policy: 'staff' }, schema: { params: DecisionParams, body: ClaimBody } }, async (request, reply) => {
    const decision = await ensureDecision(request.params.id, request.params.decisionId);
    const claimed = text(request.body, 'claimedLevel');
    if (!(LEVELS as readonly string[]).includes(claimed)) {
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'claim', values: {}, errors: formErrors([{ field: 'claimedLevel', message: 'Choose the level you think this decision reached' }]) });
    }
    await repo.setClaimedLevel(db, decision.id, claimed);
    request.session.flash = 'The level you claim is shown beside the level computed from the evidence';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/guide-changes', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: GuideChangeBody } }, async (request, reply) => {
    await ensureDecision(request.params.id, request.params.decisionId);
    const values = { entryId: text(request.body, 'entryId'), change: text(request.body, 'change'), terms: text(request.body, 'terms'), suggestions: text(request.body, 'suggestions'), reason: text(request.body, 'reason') };
    const errors: FieldError[] = [];
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(values.entryId)) errors.push({ field: 'entryId', message: 'Enter the entry id: lower-case letters, numbers and hyphens' });
    if (!['add', 'update', 'retire'].includes(values.change)) errors.push({ field: 'change', message: 'Choose the kind of change' });
    if (errors.length) return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'guide', values, errors: formErrors(errors) });
    const split = (s: string) => s.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
    try {
      await inTransaction(db, (trx) =>
        applyGuideChange(trx, request.actor!, request.params.decisionId, {
          entryId: values.entryId, change: values.change as 'add' | 'update' | 'retire',
          ...(values.terms ? { terms: split(values.terms) } : {}), ...(values.suggestions ? { suggestions: split(values.suggestions) } : {}), ...(values.reason ? { reason: values.reason } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof CatalogueChangeRefused)) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'guide', values, errors: formErrors([{ field: 'entryId', message: error.message }]) });
    }
    request.session.flash = 'The language guide has been changed, citing this decision';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.post('/coproduction/proposals/:id/decisions/:decisionId/priority-changes', { config: { policy: 'group-or-staff' }, schema: { params: DecisionParams, body: PriorityChangeBody } }, async (request, reply) => {
    await ensureDecision(request.params.id, request.params.decisionId);
    const values = { entryId: text(request.body, 'entryId'), change: text(request.body, 'change'), label: text(request.body, 'label'), description: text(request.body, 'description') };
    const errors: FieldError[] = [];
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(values.entryId)) errors.push({ field: 'entryId', message: 'Enter the priority id: lower-case letters, numbers and hyphens' });
    if (!['add', 'update', 'retire'].includes(values.change)) errors.push({ field: 'change', message: 'Choose the kind of change' });
    if (values.label.length > 200 || values.description.length > 1000) errors.push({ field: 'label', message: 'Keep the wording under 200 characters and the description under 1000' });
    if (errors.length) return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'priority', values, errors: formErrors(errors) });
    try {
      await inTransaction(db, (trx) =>
        applyPriorityChange(trx, request.actor!, request.params.decisionId, {
          entryId: values.entryId, change: values.change as 'add' | 'update' | 'retire',
          ...(values.label ? { label: values.label } : {}), ...(values.description ? { description: values.description } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof CatalogueChangeRefused)) throw error;
      return decisionPage(request, reply, request.params.id, request.params.decisionId, { form: 'priority', values, errors: formErrors([{ field: 'entryId', message: error.message }]) });
    }
    request.session.flash = 'The priorities of care have been changed, citing this decision';
    return reply.redirect(decisionUrl(request.params), 303);
  });

  app.get('/coproduction/responses', { config: { policy: 'group-or-staff' } }, async (request, reply) => {
    const waiting = await repo.commentsAwaitingResponse(db);
    const names = await displayNames(db, waiting.map((c) => c.author_id));
    const rate = await service.staffResponseRate(db);
    return reply.view('coproduction/views/responses.njk', {
      pageTitle: 'Group comments waiting for a staff response',
      subNav: subNav('/coproduction/responses', request.actor),
      waiting: waiting.map((c) => ({ ...c, authorName: names.get(c.author_id) ?? 'Unknown' })),
      rate: rate.rate === null ? null : Math.round(rate.rate * 100),
      counts: rate,
    });
  });
}
