// The person's own pages: About me (profile, contact safety, priorities, previous names), their
// record with its history and their responses, who looked, their data and their requests.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, text, type FieldError } from '../../platform/forms.ts';
import { paginationFor } from '../../platform/paging.ts';
import * as dataRights from './data-rights.ts';
import { CHANNELS, loadContact, saveContact, type ContactSafety } from '../accounts/index.ts';
import { COMMON_PRONOUNS, COMMUNICATION_NEEDS, aboutMeFormValues, pronounsText, readAboutMeForm, readContactForm } from './profile.ts';
import { perAccount } from '../../platform/rate-limit.ts';
import * as repo from './repository.ts';
import { AboutMeBody, ContactBody, CsrfOnly, DataRequestBody, EntryParams, IdParams, OpenForm, PageQuery, PreviousNameBody, RespondBody } from './schemas.ts';
import * as service from './service.ts';


export function pronounItems(selected: readonly string[]) {
  return [
    ...COMMON_PRONOUNS.map((p) => ({ value: p, text: p, checked: selected.includes(p) })),
    { divider: 'or' },
    { value: 'name-only', text: 'Name only, no pronouns', checked: selected.includes('name-only'), exclusive: true },
  ];
}

function needItems(selected: readonly string[]) {
  return Object.entries(COMMUNICATION_NEEDS).map(([value, label]) => ({ value, text: label, checked: selected.includes(value) }));
}

function channelItems(selected: readonly string[]) {
  return Object.entries(CHANNELS).map(([value, label]) => ({ value, text: label, checked: selected.includes(value) }));
}

