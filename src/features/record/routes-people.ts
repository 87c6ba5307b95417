// Practitioners' pages: the caseload, a person's page (what matters to them first), the record
// editor with the language guard beside it, answering corrections and sending letters, and
// time-limited access to someone not on the caseload. Every view is written to the access log.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EMAIL_PATTERN, formErrors, text, type FieldError } from '../../platform/forms.ts';
import type { Actor } from '../../platform/policy.ts';
import { paginationFor } from '../../platform/paging.ts';
import { NAME_REMOVED, markedSegments, withoutPreviousNames, type FieldFinding } from './guard.ts';
import { COMMUNICATION_NEEDS, pronounsText } from './profile.ts';
import { perAccount } from '../../platform/rate-limit.ts';
import * as repo from './repository.ts';
import type { EntryKind, RecordEntryTable } from './tables.ts';
import { AccessBody, CorrectionParams, ENTRY_BODY_MAX, IdParams, NewEntryQuery, OpenForm, PageQuery, PersonEntryParams, SendBody } from './schemas.ts';
import * as service from './service.ts';

const KINDS: EntryKind[] = ['note', 'letter', 'care-plan'];

interface EditorState {
  action: string;
  heading: string;
  kind: EntryKind;
  values: { title: string; body: string; recipient: string; changeReason: string; answer?: string; outcome?: string };
  keep: Record<string, string>;
  correction?: { id: string; body: string | null };
  /** Changing an existing entry: ask what changed and why. */
  askReason?: boolean;
  /** The version of the entry the change is based on (a hidden field), to catch someone else's save. */
  baseRevision?: number;
}

const STALE_MESSAGE = 'Someone else changed this entry while you were editing: check their version, then save again';

