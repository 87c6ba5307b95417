// Meetings (/coproduction/meetings): planning one with an agenda from proposals, the time members
// gave (recorded by the facilitator or the lead, or by each member for themselves), minutes
// checked by the language guard, and the involvement-time export.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { nowIso } from '../../../platform/db/database.ts';
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { blockingErrors } from '../forms/documents.ts';
import { wordsFor } from '../forms/common.ts';
import { MEETING_TIME_REFUSALS } from '../forms/involvement.ts';
import { readAttendanceForm, readMeetingForm, readMinutesForm } from '../forms/meetings.ts';
import { statusFor } from '../present/common.ts';
import { listedPeople, meetingPage, meetingsPage, newMeetingPage } from '../present/meetings.ts';
import { AttendanceBody, IdParams, MeetingBody, MinutesBody } from '../schemas.ts';
import type { WritingFinding } from '../service/language-check.ts';
import { exportInvolvement, setMeetingTime } from '../service/involvement.ts';
import { createMeeting, listMeetings, meetingView, saveMinutes, type MeetingView } from '../service/meetings.ts';
import { openProposals } from '../service/proposals.ts';

export default async function meetingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/coproduction/meetings', { config: { policy: 'group-or-staff' } }, async (request, reply) =>
    reply.view('coproduction/views/meetings.njk', meetingsPage(await listMeetings(db), request.actor!)),
  );

  const showNew = async (reply: FastifyReply, actor: Actor | null, values: Record<string, string>, selected: string[], errors?: FieldError[]) =>
    reply.code(statusFor(errors)).view('coproduction/views/meeting-new.njk', newMeetingPage(await openProposals(db), actor, values, selected, errors));

  app.get('/coproduction/meetings/new', { config: { policy: 'group-or-staff' } }, async (request, reply) => showNew(reply, request.actor, {}, []));

  app.post('/coproduction/meetings', { config: { policy: 'group-or-staff' }, schema: { body: MeetingBody } }, async (request, reply) => {
    const form = readMeetingForm(request.body);
    if (!form.input) return showNew(reply, request.actor, form.values, form.proposals, form.errors);
    const id = await createMeeting(db, request.actor!, form.input);
    request.session.flash = 'The meeting has been planned';
    return reply.redirect(`/coproduction/meetings/${id}`, 303);
  });

  app.get('/coproduction/meetings/involvement.csv', { config: { policy: 'staff' } }, async (request, reply) => {
    const csv = await exportInvolvement(db, request.actor!);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="involvement-${nowIso().slice(0, 10)}.csv"`)
      .send(csv);
  });

  const showMeeting = (reply: FastifyReply, actor: Actor | null, view: MeetingView, forms: { values?: Record<string, string>; errors?: FieldError[]; findings?: WritingFinding[] } = {}) =>
    reply.code(statusFor(forms.errors)).view('coproduction/views/meeting.njk', meetingPage(view, actor, forms, fastify.config.involvement));

  app.get('/coproduction/meetings/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) =>
    showMeeting(reply, request.actor, await meetingView(db, request.params.id)),
  );

  app.post('/coproduction/meetings/:id/minutes', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: MinutesBody } }, async (request, reply) => {
    const { minutes, errors } = readMinutesForm(request.body);
    if (errors.length) return showMeeting(reply, request.actor, await meetingView(db, request.params.id), { values: { minutes }, errors });
    const check = await saveMinutes(db, request.actor!, request.params.id, minutes);
    if (check.blocking > 0) {
      return showMeeting(reply, request.actor, await meetingView(db, request.params.id), { values: { minutes }, findings: check.findings, errors: blockingErrors(check.findings, 'minutes') });
    }
    request.session.flash = check.findings.length ? `The minutes have been saved, with ${check.findings.length} language ${check.findings.length === 1 ? 'suggestion' : 'suggestions'}: see below` : 'The minutes have been saved';
    return reply.redirect(`/coproduction/meetings/${request.params.id}`, 303);
  });

  app.post('/coproduction/meetings/:id/attendance', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: AttendanceBody } }, async (request, reply) => {
    const view = await meetingView(db, request.params.id);
    const form = readAttendanceForm(request.body, new Set(listedPeople(view.people).map((p) => p.id)));
    if (!form.input) return showMeeting(reply, request.actor, view, { values: { ...form.values, minutes: view.meeting.minutes }, errors: form.errors });
    try {
      await setMeetingTime(db, request.actor!, request.params.id, form.input);
    } catch (error) {
      return showMeeting(reply, request.actor, view, { values: { ...form.values, minutes: view.meeting.minutes }, errors: wordsFor(error, MEETING_TIME_REFUSALS) });
    }
    request.session.flash = 'Attendance and involvement time have been saved';
    return reply.redirect(`/coproduction/meetings/${request.params.id}#attendance`, 303);
  });
}
