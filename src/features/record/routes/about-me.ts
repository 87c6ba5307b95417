// The person's About me: their profile, contact safety, what matters most to them, and the names
// they never want to see (the name typed is never shown again, logged or kept in readable form).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { text, type FieldError } from '../../../platform/forms.ts';
import { perAccount } from '../../../platform/rate-limit.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { loadContact, saveContact } from '../../accounts/index.ts';
import { OWN_NAME_MESSAGE, OwnPreviousName } from '../../language/index.ts';
import { PREVIOUS_NAME_REFUSALS, aboutMeFormValues, contactFormValues, priorityFormItems, readAboutMeForm, readContactForm, readPreviousNameForm, readPrioritiesForm } from '../forms/about-me.ts';
import { aboutFormPage, contactFormPage, mePage, previousNamesPage, prioritiesPage } from '../present/about-me.ts';
import { AboutMeBody, ContactBody, CsrfOnly, IdParams, OpenForm, PreviousNameBody } from '../schemas.ts';
import * as aboutMe from '../service/about-me.ts';

/** Each field that held a protected name, told gently: it is shown again with "[my previous name]" in its place. */
const ownNameErrors = (error: OwnPreviousName): FieldError[] => error.fields.map((field) => ({ field, message: OWN_NAME_MESSAGE }));

export default async function aboutMePages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const person = { policy: 'person' as const };

  app.get('/me', { config: person }, async (request, reply) => reply.view('record/views/me.njk', mePage(await aboutMe.aboutMeSummary(db, request.actor!.id))));

  app.get('/me/about', { config: person }, async (request, reply) =>
    reply.view('record/views/about-form.njk', aboutFormPage(aboutMeFormValues(await aboutMe.loadAboutMe(db, request.actor!.id)))),
  );

  app.post('/me/about', { config: { ...person, rateLimit: perAccount('about', 30, 60_000) }, schema: { body: AboutMeBody } }, async (request, reply) => {
    const form = readAboutMeForm(request.body);
    if (!form.about) return reply.code(400).view('record/views/about-form.njk', aboutFormPage(form.values, form.errors));
    try {
      await aboutMe.saveAboutMe(db, request.actor!.id, form.about);
    } catch (error) {
      if (!(error instanceof OwnPreviousName)) throw error;
      const offered = Object.fromEntries(error.fields.map((f) => [f, error.offered[f] ?? '']));
      return reply.code(400).view('record/views/about-form.njk', aboutFormPage({ ...form.values, ...offered }, ownNameErrors(error)));
    }
    request.session.flash = 'Your name, pronouns and words are saved';
    return reply.redirect('/me', 303);
  });

  // Contact safety belongs to the accounts feature, which every message goes through.
  app.get('/me/contact', { config: person }, async (request, reply) =>
    reply.view('record/views/contact-form.njk', contactFormPage(contactFormValues(await loadContact(db, request.actor!.id)))),
  );

  app.post('/me/contact', { config: { ...person, rateLimit: perAccount('contact', 30, 60_000) }, schema: { body: ContactBody } }, async (request, reply) => {
    const { values, errors } = readContactForm(request.body);
    if (errors.length) return reply.code(400).view('record/views/contact-form.njk', contactFormPage({ ...values, voicemail: text(request.body, 'voicemail') }, errors));
    await saveContact(db, request.actor!.id, values);
    request.session.flash = 'How we may contact you is saved';
    return reply.redirect('/me', 303);
  });

  // Priorities of care: a rank per item (no JavaScript needed) and their own words for each.
  app.get('/me/priorities', { config: person }, async (request, reply) =>
    reply.view('record/views/priorities-form.njk', prioritiesPage(priorityFormItems(await aboutMe.loadPriorities(db, request.actor!.id)))),
  );

  app.post('/me/priorities', { config: { ...person, rateLimit: perAccount('priorities', 30, 60_000) }, schema: { body: OpenForm } }, async (request, reply) => {
    const form = readPrioritiesForm(request.body, await aboutMe.loadPriorities(db, request.actor!.id));
    if (form.errors.length) return reply.code(400).view('record/views/priorities-form.njk', prioritiesPage(form.items, form.errors));
    try {
      await aboutMe.savePriorities(db, request.actor!.id, form.ranked);
    } catch (error) {
      if (!(error instanceof OwnPreviousName)) throw error;
      const items = form.items.map((i) => (error.fields.includes(`words_${i.id}`) ? { ...i, ownWords: error.offered[`words_${i.id}`] ?? '' } : i));
      return reply.code(400).view('record/views/priorities-form.njk', prioritiesPage(items, ownNameErrors(error)));
    }
    request.session.flash = 'What matters most to you is saved';
    return reply.redirect('/me', 303);
  });

  // Previous names: what was typed is never put back into the page.
  app.get('/me/previous-names', { config: person }, async (request, reply) =>
    reply.view('record/views/previous-names.njk', previousNamesPage(await aboutMe.listProtectedNames(db, request.actor!.id))),
  );

  app.post('/me/previous-names', { config: { ...person, rateLimit: perAccount('previous-names', 30, 60_000) }, schema: { body: PreviousNameBody } }, async (request, reply) => {
    const actor = request.actor!;
    const refused = async (errors: FieldError[]) =>
      reply.code(400).view('record/views/previous-names.njk', previousNamesPage(await aboutMe.listProtectedNames(db, actor.id), errors));
    const form = readPreviousNameForm(request.body);
    if (form.errors.length) return refused(form.errors);
    try {
      await aboutMe.addPreviousName(db, config, actor.id, actor.displayName, form.name);
    } catch (error) {
      const code = refusalCode(error, PREVIOUS_NAME_REFUSALS);
      if (!code) throw error;
      return refused([PREVIOUS_NAME_REFUSALS[code]]);
    }
    request.session.flash = 'The name is protected. We will never show it';
    return reply.redirect('/me/previous-names', 303);
  });

  app.post('/me/previous-names/:id/remove', { config: person, schema: { params: IdParams, body: CsrfOnly } }, async (request, reply) => {
    await aboutMe.removePreviousName(db, request.actor!.id, request.params.id);
    request.session.flash = 'The name is no longer protected';
    return reply.redirect('/me/previous-names', 303);
  });
}
