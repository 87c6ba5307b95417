// Listening, learning, acting: /feedback (public), the group's and staff's work on it under
// /feedback/manage, themes, moderation, actions and replies, and the public "You said, we did".
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { audit } from '../../platform/audit.ts';
import { EMAIL_PATTERN, formErrors, list, text, type FieldError } from '../../platform/forms.ts';
import { hasRole, isStaff, type Actor } from '../../platform/policy.ts';
import { raiseProposal } from '../coproduction/index.ts';
import { logLanguageCheck } from '../language/index.ts';
import { checkText, countWords } from '../language/index.ts';
import { atomFeed } from '../../platform/formats/atom.ts';
import { identifiersIn, describeRemoved, deidentify, kindWord } from './deidentify.ts';
import * as repo from './repository.ts';
import {
  ActionBody, ActionQuery, ApplyThemeBody, BoardQuery, CloseBody, FeedbackBody, IdParams, ItemThemeParams, ManageQuery, ModerationBody, ProposalBody, SuggestionBody, ThemeBody,
} from './schemas.ts';
import * as service from './service.ts';
import { trendChart } from '../../platform/formats/charts.ts';

const FEEDBACK_LIMIT = { max: 20, timeWindow: 60 * 60 * 1000 };
const PAGE_SIZE = 50;
const BOARD_PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UK_PHONE_INPUT = /^(?:(?:\+|00)44\s?(?:\(0\)\s?)?|0)(?:[\s-]?\d){9,10}$/;

const RATING_VALUES = new Set<string>(service.RATINGS.map((r) => r.value));
const AREA_VALUES = new Set<string>(service.AREAS.map((a) => a.value));
const ratingText = (value: string | null) => service.RATINGS.find((r) => r.value === value)?.text ?? 'No rating given';
const areaText = (value: string) => service.AREAS.find((a) => a.value === value)?.text ?? value;

interface FeedbackValues {
  body?: string;
  rating?: string;
  area?: string;
  consent?: string;
  reply?: string;
  replyEmail?: string;
  replyPhone?: string;
  attach?: string;
}

