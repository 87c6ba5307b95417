// The record as practitioners write it: an entry and its history, the editor with the language
// guard beside it (a new entry, a change, an answer to a correction request), and marking a
// letter sent. Opening an entry or the editor is written to the person's access log.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { perAccount } from '../../../platform/rate-limit.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { KIND_LABELS, kindFrom } from '../entry-kinds.ts';
import { fixScope, type FixOutcome } from '../fixes.ts';
import {
  SEND_REFUSALS, STALE_ERROR, correctionErrors, fixDone, whileFixing, fixError, guardErrors, keepFrom, keepNotes, noteErrors, readChangeForm, readCorrectionForm, readFixRequest, readNewEntryForm, readSendForm,
} from '../forms/entries.ts';
import { changeState, correctionState, editorPage, newEntryState, type EditorState } from '../present/editor.ts';
import { staffEntryPage } from '../present/record.ts';
import { CorrectionParams, IdParams, NewEntryQuery, OpenForm, PersonEntryParams, SendBody } from '../schemas.ts';
import { staffNoteFindings, type PersonSummary } from '../service/access.ts';
import * as entries from '../service/entries.ts';
import * as people from '../service/people.ts';

const ANSWERED_ALREADY = 'Someone else answered this correction request while you were writing: read their answer';