/** The revision the form was based on, or the given one when the form did not say. */
function baseRevisionOf(body: unknown, fallback: number): number {
  const n = Number(text(body, 'revision'));
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export default async function peoplePages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const practitioner = { policy: 'practitioner' as const };

  app.get('/people', { config: practitioner }, async (request, reply) => {
    const actor = request.actor!;
    const [caseload, grants] = await Promise.all([repo.listCaseload(db, actor.id), repo.listActiveGrantsFor(db, actor.id, new Date().toISOString())]);
    const open = new Map((await repo.openCorrectionCounts(db, caseload.map((c) => c.id))).map((r) => [r.person_id, Number(r.n)]));
    const people = caseload.map((c) => ({
      id: c.id,
      name: c.name_to_use ?? c.display_name,
      pronouns: c.pronouns ? pronounsText({ pronouns: service.parseJson<string[]>(c.pronouns, []), nameOnly: c.name_only === 1 }) : 'Not given',
      openCorrections: open.get(c.id) ?? 0,
    }));
    return reply.view('record/views/people.njk', { pageTitle: 'People', people, grants });
  });

  // Time-limited access to someone not on the caseload
  const renderAccess = (reply: FastifyReply, values: Record<string, string>, errors: FieldError[] = []) =>
    reply.code(errors.length ? 400 : 200).view('record/views/access-request.njk', {
      pageTitle: 'Ask for time-limited access',
      values,
      hourItems: service.GRANT_HOURS.map((h) => ({ value: String(h), text: h === 1 ? '1 hour' : `${h} hours`, checked: values.hours === String(h) })),
      ...formErrors(errors),
    });

  app.get('/people/access', { config: practitioner }, async (_request, reply) => renderAccess(reply, {}));

  app.post('/people/access', { config: { ...practitioner, rateLimit: perAccount('access-request', 10, 60 * 60_000) }, schema: { body: AccessBody } }, async (request, reply) => {
    const values = { email: text(request.body, 'email'), reason: text(request.body, 'reason'), hours: text(request.body, 'hours') };
    const errors: FieldError[] = [];
    if (!EMAIL_PATTERN.test(values.email)) errors.push({ field: 'email', message: 'Enter the email address of the person, like name@example.com' });
    if (values.reason.length < 10) errors.push({ field: 'reason', message: 'Give the reason you need access (at least 10 characters). The person will read it' });
    else if (values.reason.length > 1000) errors.push({ field: 'reason', message: 'Reason must be 1,000 characters or fewer' });
    const hours = Number(values.hours);
    if (!(service.GRANT_HOURS as readonly number[]).includes(hours)) errors.push({ field: 'hours', message: 'Choose how long you need access for' });
    if (errors.length) return renderAccess(reply, values, errors);
    const personId = await service.grantAccess(db, config, request.actor!, values.email, values.reason, hours);
    if (!personId) return renderAccess(reply, values, [{ field: 'email', message: 'No one using the service has that email address' }]);
    if (typeof personId !== 'string') {
      // Someone without access to this person must not learn WHICH word was their previous
      // name (that would let them try many names at once): the reason is cleared, not marked.
      return renderAccess(reply, { ...values, reason: '' }, [{ field: 'reason', message: 'This cannot be saved: the reason used a name the person no longer uses, so we have cleared it. Write the reason again without names' }]);
    }
    request.session.flash = 'You have access for a limited time. The person has been told';
    return reply.redirect(`/people/${personId}`, 303);
  });

  app.get('/people/:id', { config: practitioner, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const actor = request.actor!;
    const { person, why, access } = await service.personForStaff(db, actor, request.params.id);
    const [priorities, names, { entries, page, total }] = await Promise.all([
      service.loadPriorities(db, person.id),
      service.listProtectedNames(db, person.id),
      service.loadEntryPage(db, person.id, request.query.page),
    ]);
    await service.recordView(db, actor, person.id, 'About me and record', why);
    return reply.view('record/views/person.njk', {
      pageTitle: (person.about?.nameToUse ?? person.displayName) + (page.number > 1 ? ` (record page ${page.number} of ${page.pages})` : ''),
      person,
      access,
      why,
      pronouns: pronounsText(person.about),
      needLabels: COMMUNICATION_NEEDS,
      ranked: priorities.filter((p) => p.rank !== null),
      protectedNames: names.length,
      entries,
      entryTotal: total,
      entryPage: page,
      entryPagination: paginationFor(page, (n) => `/people/${person.id}?page=${n}#record`),
    });
  });

  // The editor
  const renderEditor = async (reply: FastifyReply, actor: Actor, personId: string, state: EditorState, outcome?: Extract<service.SaveOutcome, { ok: false }>, errors: FieldError[] = []) => {
    const { person } = await service.personForStaff(db, actor, personId);
    const fields = service.entryFields({ kind: state.kind, ...state.values });
    let findings: Array<FieldFinding & { number: number; key: string; kept: string }> = [];
    const shown = { ...state.values };
    if (outcome) {
      findings = outcome.findings.map((f, i) => {
        const key = service.findingKey(fields[f.field] ?? '', f);
        return { ...f, number: i + 1, key, kept: state.keep[key] ?? '' };
      });
      // A previous name is never shown again, not even to the person who typed it.
      for (const field of Object.keys(fields) as Array<'title' | 'body' | 'recipient'>) {
        shown[field] = withoutPreviousNames(state.values[field], findings.filter((f) => f.field === field));
      }
      if (outcome.blocking.length) errors.push({ field: 'body', message: `This cannot be saved: it uses a name ${person.about?.nameToUse ?? person.displayName} no longer uses. We have taken it out; use their name` });
      if (outcome.unexplained.length) errors.push({ field: 'findings', message: `Change the ${outcome.unexplained.length === 1 ? 'highlighted words' : `${outcome.unexplained.length} highlighted words`}, or say why they should stay` });
    }
    const marked = Object.fromEntries(Object.entries(fields).map(([field, t]) => [field, markedSegments(t, findings.filter((f) => f.field === field))]));
    return reply.code(errors.length ? 400 : 200).view('record/views/editor.njk', {
      pageTitle: state.heading,
      ...state,
      values: shown,
      person,
      pronouns: pronounsText(person.about),
      kindLabel: service.KIND_LABELS[state.kind],
      findings,
      // One reason field per distinct word and rule (the same word twice needs one reason).
      warnings: findings.filter((f, i) => f.severity === 'warn' && findings.findIndex((g) => g.key === f.key) === i),
      marked,
      ...formErrors(errors),
    });
  };

  function readEditor(body: unknown): { values: EditorState['values']; keep: Record<string, string>; errors: FieldError[] } {
    const values = {
      title: text(body, 'title'),
      body: typeof (body as Record<string, unknown>)?.body === 'string' ? ((body as Record<string, string>).body ?? '').replace(/\r\n/g, '\n').trim() : '',
      recipient: text(body, 'recipient'),
      changeReason: text(body, 'changeReason'),
      answer: text(body, 'answer'),
    };
    const keep: Record<string, string> = {};
    for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {})) {
      if (/^keep_w[0-9a-f]{12}$/.test(k) && typeof v === 'string' && v.trim()) keep[k.slice(5)] = v.trim().slice(0, 1000);
    }
    const errors: FieldError[] = [];
    if (!values.title) errors.push({ field: 'title', message: 'Enter a title' });
    else if (values.title.length > 200) errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' });
    if (!values.body) errors.push({ field: 'body', message: 'Write the entry' });
    else if (values.body.length > ENTRY_BODY_MAX) errors.push({ field: 'body', message: `The entry must be ${ENTRY_BODY_MAX.toLocaleString('en-GB')} characters or fewer. It is ${values.body.length.toLocaleString('en-GB')}: shorten it, or split it into two entries` });
    if (values.changeReason.length > 1000) errors.push({ field: 'changeReason', message: 'Reason must be 1,000 characters or fewer' });
    for (const field of ['title', 'body', 'recipient'] as const) {
      if (values[field].includes(NAME_REMOVED)) errors.push({ field, message: `Replace ${NAME_REMOVED} with the name the person uses` });
    }
    return { values, keep, errors };
  }

  /**
   * Checks the staff notes the person reads (reasons and answers) for names they no longer use.
   * A blocked field is shown back with the name taken out, and an error says why.
   */
  const guardNotes = async (actor: Actor, person: service.PersonSummary, notes: Record<string, string>): Promise<{ errors: FieldError[]; cleaned: Record<string, string> }> => {
    const errors: FieldError[] = [];
    const cleaned = { ...notes };
    for (const [field, value] of Object.entries(notes)) {
      if (value.includes(NAME_REMOVED)) errors.push({ field, message: `Replace ${NAME_REMOVED} with the name the person uses` });
    }
    const blocked = await service.blockedNotes(db, config, actor, person, notes);
    for (const field of new Set(blocked.map((f) => f.field))) {
      cleaned[field] = withoutPreviousNames(notes[field] ?? '', blocked.filter((f) => f.field === field));
      errors.push({ field, message: `This cannot be saved: it uses a name ${person.about?.nameToUse || person.displayName} no longer uses. We have taken it out; use their name` });
    }
    return { errors, cleaned };
  };
  /** The kept-warning reasons as note fields (keep_<key>), and back. */
  const keepNotes = (keep: Record<string, string>) => Object.fromEntries(Object.entries(keep).map(([k, v]) => [`keep_${k}`, v]));
  const keepFrom = (notes: Record<string, string>) => Object.fromEntries(Object.entries(notes).filter(([k]) => k.startsWith('keep_')).map(([k, v]) => [k.slice(5), v]));

  app.get('/people/:id/record/new', { config: practitioner, schema: { params: IdParams, querystring: NewEntryQuery } }, async (request, reply) => {
    const kind = (KINDS as string[]).includes(request.query.kind ?? '') ? (request.query.kind as EntryKind) : 'note';
    const { person, why } = await service.personForStaff(db, request.actor!, request.params.id);
    await service.recordView(db, request.actor!, person.id, 'About me (writing in the record)', why);
    return renderEditor(reply, request.actor!, person.id, {
      action: `/people/${person.id}/record?kind=${kind}`,
      heading: `New ${service.KIND_LABELS[kind].toLowerCase()}`,
      kind,
      values: { title: '', body: '', recipient: '', changeReason: '' },
      keep: {},
    });
  });

  app.post('/people/:id/record', { config: { ...practitioner, rateLimit: perAccount('record-new', 60, 60_000) }, schema: { params: IdParams, querystring: NewEntryQuery, body: OpenForm } }, async (request, reply) => {
    const actor = request.actor!;
    const kind = (KINDS as string[]).includes(request.query.kind ?? '') ? (request.query.kind as EntryKind) : 'note';
    const { person } = await service.personForStaff(db, actor, request.params.id);
    const form = readEditor(request.body);
    if (kind === 'letter' && !form.values.recipient) form.errors.push({ field: 'recipient', message: 'Enter who the letter is to, for example their GP' });
    if (form.values.recipient.length > 500) form.errors.push({ field: 'recipient', message: 'Recipient must be 500 characters or fewer' });
    const notes = await guardNotes(request.actor!, person, keepNotes(form.keep));
    form.errors.push(...notes.errors);
    const state: EditorState = { action: `/people/${person.id}/record?kind=${kind}`, heading: `New ${service.KIND_LABELS[kind].toLowerCase()}`, kind, values: form.values, keep: keepFrom(notes.cleaned) };
    if (form.errors.length) return renderEditor(reply, actor, person.id, state, undefined, form.errors);
    const outcome = await service.saveEntry(db, config, actor, person, { kind, ...form.values, keep: form.keep });
    if (!outcome.ok) return renderEditor(reply, actor, person.id, state, outcome);
    request.session.flash = kind === 'letter' ? 'Letter saved. It goes to the person to review before it can be sent' : `${service.KIND_LABELS[kind]} saved. The person can read it now`;
    return reply.redirect(`/people/${person.id}/record/${outcome.entryId}`, 303);
  });

  const renderEntry = async (reply: FastifyReply, actor: Actor, personId: string, entryId: string, errors: FieldError[] = [], values: Record<string, string> = {}) => {
    const { person, why } = await service.personForStaff(db, actor, personId);
    const view = await service.loadEntry(db, person.id, entryId);
    if (!errors.length) await service.recordView(db, actor, person.id, `${view.entry.kindLabel}: ${view.entry.title}`, why);
    return reply.code(errors.length ? 400 : 200).view('record/views/entry.njk', { pageTitle: view.entry.title, person, ...view, values, ...formErrors(errors) });
  };

  app.get('/people/:id/record/:entryId', { config: practitioner, schema: { params: PersonEntryParams } }, async (request, reply) =>
    renderEntry(reply, request.actor!, request.params.id, request.params.entryId),
  );

  const editState = (personId: string, entry: RecordEntryTable, values?: EditorState['values'], keep: Record<string, string> = {}, baseRevision = entry.revision): EditorState => ({
    action: `/people/${personId}/record/${entry.id}`,
    heading: `Change: ${entry.title}`,
    kind: entry.kind,
    values: values ?? { title: entry.title, body: entry.body, recipient: entry.recipient ?? '', changeReason: '' },
    keep,
    askReason: true,
    baseRevision,
  });

  app.get('/people/:id/record/:entryId/edit', { config: practitioner, schema: { params: PersonEntryParams } }, async (request, reply) => {
    const { person, why } = await service.personForStaff(db, request.actor!, request.params.id);
    const { entry } = await service.loadEntry(db, person.id, request.params.entryId);
    await service.recordView(db, request.actor!, person.id, `${service.KIND_LABELS[entry.kind]} (changing it): ${entry.title}`, why);
    return renderEditor(reply, request.actor!, person.id, editState(person.id, entry));
  });

  app.post('/people/:id/record/:entryId', { config: { ...practitioner, rateLimit: perAccount('record-change', 60, 60_000) }, schema: { params: PersonEntryParams, body: OpenForm } }, async (request, reply) => {
    const actor = request.actor!;
    const { person } = await service.personForStaff(db, actor, request.params.id);
    const { entry } = await service.loadEntry(db, person.id, request.params.entryId);
    const form = readEditor(request.body);
    if (entry.kind === 'letter' && !form.values.recipient) form.errors.push({ field: 'recipient', message: 'Enter who the letter is to, for example their GP' });
    if (!form.values.changeReason) form.errors.push({ field: 'changeReason', message: 'Say what changed and why. The person will read it' });
    const notes = await guardNotes(request.actor!, person, { changeReason: form.values.changeReason, ...keepNotes(form.keep) });
    form.errors.push(...notes.errors);
    const base = baseRevisionOf(request.body, entry.revision);
    const state = editState(person.id, entry, { ...form.values, changeReason: notes.cleaned.changeReason ?? '' }, keepFrom(notes.cleaned), base);
    if (form.errors.length) return renderEditor(reply, actor, person.id, state, undefined, form.errors);
    const outcome = await service.saveEntry(db, config, actor, person, { kind: entry.kind, ...form.values, keep: form.keep }, entry, undefined, base);
    if (!outcome.ok && outcome.stale) {
      // Their text is kept; the form is now based on the latest version, so saving again is a choice made after checking it.
      return renderEditor(reply, actor, person.id, { ...state, baseRevision: outcome.currentRevision }, undefined, [{ field: 'body', message: STALE_MESSAGE }]);
    }
    if (!outcome.ok) return renderEditor(reply, actor, person.id, state, outcome);
    request.session.flash = `Saved as version ${outcome.revision}. The person can see every version`;
    return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
  });

  // Answering a correction: change the entry (a new revision) or say why not.
  const correctionState = (personId: string, entry: RecordEntryTable, response: { id: string; body: string | null }, values?: EditorState['values'], keep: Record<string, string> = {}, baseRevision = entry.revision): EditorState => ({
    action: `/people/${personId}/record/${entry.id}/corrections/${response.id}`,
    heading: `Answer a correction request: ${entry.title}`,
    kind: entry.kind,
    values: values ?? { title: entry.title, body: entry.body, recipient: entry.recipient ?? '', changeReason: '', answer: '' },
    keep,
    correction: response,
    baseRevision,
  });

  app.get('/people/:id/record/:entryId/corrections/:responseId', { config: practitioner, schema: { params: CorrectionParams } }, async (request, reply) => {
    const { person, why } = await service.personForStaff(db, request.actor!, request.params.id);
    const { entry } = await service.loadEntry(db, person.id, request.params.entryId);
    const response = await repo.getResponse(db, entry.id, request.params.responseId);
    if (!response || response.kind !== 'correction' || response.status !== 'open') return reply.callNotFound();
    await service.recordView(db, request.actor!, person.id, `Correction request on: ${entry.title}`, why);
    return renderEditor(reply, request.actor!, person.id, correctionState(person.id, entry, response));
  });

  app.post('/people/:id/record/:entryId/corrections/:responseId', { config: { ...practitioner, rateLimit: perAccount('correction-answer', 60, 60_000) }, schema: { params: CorrectionParams, body: OpenForm } }, async (request, reply) => {
    const actor = request.actor!;
    const { person } = await service.personForStaff(db, actor, request.params.id);
    const { entry } = await service.loadEntry(db, person.id, request.params.entryId);
    const response = await repo.getResponse(db, entry.id, request.params.responseId);
    if (!response || response.kind !== 'correction' || response.status !== 'open') return reply.callNotFound();
    const outcomeChoice = text(request.body, 'outcome');
    const form = readEditor(request.body);
    const answer = form.values.answer ?? '';
    const notes = await guardNotes(request.actor!, person, { answer, ...(outcomeChoice === 'corrected' ? keepNotes(form.keep) : {}) });
    const base = baseRevisionOf(request.body, entry.revision);
    const state = correctionState(person.id, entry, response, { ...form.values, answer: notes.cleaned.answer ?? '' }, outcomeChoice === 'corrected' ? keepFrom(notes.cleaned) : form.keep, base);
    const errors: FieldError[] = [];
    if (outcomeChoice !== 'corrected' && outcomeChoice !== 'declined') errors.push({ field: 'outcome', message: 'Choose whether you changed the entry or are keeping it' });
    if (!answer) errors.push({ field: 'answer', message: 'Write your answer to the person' });
    else if (answer.length > 5000) errors.push({ field: 'answer', message: 'Answer must be 5,000 characters or fewer' });
    errors.push(...notes.errors);
    if (outcomeChoice === 'corrected') {
      errors.push(...form.errors);
      if (!form.errors.length && form.values.body === entry.body && form.values.title === entry.title && form.values.recipient === (entry.recipient ?? '')) {
        errors.push({ field: 'body', message: 'Change the entry, or choose to keep it and say why' });
      }
    }
    if (errors.length) return renderEditor(reply, actor, person.id, { ...state, values: { ...state.values, outcome: outcomeChoice } }, undefined, errors);
    if (outcomeChoice === 'declined') {
      const declined = await service.declineCorrection(db, config, actor, person.id, entry.id, response.id, answer);
      request.session.flash = declined ? 'Your answer is sent. The person can read it' : 'Someone else answered this correction request while you were writing: read their answer';
      return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
    }
    const outcome = await service.saveEntry(db, config, actor, person, { kind: entry.kind, ...form.values, changeReason: `Corrected at the person's request: ${answer}`, keep: form.keep }, entry, (trx, entryId, revision) =>
      service.markCorrected(trx, actor, person.id, entryId, response.id, answer, revision),
    base);
    if (!outcome.ok && outcome.stale) {
      const still = await repo.getResponse(db, entry.id, response.id);
      if (still?.status !== 'open') {
        request.session.flash = 'Someone else answered this correction request while you were writing: read their answer';
        return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
      }
      return renderEditor(reply, actor, person.id, { ...state, baseRevision: outcome.currentRevision, values: { ...state.values, outcome: outcomeChoice } }, undefined, [{ field: 'body', message: STALE_MESSAGE }]);
    }
    if (!outcome.ok) return renderEditor(reply, actor, person.id, { ...state, values: { ...state.values, outcome: outcomeChoice } }, outcome);
    request.session.flash = `Corrected as version ${outcome.revision}. The person can read your answer`;
    return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
  });

  app.post('/people/:id/record/:entryId/send', { config: practitioner, schema: { params: PersonEntryParams, body: SendBody } }, async (request, reply) => {
    const actor = request.actor!;
    const { person } = await service.personForStaff(db, actor, request.params.id);
    const reason = text(request.body, 'reason');
    if (reason.length > 1000) return renderEntry(reply, actor, person.id, request.params.entryId, [{ field: 'reason', message: 'Reason must be 1,000 characters or fewer' }], { reason });
    const notes = await guardNotes(request.actor!, person, { reason });
    if (notes.errors.length) return renderEntry(reply, actor, person.id, request.params.entryId, notes.errors, { reason: notes.cleaned.reason ?? '' });
    const result = await service.markSent(db, config, actor, person.id, request.params.entryId, reason);
    if (result === 'not-a-letter') return reply.callNotFound();
    if (result === 'needs-reason') {
      return renderEntry(reply, actor, person.id, request.params.entryId, [{ field: 'reason', message: 'The person has not reviewed this letter yet. Wait for them, or give the reason it must go now. They will read it' }], { reason });
    }
    request.session.flash = 'Letter marked as sent';
    return reply.redirect(`/people/${person.id}/record/${request.params.entryId}`, 303);
  });
}