/** YYYY-MM-DD, null when all three are empty, undefined when they do not make a real date. */
function isoDate(day: string, month: string, year: string): string | null | undefined {
  if (!day && !month && !year) return null;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

export default async function feedback(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;

  // Listening --------------------------------------------------------------------------------

  const renderForm = (reply: FastifyReply, actor: Actor | null, values: FeedbackValues, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('feedback/views/form.njk', {
      pageTitle: 'Tell us what you think',
      values,
      signedIn: actor !== null,
      ratings: service.RATINGS,
      areas: service.AREAS,
      ...formErrors(errors),
    });

  app.get('/feedback', { config: { policy: 'public' } }, async (request, reply) => renderForm(reply, request.actor, { consent: '' }));

  app.post('/feedback', { config: { policy: 'public', rateLimit: FEEDBACK_LIMIT }, schema: { body: FeedbackBody } }, async (request, reply) => {
    const b = request.body;
    const actor = request.actor;
    // A filled honeypot is a robot: thank it, store nothing.
    if (text(b, 'website')) return reply.view('feedback/views/thanks.njk', { pageTitle: 'Thank you for your feedback', risk: false, replyChannel: null });

    const values: FeedbackValues = {
      body: typeof b.body === 'string' ? b.body.trim() : '',
      rating: text(b, 'rating'),
      area: text(b, 'area'),
      consent: text(b, 'consent'),
      reply: text(b, 'reply'),
      replyEmail: text(b, 'replyEmail'),
      replyPhone: text(b, 'replyPhone'),
      attach: text(b, 'attach'),
    };
    const errors: FieldError[] = [];
    if (!values.body) errors.push({ field: 'body', message: 'Tell us what happened or what you want to tell us' });
    else if (values.body.length > 5000) errors.push({ field: 'body', message: 'What you tell us must be 5,000 characters or fewer' });
    if (values.rating && !RATING_VALUES.has(values.rating)) errors.push({ field: 'rating', message: 'Select how your experience was, or leave it blank' });
    if (!values.area || !AREA_VALUES.has(values.area)) errors.push({ field: 'area', message: 'Select what your feedback is about' });
    if (values.consent !== 'yes' && values.consent !== 'no') errors.push({ field: 'consent', message: 'Select whether we may publish what you said, with anything that identifies you removed' });
    const replyChoices = actor ? ['none', 'email', 'phone', 'account'] : ['none', 'email', 'phone'];
    if (!values.reply || !replyChoices.includes(values.reply)) errors.push({ field: 'reply', message: 'Select whether you want a reply' });
    if (values.reply === 'email' && (!EMAIL_PATTERN.test(values.replyEmail ?? '') || (values.replyEmail ?? '').length > 320)) {
      errors.push({ field: 'replyEmail', message: 'Enter an email address in the correct format, like name@example.com' });
    }
    if (values.reply === 'phone' && !UK_PHONE_INPUT.test(values.replyPhone ?? '')) {
      errors.push({ field: 'replyPhone', message: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982' });
    }
    if (errors.length) return renderForm(reply, actor, values, errors);

    const replyChannel = values.reply === 'none' ? null : (values.reply as service.ReplyChannel);
    const attach = actor !== null && (values.attach === 'yes' || replyChannel === 'account');
    const result = await db.transaction().execute((trx) =>
      service.submitFeedback(trx, config, {
        body: values.body ?? '',
        rating: values.rating || null,
        area: values.area ?? 'other',
        consentPublish: values.consent === 'yes',
        replyChannel,
        replyEmail: values.replyEmail || null,
        replyPhone: values.replyPhone || null,
        accountId: attach ? actor.id : null,
      }),
    );
    return reply.view('feedback/views/thanks.njk', { pageTitle: 'Thank you for your feedback', risk: result.risk, replyChannel });
  });

  // Working on feedback (group and staff) ----------------------------------------------------

  app.get('/feedback/manage', { config: { policy: 'group-or-staff' }, schema: { querystring: ManageQuery } }, async (request, reply) => {
    const show = request.query.show ?? 'new';
    const page = request.query.page ?? 1;
    const [items, awaiting] = await Promise.all([
      repo.listFeedback(db, show, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
      repo.countAwaitingModeration(db),
    ]);
    return reply.view('feedback/views/manage.njk', {
      pageTitle: 'Feedback',
      items: items.slice(0, PAGE_SIZE).map((i) => ({ ...i, areaText: areaText(i.area), ratingText: ratingText(i.rating) })),
      show,
      page,
      hasNext: items.length > PAGE_SIZE,
      awaiting,
      isGroup: hasRole(request.actor, 'group'),
      isStaff: isStaff(request.actor),
    });
  });

  async function renderItem(reply: FastifyReply, actor: Actor, id: string, errors: FieldError[] = [], values: Record<string, string> = {}) {
    const item = await repo.getFeedback(db, id);
    if (!item) return reply.callNotFound();
    const [themes, allThemes, suggestions, actions] = await Promise.all([
      repo.themesOf(db, id),
      repo.listThemes(db),
      service.suggestionsFor(db, id),
      repo.actionsForFeedback(db, id),
    ]);
    const staff = isStaff(actor);
    // Staff read what the person wrote; group members read it de-identified. Either way it is recorded.
    await audit(db, { actorId: actor.id, action: 'feedback.viewed', subject: id, detail: { original: staff } });
    const themeName = new Map(allThemes.map((t) => [t.id, t.name]));
    return reply.code(errors.length ? 400 : 200).view('feedback/views/item.njk', {
      pageTitle: 'Feedback',
      item: { ...item, areaText: areaText(item.area), ratingText: ratingText(item.rating) },
      shownText: staff ? item.body : item.deidentified_text,
      showingOriginal: staff,
      themes,
      themeItems: [{ value: '', text: 'Choose a theme' }, ...allThemes.filter((t) => !themes.some((a) => a.id === t.id)).map((t) => ({ value: t.id, text: t.name, selected: values.themeId === t.id }))],
      suggestions: suggestions.map((s) => ({ ...s, name: themeName.get(s.themeId) ?? 'Theme', percent: Math.round(s.score * 100) })),
      actions,
      values,
      ...formErrors(errors),
    });
  }

  app.get('/feedback/manage/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) =>
    renderItem(reply, request.actor!, request.params.id),
  );

  app.post('/feedback/manage/:id/themes', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: ApplyThemeBody } }, async (request, reply) => {
    const actor = request.actor!;
    const item = await repo.getFeedback(db, request.params.id);
    if (!item) return reply.callNotFound();
    // The list offers only themes by id: anything else is no choice at all.
    const themeId = UUID.test(text(request.body, 'themeId')) ? text(request.body, 'themeId') : '';
    const newTheme = text(request.body, 'newTheme');
    if (!themeId && !newTheme) return renderItem(reply, actor, item.id, [{ field: 'themeId', message: 'Choose a theme, or give a new theme a name' }], { newTheme });
    if (newTheme.length > 100) return renderItem(reply, actor, item.id, [{ field: 'newTheme', message: 'A theme name must be 100 characters or fewer' }], { newTheme });
    await db.transaction().execute(async (trx) => {
      let id = themeId;
      if (!id) {
        const existing = await repo.findThemeByName(trx, newTheme);
        id = existing?.id ?? (await repo.createTheme(trx, { name: newTheme, description: '', createdBy: actor.id, at: new Date().toISOString() }));
      } else if (!(await repo.getTheme(trx, id))) {
        return;
      }
      await service.applyTheme(trx, { feedbackId: item.id, themeId: id, by: actor.id });
    });
    request.session.flash = 'Theme applied';
    return reply.redirect(`/feedback/manage/${item.id}`, 303);
  });

  app.post('/feedback/manage/:id/themes/:themeId/remove', { config: { policy: 'group-or-staff' }, schema: { params: ItemThemeParams } }, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      await repo.removeTheme(trx, request.params.id, request.params.themeId);
      await audit(trx, { actorId: request.actor!.id, action: 'feedback.theme-removed', subject: request.params.id, detail: { themeId: request.params.themeId } });
    });
    request.session.flash = 'Theme removed';
    return reply.redirect(`/feedback/manage/${request.params.id}`, 303);
  });

  app.post('/feedback/manage/:id/suggestions', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: SuggestionBody } }, async (request, reply) => {
    const actor = request.actor!;
    const themeId = text(request.body, 'themeId');
    const decision = text(request.body, 'decision');
    const item = await repo.getFeedback(db, request.params.id);
    if (!item) return reply.callNotFound();
    // The score is recomputed here, not trusted from the form.
    const suggestion = (await service.suggestionsFor(db, item.id)).find((s) => s.themeId === themeId);
    if (!suggestion || (decision !== 'accept' && decision !== 'reject')) {
      request.session.flash = 'That suggestion is no longer open';
      return reply.redirect(`/feedback/manage/${item.id}`, 303);
    }
    await db.transaction().execute(async (trx) => {
      if (decision === 'accept') await service.applyTheme(trx, { feedbackId: item.id, themeId, by: actor.id, suggestion: { score: suggestion.score } });
      else await service.rejectSuggestion(trx, { feedbackId: item.id, themeId, score: suggestion.score, by: actor.id });
    });
    request.session.flash = decision === 'accept' ? 'Suggested theme applied' : 'Suggestion turned down';
    return reply.redirect(`/feedback/manage/${item.id}`, 303);
  });

  // Moderation (group members) ----------------------------------------------------------------

  app.get('/feedback/moderation', { config: { policy: 'group' } }, async (_request, reply) => {
    const items = await repo.listFeedback(db, 'awaiting-moderation', { limit: 100, offset: 0 });
    return reply.view('feedback/views/moderation.njk', { pageTitle: 'Feedback waiting to be published', items: items.map((i) => ({ ...i, areaText: areaText(i.area) })) });
  });

  const renderModerate = async (reply: FastifyReply, id: string, values: { publicText?: string }, errors: FieldError[] = [], viewer?: Actor) => {
    const item = await repo.getFeedback(db, id);
    if (!item || item.moderation !== 'pending') return reply.callNotFound();
    // Only a view that shows the words is recorded as one.
    if (viewer) await audit(db, { actorId: viewer.id, action: 'feedback.viewed', subject: id, detail: { original: false } });
    const names = await repo.knownNames(db);
    const removed = deidentify(item.body, { knownNames: names }).removed;
    return reply.code(errors.length ? 400 : 200).view('feedback/views/moderate.njk', {
      pageTitle: 'Check feedback before it is published',
      item: { ...item, areaText: areaText(item.area) },
      removedText: describeRemoved(removed),
      values: { publicText: values.publicText ?? item.deidentified_text },
      ...formErrors(errors),
    });
  };

  app.get('/feedback/moderation/:id', { config: { policy: 'group' }, schema: { params: IdParams } }, async (request, reply) => {
    return renderModerate(reply, request.params.id, {}, [], request.actor!);
  });

  app.post('/feedback/moderation/:id', { config: { policy: 'group' }, schema: { params: IdParams, body: ModerationBody } }, async (request, reply) => {
    const decision = text(request.body, 'decision');
    const publicText = typeof request.body.publicText === 'string' ? request.body.publicText.trim() : '';
    if (decision !== 'approve' && decision !== 'reject') return renderModerate(reply, request.params.id, { publicText }, [{ field: 'decision', message: 'Choose to publish or not to publish' }]);
    if (decision === 'approve') {
      if (!publicText) return renderModerate(reply, request.params.id, { publicText }, [{ field: 'publicText', message: 'Enter the words to publish' }]);
      if (publicText.length > 5000) return renderModerate(reply, request.params.id, { publicText }, [{ field: 'publicText', message: 'The words to publish must be 5,000 characters or fewer' }]);
      const left = identifiersIn(publicText, { knownNames: await repo.knownNames(db) });
      if (left.length) {
        return renderModerate(reply, request.params.id, { publicText }, [
          { field: 'publicText', message: `This still seems to contain ${left.map(kindWord).join(' and ')}. Remove them before publishing` },
        ]);
      }
    }
    const done = await db.transaction().execute((trx) =>
      service.moderate(trx, { feedbackId: request.params.id, decision: decision === 'approve' ? 'approved' : 'rejected', publicText: decision === 'approve' ? publicText : null, by: request.actor!.id }),
    );
    if (!done) return reply.callNotFound();
    request.session.flash = decision === 'approve' ? 'Feedback approved for publishing' : 'Feedback will not be published';
    return reply.redirect('/feedback/moderation', 303);
  });

  // Themes --------------------------------------------------------------------------------------

  const renderThemes = async (reply: FastifyReply, values: { name?: string; description?: string }, errors: FieldError[] = []) => {
    const [themes, acceptance] = await Promise.all([repo.listThemes(db), repo.suggestionAcceptance(db)]);
    return reply.code(errors.length ? 400 : 200).view('feedback/views/themes.njk', { pageTitle: 'Themes', themes, acceptance, values, ...formErrors(errors) });
  };

  app.get('/feedback/themes', { config: { policy: 'group-or-staff' } }, async (_request, reply) => renderThemes(reply, {}));

  app.post('/feedback/themes', { config: { policy: 'group-or-staff' }, schema: { body: ThemeBody } }, async (request, reply) => {
    const name = text(request.body, 'name');
    const description = text(request.body, 'description');
    const errors: FieldError[] = [];
    if (!name) errors.push({ field: 'name', message: 'Enter a name for the theme' });
    else if (name.length > 100) errors.push({ field: 'name', message: 'A theme name must be 100 characters or fewer' });
    else if (await repo.findThemeByName(db, name)) errors.push({ field: 'name', message: 'There is already a theme with this name' });
    if (description.length > 1000) errors.push({ field: 'description', message: 'The description must be 1,000 characters or fewer' });
    if (errors.length) return renderThemes(reply, { name, description }, errors);
    const id = await db.transaction().execute(async (trx) => {
      const themeId = await repo.createTheme(trx, { name, description, createdBy: request.actor!.id, at: new Date().toISOString() });
      await audit(trx, { actorId: request.actor!.id, action: 'feedback.theme-created', subject: themeId });
      return themeId;
    });
    request.session.flash = 'Theme created';
    return reply.redirect(`/feedback/themes/${id}`, 303);
  });

  const renderTheme = async (reply: FastifyReply, id: string, proposal: { values?: Record<string, string>; errors?: FieldError[] } = {}) => {
    const theme = await repo.getTheme(db, id);
    if (!theme) return reply.callNotFound();
    const [monthly, items, actions] = await Promise.all([repo.themeMonthlyCounts(db, id), repo.feedbackForTheme(db, id, 20), repo.listActions(db, { themeId: id })]);
    const total = monthly.reduce((s, m) => s + m.count, 0);
    const chart = trendChart(monthly, { title: `Feedback about ${theme.name}, by month` });
    const errors = proposal.errors ?? [];
    return reply.code(errors.length ? 400 : 200).view('feedback/views/theme.njk', {
      pageTitle: theme.name,
      theme,
      total,
      monthly: chart.rows,
      chart,
      items,
      actions,
      proposalValues: proposal.values ?? { title: theme.name, problem: '', idea: '' },
      ...formErrors(errors),
    });
  };

  app.get('/feedback/themes/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) => renderTheme(reply, request.params.id));

  // Raising a proposal from a theme: the coproduction workspace owns proposals.
  app.post('/feedback/themes/:id/proposal', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: ProposalBody } }, async (request, reply) => {
    const theme = await repo.getTheme(db, request.params.id);
    if (!theme) return reply.callNotFound();
    const values = { title: text(request.body, 'title'), problem: text(request.body, 'problem'), idea: text(request.body, 'idea') };
    const errors: FieldError[] = [];
    if (!values.title) errors.push({ field: 'title', message: 'Enter a title for the proposal' });
    else if (values.title.length > 200) errors.push({ field: 'title', message: 'The title must be 200 characters or fewer' });
    if (!values.problem) errors.push({ field: 'problem', message: 'Describe the problem people told us about' });
    else if (values.problem.length > 5000) errors.push({ field: 'problem', message: 'The problem must be 5,000 characters or fewer' });
    if (values.idea.length > 5000) errors.push({ field: 'idea', message: 'The idea must be 5,000 characters or fewer' });
    if (errors.length) return renderTheme(reply, theme.id, { values, errors });
    const actor = request.actor!;
    const proposalId = await db.transaction().execute(async (trx) => {
      const id = await raiseProposal(trx, actor, {
        title: values.title,
        problem: values.problem,
        affects: `People who gave feedback about "${theme.name}"`,
        idea: values.idea || 'To be worked out together in co-design.',
        area: 'other',
      });
      // The proposal is linked through a new action for the theme, so the loop can be closed.
      await service.createAction(trx, { title: `Proposal: ${values.title}`, description: `Raised from the theme "${theme.name}".`, ownerId: actor.id, dueDate: null, by: actor.id, feedbackIds: [], themeIds: [theme.id], proposalId: id });
      return id;
    });
    request.session.flash = 'Proposal raised';
    return reply.redirect(`/coproduction/proposals/${proposalId}`, 303);
  });

  // Actions -------------------------------------------------------------------------------------

  app.get('/feedback/actions', { config: { policy: 'group-or-staff' } }, async (_request, reply) => {
    const [open, closed] = await Promise.all([repo.listActions(db, { open: true }), repo.listActions(db, { open: false })]);
    return reply.view('feedback/views/actions.njk', { pageTitle: 'Actions', open, closed, today: new Date().toISOString().slice(0, 10) });
  });

  const renderNewAction = async (reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) => {
    const [owners, themes] = await Promise.all([repo.possibleOwners(db), repo.listThemes(db)]);
    const themeIds = (values.themeIds as string[] | undefined) ?? [];
    return reply.code(errors.length ? 400 : 200).view('feedback/views/action-new.njk', {
      pageTitle: 'New action',
      values,
      ownerItems: [{ value: '', text: 'Choose who owns it' }, ...owners.map((o) => ({ value: o.id, text: o.display_name, selected: values.ownerId === o.id }))],
      themeItems: themes.map((t) => ({ value: t.id, text: t.name, checked: themeIds.includes(t.id) })),
      ...formErrors(errors),
    });
  };

  app.get('/feedback/actions/new', { config: { policy: 'group-or-staff' }, schema: { querystring: ActionQuery } }, async (request, reply) => {
    const feedbackIds: string[] = [];
    if (request.query.feedback && (await repo.getFeedback(db, request.query.feedback))) feedbackIds.push(request.query.feedback);
    return renderNewAction(reply, { themeIds: request.query.theme ? [request.query.theme] : [], feedbackIds });
  });

  app.post('/feedback/actions', { config: { policy: 'group-or-staff' }, schema: { body: ActionBody } }, async (request, reply) => {
    const b = request.body;
    const values = {
      title: text(b, 'title'),
      description: text(b, 'description'),
      ownerId: text(b, 'ownerId'),
      'due-day': text(b, 'due-day'),
      'due-month': text(b, 'due-month'),
      'due-year': text(b, 'due-year'),
      themeIds: list(b, 'themeIds').filter((id) => UUID.test(id)),
      feedbackIds: list(b, 'feedbackIds').filter((id) => UUID.test(id)),
    };
    const errors: FieldError[] = [];
    if (!values.title) errors.push({ field: 'title', message: 'Enter what will be done' });
    else if (values.title.length > 200) errors.push({ field: 'title', message: 'The action must be 200 characters or fewer' });
    if (values.description.length > 5000) errors.push({ field: 'description', message: 'The details must be 5,000 characters or fewer' });
    const owners = await repo.possibleOwners(db);
    if (!owners.some((o) => o.id === values.ownerId)) errors.push({ field: 'ownerId', message: 'Choose who owns the action' });
    const due = isoDate(values['due-day'], values['due-month'], values['due-year']);
    if (due === undefined) errors.push({ field: 'due', message: 'The due date must be a real date, like 27 3 2027' });
    const themes = await repo.listThemes(db);
    values.themeIds = values.themeIds.filter((id) => themes.some((t) => t.id === id));
    if (!values.themeIds.length && !values.feedbackIds.length) errors.push({ field: 'themeIds', message: 'Select at least one theme this action answers' });
    if (errors.length) return renderNewAction(reply, values, errors);
    const existingFeedback: string[] = [];
    for (const id of values.feedbackIds) if (await repo.getFeedback(db, id)) existingFeedback.push(id);
    const id = await db.transaction().execute((trx) =>
      service.createAction(trx, { title: values.title, description: values.description, ownerId: values.ownerId, dueDate: due ?? null, by: request.actor!.id, feedbackIds: existingFeedback, themeIds: values.themeIds }),
    );
    request.session.flash = 'Action created';
    return reply.redirect(`/feedback/actions/${id}`, 303);
  });

  const renderAction = async (reply: FastifyReply, id: string, values: Record<string, string> = {}, errors: FieldError[] = []) => {
    const action = await repo.getAction(db, id);
    if (!action) return reply.callNotFound();
    const [themes, items, counts, owners] = await Promise.all([repo.actionThemes(db, id), repo.feedbackLinkedToAction(db, id), repo.actionFeedbackCounts(db, id), repo.possibleOwners(db)]);
    const due = action.due_date ? action.due_date.split('-') : [];
    return reply.code(errors.length ? 400 : 200).view('feedback/views/action.njk', {
      pageTitle: action.title,
      action,
      themes,
      items,
      counts,
      statuses: service.ACTION_STATUSES.map((s) => ({ ...s, selected: s.value === action.status })),
      ownerItems: owners.map((o) => ({ value: o.id, text: o.display_name, selected: o.id === action.owner_id })),
      due: { year: due[0] ?? '', month: due[1] ?? '', day: due[2] ?? '' },
      values: { youSaid: values.youSaid ?? (themes.length ? `We needed to do something about ${themes.map((t) => t.name.toLowerCase()).join(' and ')}.` : ''), ...values },
      ...formErrors(errors),
    });
  };

  app.get('/feedback/actions/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) => renderAction(reply, request.params.id));

  app.post('/feedback/actions/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: ActionBody } }, async (request, reply) => {
    const action = await repo.getAction(db, request.params.id);
    if (!action || action.closed_at) return reply.callNotFound();
    const b = request.body;
    const status = text(b, 'status');
    const ownerId = text(b, 'ownerId');
    const due = isoDate(text(b, 'due-day'), text(b, 'due-month'), text(b, 'due-year'));
    const errors: FieldError[] = [];
    if (!service.ACTION_STATUSES.some((s) => s.value === status)) errors.push({ field: 'status', message: 'Choose a status' });
    if (!(await repo.possibleOwners(db)).some((o) => o.id === ownerId)) errors.push({ field: 'ownerId', message: 'Choose who owns the action' });
    if (due === undefined) errors.push({ field: 'due', message: 'The due date must be a real date, like 27 3 2027' });
    if (errors.length) return renderAction(reply, action.id, {}, errors);
    await db.transaction().execute(async (trx) => {
      await repo.updateAction(trx, action.id, { status, ownerId, dueDate: due ?? null });
      await audit(trx, { actorId: request.actor!.id, action: 'feedback.action-updated', subject: action.id, detail: { status } });
    });
    request.session.flash = 'Action updated';
    return reply.redirect(`/feedback/actions/${action.id}`, 303);
  });

  app.post('/feedback/actions/:id/close', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: CloseBody } }, async (request, reply) => {
    const action = await repo.getAction(db, request.params.id);
    if (!action || action.closed_at) return reply.callNotFound();
    const values = { outcome: text(request.body, 'outcome'), youSaid: text(request.body, 'youSaid'), weDid: text(request.body, 'weDid'), weCouldnt: text(request.body, 'weCouldnt'), because: text(request.body, 'because'), keepWording: text(request.body, 'keepWording') };
    let languageWarned = false;
    const errors: FieldError[] = [];
    if (values.outcome !== 'done' && values.outcome !== 'not-done') errors.push({ field: 'outcome', message: 'Select whether you did it' });
    if (!values.youSaid) errors.push({ field: 'youSaid', message: 'Enter what people said, in a sentence' });
    if (values.outcome === 'done' && !values.weDid) errors.push({ field: 'weDid', message: 'Enter what you did' });
    if (values.outcome === 'not-done') {
      if (!values.weCouldnt) errors.push({ field: 'weCouldnt', message: 'Enter what you could not do' });
      if (!values.because) errors.push({ field: 'because', message: 'Enter why you could not do it' });
    }
    for (const [field, value] of Object.entries(values)) if (value.length > 2000) errors.push({ field, message: 'Keep each part to 2,000 characters or fewer' });
    // The statement is public: nothing identifying may be in it.
    const names = await repo.knownNames(db);
    for (const field of ['youSaid', 'weDid', 'weCouldnt', 'because'] as const) {
      const left = identifiersIn(values[field], { knownNames: names }).filter((k) => k !== 'name');
      if (left.length) errors.push({ field, message: `This is published: remove ${left.map(kindWord).join(' and ')}` });
    }
    if (errors.length) return renderAction(reply, action.id, values, errors);
    // The public statement is service writing: the language guard checks it, and the check is logged.
    for (const field of ['youSaid', 'weDid', 'weCouldnt', 'because'] as const) {
      if (!values[field]) continue;
      const findings = await checkText(db, values[field], { documentKind: 'service-document' });
      await logLanguageCheck(db, { source: 'you-said-we-did', words: countWords(values[field]), findings: findings.length, blocking: findings.filter((f) => f.severity === 'block').length });
      const blocking = findings.filter((f) => f.severity === 'block');
      const warnings = findings.filter((f) => f.severity === 'warn');
      if (blocking.length) errors.push({ field, message: `Our language guide says: ${blocking.map((f) => f.message).join('; ')}` });
      else if (warnings.length && values.keepWording !== 'yes') {
        errors.push({ field, message: `Our language guide suggests a change: ${warnings.map((f) => f.message).join('; ')}. Change it, or choose to publish it as written` });
        languageWarned = true;
      }
    }
    if (errors.length) return renderAction(reply, action.id, { ...values, languageWarned: languageWarned ? 'yes' : '' }, errors);
    const done = values.outcome === 'done';
    const result = await db.transaction().execute((trx) =>
      service.closeAction(trx, config, { actionId: action.id, outcome: done ? 'done' : 'not-done', youSaid: values.youSaid, weDid: done ? values.weDid : values.weCouldnt, because: done ? null : values.because, by: request.actor!.id }),
    );
    if (!result) return reply.callNotFound();
    request.session.flash = result.replies ? `Action closed and published. ${result.replies} ${result.replies === 1 ? 'person' : 'people'} who asked will be told` : 'Action closed and published';
    return reply.redirect(`/feedback/actions/${action.id}`, 303);
  });

  // Replies by phone (staff) --------------------------------------------------------------------

  app.get('/feedback/replies', { config: { policy: 'staff' } }, async (request, reply) => {
    const tasks = await repo.openReplyTasks(db);
    await audit(db, { actorId: request.actor!.id, action: 'feedback.reply-tasks-viewed', detail: { tasks: tasks.length } });
    return reply.view('feedback/views/replies.njk', { pageTitle: 'Calls to make', tasks: tasks.map((t) => ({ ...t, statement: service.publicStatement(t.status === 'not-done' ? { you_said: null, we_did: t.we_did, because: t.because, status: t.status } : { you_said: null, we_did: t.we_did, because: null, status: 'done' }).replace(/^You said:\s*\n/, '') })) });
  });

  app.post('/feedback/replies/:id/done', { config: { policy: 'staff' }, schema: { params: IdParams } }, async (request, reply) => {
    const done = await db.transaction().execute((trx) => service.completeReplyTask(trx, request.params.id, request.actor!.id));
    if (!done) return reply.callNotFound();
    request.session.flash = 'Call recorded. The phone number has been deleted';
    return reply.redirect('/feedback/replies', 303);
  });

  // You said, we did (public) -------------------------------------------------------------------

  app.get('/you-said-we-did', { config: { policy: 'public' }, schema: { querystring: BoardQuery } }, async (request, reply) => {
    const themeId = request.query.theme && UUID.test(request.query.theme) ? request.query.theme : undefined;
    const page = request.query.page ?? 1;
    const [entries, total, themes] = await Promise.all([
      repo.publicBoard(db, { themeId, limit: BOARD_PAGE_SIZE, offset: (page - 1) * BOARD_PAGE_SIZE }),
      repo.countPublicBoard(db, themeId),
      repo.themeNames(db),
    ]);
    const entryThemes = await repo.themesForActions(db, entries.map((e) => e.id));
    return reply.view('feedback/views/board.njk', {
      pageTitle: 'You said, we did',
      entries: entries.map((e) => ({ ...e, themes: entryThemes.filter((t) => t.action_id === e.id) })),
      total,
      page,
      hasNext: page * BOARD_PAGE_SIZE < total,
      themeId: themeId ?? '',
      themeName: themes.find((t) => t.id === themeId)?.name,
      themeItems: [{ value: '', text: 'All themes' }, ...themes.map((t) => ({ value: t.id, text: t.name, selected: t.id === themeId }))],
    });
  });

  app.get('/you-said-we-did/feed.xml', { config: { policy: 'public' }, schema: { querystring: BoardQuery } }, async (request, reply) => {
    const themeId = request.query.theme && UUID.test(request.query.theme) ? request.query.theme : undefined;
    const entries = await repo.publicBoard(db, { themeId, limit: 50 });
    const base = config.publicUrl;
    const xml = atomFeed({
      id: `${base}/you-said-we-did`,
      title: `You said, we did – ${config.serviceName}`,
      selfUrl: `${base}/you-said-we-did/feed.xml${themeId ? `?theme=${themeId}` : ''}`,
      siteUrl: `${base}/you-said-we-did`,
      updated: entries[0]?.closed_at ?? new Date(0).toISOString(),
      entries: entries.map((e) => ({
        id: `${base}/you-said-we-did/${e.id}`,
        title: e.title,
        url: `${base}/you-said-we-did/${e.id}`,
        published: e.closed_at ?? '',
        updated: e.closed_at ?? '',
        summary: service.publicStatement(e),
        author: config.serviceName,
      })),
    });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  app.get('/you-said-we-did/:id', { config: { policy: 'public' }, schema: { params: IdParams } }, async (request, reply) => {
    const action = await repo.getAction(db, request.params.id);
    if (!action || !action.closed_at) return reply.callNotFound();
    const [themes, quotes] = await Promise.all([repo.actionThemes(db, action.id), repo.publishedQuotes(db, action.id)]);
    return reply.view('feedback/views/board-entry.njk', { pageTitle: action.title, action, themes, quotes });
  });
}