export default async function entryPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const practitioner = { policy: 'practitioner' as const };

  /** The editor again: with what the guard found when it stopped a save, or with the form's errors. */
  const renderEditor = (reply: FastifyReply, person: PersonSummary, state: EditorState, stopped?: entries.Stopped, errors: FieldError[] = []) => {
    const all = stopped ? [...errors, ...guardErrors(stopped, person.about?.nameToUse ?? person.displayName)] : errors;
    return reply.code(all.length ? 400 : 200).view('record/views/editor.njk', editorPage(state, person, stopped, all, { secret: config.secret }));
  };

  /**
   * A fix button was pressed: the fix is made (or why not is said), the text is checked again as
   * a save would check it, and the editor is shown with everything else as typed. Nothing is saved.
   */
  const renderFixed = async (reply: FastifyReply, actor: Actor, person: PersonSummary, state: EditorState, fix: FixOutcome, errors: FieldError[]) => {
    const input = { kind: state.kind, ...state.values, keep: state.keep, keepWhy: state.keepWhy ?? {} };
    const checked = state.values.body ? await entries.checkEntry(db, config, actor, person, input) : undefined;
    const all = fix.ok ? whileFixing(errors) : [fixError(fix), ...whileFixing(errors)];
    const page = editorPage(state, person, checked, all, { secret: config.secret, ...(fix.ok ? { done: fixDone(fix.applied) } : {}) });
    return reply.code(all.length ? 400 : 200).view('record/views/editor.njk', page);
  };

  /** The form as submitted, with a pressed fix made in it. */
  const fixedBody = (body: unknown, fix: ReturnType<typeof readFixRequest>) => (fix?.ok ? { ...(body as Record<string, unknown>), ...fix.values } : body);

  /**
   * Checks the staff notes the person reads (reasons and answers) for names they no longer use.
   * A blocked field is shown back with the name taken out, and an error says why.
   */
  const guardNotes = async (actor: Actor, person: PersonSummary, notes: Record<string, string>) =>
    noteErrors(notes, await staffNoteFindings(db, config, actor, person, notes), person.about?.nameToUse || person.displayName);

  app.get('/people/:id/record/new', { config: practitioner, schema: { params: IdParams, querystring: NewEntryQuery } }, async (request, reply) => {
    const { person } = await people.openEditor(db, request.actor!, request.params.id);
    return renderEditor(reply, person, newEntryState(person.id, kindFrom(request.query.kind)));
  });

  app.post('/people/:id/record', { config: { ...practitioner, rateLimit: perAccount('record-new', 60, 60_000) }, schema: { params: IdParams, querystring: NewEntryQuery, body: OpenForm } }, async (request, reply) => {
    const actor = request.actor!;
    const kind = kindFrom(request.query.kind);
    const { person } = await people.editorSubject(db, actor, request.params.id);
    const fix = readFixRequest(request.body, config.secret, fixScope(person.id));
    const form = readNewEntryForm(fixedBody(request.body, fix), kind);
    const notes = await guardNotes(actor, person, keepNotes(form.keep));
    const state = { ...newEntryState(person.id, kind, form.values, keepFrom(notes.cleaned)), keepWhy: form.keepWhy };
    const errors = [...form.errors, ...notes.errors];
    if (fix) return renderFixed(reply, actor, person, state, fix, errors);
    if (errors.length) return renderEditor(reply, person, state, undefined, errors);
    const outcome = await entries.saveEntry(db, config, actor, person, { kind, ...form.values, keep: form.keep, keepWhy: form.keepWhy });
    if (!outcome.saved) return renderEditor(reply, person, state, outcome);
    request.session.flash = kind === 'letter' ? 'Letter saved. It goes to the person to review before it can be sent' : `${KIND_LABELS[kind]} saved. The person can read it now`;
    return reply.redirect(`/people/${person.id}/record/${outcome.entryId}`, 303);
  });

  app.get('/people/:id/record/:entryId', { config: practitioner, schema: { params: PersonEntryParams } }, async (request, reply) => {
    const { person, view } = await people.viewStaffEntry(db, request.actor!, request.params.id, request.params.entryId);
    return reply.view('record/views/entry.njk', staffEntryPage(person, view));
  });

  app.get('/people/:id/record/:entryId/edit', { config: practitioner, schema: { params: PersonEntryParams } }, async (request, reply) => {
    const { person, entry } = await people.openEditor(db, request.actor!, request.params.id, { entryId: request.params.entryId });
    return renderEditor(reply, person, changeState(person.id, entry));
  });

  app.post('/people/:id/record/:entryId', { config: { ...practitioner, rateLimit: perAccount('record-change', 60, 60_000) }, schema: { params: PersonEntryParams, body: OpenForm } }, async (request, reply) => {
    const actor = request.actor!;
    const { person, entry } = await people.editorSubject(db, actor, request.params.id, { entryId: request.params.entryId });
    const fix = readFixRequest(request.body, config.secret, fixScope(person.id, entry.id));
    const form = readChangeForm(fixedBody(request.body, fix), entry);
    const notes = await guardNotes(actor, person, { changeReason: form.values.changeReason, ...keepNotes(form.keep) });
    const state = changeState(person.id, entry, { ...form.values, changeReason: notes.cleaned.changeReason ?? '' }, keepFrom(notes.cleaned), form.baseRevision, form.keepWhy);
    const errors = [...form.errors, ...notes.errors];
    if (fix) return renderFixed(reply, actor, person, state, fix, errors);
    if (errors.length) return renderEditor(reply, person, state, undefined, errors);
    const outcome = await entries.reviseEntry(db, config, actor, person, entry, { kind: entry.kind, ...form.values, keep: form.keep, keepWhy: form.keepWhy }, form.baseRevision);
    // Their text is kept; the form is now based on the latest version, so saving again is a choice made after checking it.
    if (!outcome.saved && outcome.why === 'stale') return renderEditor(reply, person, { ...state, baseRevision: outcome.currentRevision }, undefined, [STALE_ERROR]);
    if (!outcome.saved) return renderEditor(reply, person, state, outcome);
    request.session.flash = `Saved as version ${outcome.revision}. The person can see every version`;
    return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
  });

  // Answering a correction: change the entry (a new revision) or say why not.
  app.get('/people/:id/record/:entryId/corrections/:responseId', { config: practitioner, schema: { params: CorrectionParams } }, async (request, reply) => {
    const { person, entry, correction } = await people.openEditor(db, request.actor!, request.params.id, { entryId: request.params.entryId, correctionId: request.params.responseId });
    return renderEditor(reply, person, correctionState(person.id, entry, correction));
  });

  app.post('/people/:id/record/:entryId/corrections/:responseId', { config: { ...practitioner, rateLimit: perAccount('correction-answer', 60, 60_000) }, schema: { params: CorrectionParams, body: OpenForm } }, async (request, reply) => {
    const actor = request.actor!;
    const { person, entry, correction } = await people.editorSubject(db, actor, request.params.id, { entryId: request.params.entryId, correctionId: request.params.responseId });
    const fix = readFixRequest(request.body, config.secret, fixScope(person.id, entry.id));
    const form = readCorrectionForm(fixedBody(request.body, fix), entry);
    const corrected = form.outcome === 'corrected';
    // The kept-warning reasons count only when the entry was changed.
    const notes = await guardNotes(actor, person, { answer: form.answer, ...(corrected ? keepNotes(form.keep) : {}) });
    const state = correctionState(person.id, entry, correction, { ...form.values, answer: notes.cleaned.answer ?? '', outcome: form.outcome }, corrected ? keepFrom(notes.cleaned) : form.keep, form.baseRevision, form.keepWhy);
    if (fix) return renderFixed(reply, actor, person, state, fix, [...form.errors, ...notes.errors]);
    const errors = correctionErrors(form, entry, notes.errors);
    if (errors.length) return renderEditor(reply, person, state, undefined, errors);
    const answered = () => {
      request.session.flash = ANSWERED_ALREADY;
      return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
    };
    if (!corrected) {
      if ((await entries.declineCorrection(db, config, actor, person.id, entry.id, correction.id, form.answer)) === 'answered') return answered();
      request.session.flash = 'Your answer is sent. The person can read it';
      return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
    }
    const input = { kind: entry.kind, ...form.values, changeReason: `Corrected at the person's request: ${form.answer}`, keep: form.keep, keepWhy: form.keepWhy, answer: form.answer };
    const outcome = await entries.correctEntry(db, config, actor, person, entry, correction.id, input, form.baseRevision);
    if (!outcome.saved && outcome.why === 'answered') return answered();
    if (!outcome.saved && outcome.why === 'stale') return renderEditor(reply, person, { ...state, baseRevision: outcome.currentRevision }, undefined, [STALE_ERROR]);
    if (!outcome.saved) return renderEditor(reply, person, state, outcome);
    request.session.flash = `Corrected as version ${outcome.revision}. The person can read your answer`;
    return reply.redirect(`/people/${person.id}/record/${entry.id}`, 303);
  });

  app.post('/people/:id/record/:entryId/send', { config: practitioner, schema: { params: PersonEntryParams, body: SendBody } }, async (request, reply) => {
    const actor = request.actor!;
    const { entryId } = request.params;
    const { person } = await people.editorSubject(db, actor, request.params.id);
    const renderEntry = async (errors: FieldError[], values: Record<string, string>) => {
      const { view } = await people.staffEntry(db, actor, person.id, entryId);
      return reply.code(400).view('record/views/entry.njk', staffEntryPage(person, view, values, errors));
    };
    const form = readSendForm(request.body);
    if (form.errors.length) return renderEntry(form.errors, { reason: form.reason });
    const notes = await guardNotes(actor, person, { reason: form.reason });
    if (notes.errors.length) return renderEntry(notes.errors, { reason: notes.cleaned.reason ?? '' });
    try {
      await entries.markSent(db, config, actor, person.id, entryId, form.reason);
    } catch (error) {
      const code = refusalCode(error, SEND_REFUSALS);
      if (!code) throw error;
      return renderEntry([SEND_REFUSALS[code]], { reason: form.reason });
    }
    request.session.flash = 'Letter marked as sent';
    return reply.redirect(`/people/${person.id}/record/${entryId}`, 303);
  });
}