export default async function mePages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const person = { policy: 'person' as const };

  app.get('/me', { config: person }, async (request, reply) => {
    const id = request.actor!.id;
    const [about, contact, priorities, names, counts] = await Promise.all([
      service.loadAboutMe(db, id),
      loadContact(db, id),
      service.loadPriorities(db, id),
      service.listProtectedNames(db, id),
      service.countEntries(db, id),
    ]);
    return reply.view('record/views/me.njk', {
      pageTitle: 'About me',
      about,
      pronouns: pronounsText(about),
      needLabels: COMMUNICATION_NEEDS,
      channelLabels: CHANNELS,
      contact,
      ranked: priorities.filter((p) => p.rank !== null),
      names,
      awaitingReview: counts.awaitingReview,
    });
  });

  // About me
  const renderAbout = (reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/about-form.njk', {
      pageTitle: 'Your name, pronouns and words',
      values,
      pronounItems: pronounItems((values.pronouns as string[]) ?? []),
      needItems: needItems((values.communicationNeeds as string[]) ?? []),
      ...formErrors(errors),
    });

  app.get('/me/about', { config: person }, async (request, reply) => renderAbout(reply, aboutMeFormValues(await service.loadAboutMe(db, request.actor!.id))));

  app.post('/me/about', { config: { ...person, rateLimit: perAccount('about', 30, 60_000) }, schema: { body: AboutMeBody } }, async (request, reply) => {
    const form = readAboutMeForm(request.body);
    if (!form.about) return renderAbout(reply, form.values, form.errors);
    await service.saveAboutMe(db, request.actor!.id, form.about);
    request.session.flash = 'Your name, pronouns and words are saved';
    return reply.redirect('/me', 303);
  });

  // Contact safety
  const renderContact = (reply: FastifyReply, values: ContactSafety & { voicemail?: string }, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/contact-form.njk', {
      pageTitle: 'How we may contact you',
      values,
      channelItems: channelItems(values.channels),
      ...formErrors(errors),
    });

  app.get('/me/contact', { config: person }, async (request, reply) => {
    const contact = await loadContact(db, request.actor!.id);
    return renderContact(reply, { ...contact, voicemail: contact.saved ? (contact.voicemailAllowed ? 'yes' : 'no') : '' });
  });

  app.post('/me/contact', { config: { ...person, rateLimit: perAccount('contact', 30, 60_000) }, schema: { body: ContactBody } }, async (request, reply) => {
    const { values, errors } = readContactForm(request.body);
    if (errors.length) return renderContact(reply, { ...values, voicemail: text(request.body, 'voicemail') }, errors);
    await saveContact(db, request.actor!.id, values);
    request.session.flash = 'How we may contact you is saved';
    return reply.redirect('/me', 303);
  });

  // Priorities of care: a rank per item (no JavaScript needed) and their own words for each.
  const renderPriorities = (reply: FastifyReply, items: Array<service.PriorityItem & { rankValue: string }>, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/priorities-form.njk', {
      pageTitle: 'What matters most to you',
      items: items.map((item) => ({
        ...item,
        rankItems: [
          { value: '', text: 'Not ranked', selected: item.rankValue === '' },
          ...items.map((_, i) => ({ value: String(i + 1), text: `Number ${i + 1}`, selected: item.rankValue === String(i + 1) })),
        ],
      })),
      ...formErrors(errors),
    });

  app.get('/me/priorities', { config: person }, async (request, reply) => {
    const items = await service.loadPriorities(db, request.actor!.id);
    return renderPriorities(reply, items.map((i) => ({ ...i, rankValue: i.rank === null ? '' : String(i.rank) })));
  });

  app.post('/me/priorities', { config: { ...person, rateLimit: perAccount('priorities', 30, 60_000) }, schema: { body: OpenForm } }, async (request, reply) => {
    const catalogue = await service.loadPriorities(db, request.actor!.id);
    const errors: FieldError[] = [];
    const seen = new Map<number, string>();
    const items = catalogue.map((c) => {
      const rankValue = text(request.body, `rank_${c.id}`);
      const ownWords = text(request.body, `words_${c.id}`);
      const rank = rankValue === '' ? null : Number(rankValue);
      if (rank !== null && (!Number.isInteger(rank) || rank < 1 || rank > catalogue.length)) {
        errors.push({ field: `rank_${c.id}`, message: `Choose a place from 1 to ${catalogue.length} for ${c.label}, or "Not ranked"` });
      } else if (rank !== null && seen.has(rank)) {
        errors.push({ field: `rank_${c.id}`, message: `${c.label} and ${seen.get(rank)} are both number ${rank}: give each a different place` });
      } else if (rank !== null) seen.set(rank, c.label);
      if (ownWords.length > 2000) errors.push({ field: `words_${c.id}`, message: `What you wrote about ${c.label} must be 2,000 characters or fewer` });
      if (ownWords && rank === null) errors.push({ field: `rank_${c.id}`, message: `Give ${c.label} a place, or remove what you wrote about it` });
      return { ...c, rank, rankValue, ownWords };
    });
    if (errors.length) return renderPriorities(reply, items, errors);
    const ranked = items.filter((i) => i.rank !== null).sort((a, b) => a.rank! - b.rank!);
    // Places are kept in order but closed up: 1, 3, 4 become 1, 2, 3.
    await service.savePriorities(db, request.actor!.id, ranked.map((i, n) => ({ priorityId: i.id, rank: n + 1, ownWords: i.ownWords || null })));
    request.session.flash = 'What matters most to you is saved';
    return reply.redirect('/me', 303);
  });

  // Previous names: the name typed is never shown again, logged or kept in readable form.
  const renderNames = async (reply: FastifyReply, accountId: string, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/previous-names.njk', {
      pageTitle: 'Names we must never use',
      names: await service.listProtectedNames(db, accountId),
      ...formErrors(errors),
    });

  app.get('/me/previous-names', { config: person }, async (request, reply) => renderNames(reply, request.actor!.id));

  app.post('/me/previous-names', { config: { ...person, rateLimit: perAccount('previous-names', 30, 60_000) }, schema: { body: PreviousNameBody } }, async (request, reply) => {
    const name = text(request.body, 'previousName');
    const actor = request.actor!;
    if (!name) return renderNames(reply, actor.id, [{ field: 'previousName', message: 'Enter a name you never want to see' }]);
    if (name.length > 200) return renderNames(reply, actor.id, [{ field: 'previousName', message: 'The name must be 200 characters or fewer' }]);
    const outcome = await service.addPreviousName(db, config, actor.id, actor.displayName, name);
    if (outcome === 'current-name') {
      return renderNames(reply, actor.id, [{ field: 'previousName', message: 'That is part of the name you use now, so we cannot block it. Enter a name you no longer use' }]);
    }
    request.session.flash = 'The name is protected. We will never show it';
    return reply.redirect('/me/previous-names', 303);
  });

  app.post('/me/previous-names/:id/remove', { config: person, schema: { params: IdParams, body: CsrfOnly } }, async (request, reply) => {
    if (!(await service.removePreviousName(db, request.actor!.id, request.params.id))) return reply.callNotFound();
    request.session.flash = 'The name is no longer protected';
    return reply.redirect('/me/previous-names', 303);
  });

  // The record as the person sees it
  app.get('/me/record', { config: person, schema: { querystring: PageQuery } }, async (request, reply) => {
    const { entries, page, total } = await service.loadEntryPage(db, request.actor!.id, request.query.page);
    return reply.view('record/views/my-record.njk', {
      pageTitle: page.number > 1 ? `My record (page ${page.number} of ${page.pages})` : 'My record',
      entries,
      entryTotal: total,
      entryPage: page,
      entryPagination: paginationFor(page, (n) => `/me/record?page=${n}`),
    });
  });

  const renderMyEntry = async (reply: FastifyReply, accountId: string, entryId: string, values: Record<string, string> = {}, errors: FieldError[] = []) => {
    const view = await service.loadEntry(db, accountId, entryId);
    return reply.code(errors.length ? 400 : 200).view('record/views/my-entry.njk', { pageTitle: view.entry.title, ...view, values, ...formErrors(errors) });
  };

  app.get('/me/record/:entryId', { config: person, schema: { params: EntryParams } }, async (request, reply) => renderMyEntry(reply, request.actor!.id, request.params.entryId));

  app.post('/me/record/:entryId/respond', { config: { ...person, rateLimit: perAccount('respond', 30, 60_000) }, schema: { params: EntryParams, body: RespondBody } }, async (request, reply) => {
    const kind = text(request.body, 'kind');
    const body = text(request.body, 'body');
    const errors: FieldError[] = [];
    if (kind !== 'view' && kind !== 'agree' && kind !== 'correction') errors.push({ field: 'kind', message: 'Choose what you want to do' });
    else if (kind !== 'agree' && !body) errors.push({ field: 'body', message: kind === 'correction' ? 'Tell us what is wrong and what it should say' : 'Write your view' });
    if (body.length > 10_000) errors.push({ field: 'body', message: 'Keep this to 10,000 characters or fewer' });
    if (errors.length) return renderMyEntry(reply, request.actor!.id, request.params.entryId, { kind, body }, errors);
    await service.respond(db, request.actor!, request.params.entryId, kind as 'view' | 'agree' | 'correction', body);
    request.session.flash = kind === 'correction' ? 'Your correction request is sent. You will see the answer here' : kind === 'agree' ? 'You agreed with this entry' : 'Your view is added to your record';
    return reply.redirect(`/me/record/${request.params.entryId}`, 303);
  });

  app.post('/me/record/:entryId/review', { config: person, schema: { params: EntryParams, body: RespondBody } }, async (request, reply) => {
    const body = text(request.body, 'body');
    if (body.length > 10_000) return renderMyEntry(reply, request.actor!.id, request.params.entryId, { reviewBody: body }, [{ field: 'reviewBody', message: 'Keep this to 10,000 characters or fewer' }]);
    await service.respond(db, request.actor!, request.params.entryId, 'review', body);
    request.session.flash = 'Thank you. The letter can now be sent';
    return reply.redirect(`/me/record/${request.params.entryId}`, 303);
  });

  app.get('/me/access-log', { config: person }, async (request, reply) => {
    const [log, grants] = await Promise.all([repo.listAccessLog(db, request.actor!.id), repo.listGrantsAbout(db, request.actor!.id)]);
    return reply.view('record/views/access-log.njk', { pageTitle: 'Who has looked at your record', log, grants, now: new Date().toISOString() });
  });

  // Data rights: every account, staff included, may see and download what withme holds about it.
  const anyAccount = { policy: 'signed-in' as const };
  // Each download reads every table: plenty for a person, not enough to load the database.
  app.get('/me/download', { config: { ...anyAccount, rateLimit: perAccount('download', 20, 10 * 60_000) } }, async (request, reply) => {
    const data = await dataRights.everythingAbout(db, request.actor!.id);
    return reply.view('record/views/download.njk', { pageTitle: 'Your data', data });
  });

  app.get('/me/download.json', { config: { ...anyAccount, rateLimit: perAccount('download-json', 20, 10 * 60_000) } }, async (request, reply) => {
    const data = await dataRights.everythingAbout(db, request.actor!.id);
    return reply
      .header('content-disposition', 'attachment; filename="withme-my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  const renderRequests = async (reply: FastifyReply, accountId: string, values: Record<string, string> = {}, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/my-requests.njk', {
      pageTitle: 'Ask us to correct or erase your data',
      requests: await repo.listDataRequests(db, accountId),
      values,
      ...formErrors(errors),
    });

  app.get('/me/requests', { config: anyAccount }, async (request, reply) => renderRequests(reply, request.actor!.id));

  app.post('/me/requests', { config: { ...anyAccount, rateLimit: perAccount('requests', 30, 60_000) }, schema: { body: DataRequestBody } }, async (request, reply) => {
    const kind = text(request.body, 'kind');
    const detail = text(request.body, 'detail');
    const errors: FieldError[] = [];
    if (kind !== 'erasure' && kind !== 'correction') errors.push({ field: 'kind', message: 'Choose whether you want something corrected or erased' });
    if (!detail) errors.push({ field: 'detail', message: 'Tell us what you want corrected or erased' });
    else if (detail.length > 5000) errors.push({ field: 'detail', message: 'Keep this to 5,000 characters or fewer' });
    if (errors.length) return renderRequests(reply, request.actor!.id, { kind, detail }, errors);
    await dataRights.openRequest(db, request.actor!.id, kind as 'erasure' | 'correction', detail);
    request.session.flash = 'Your request is sent. You will see the answer here';
    return reply.redirect('/me/requests', 303);
  });
}
