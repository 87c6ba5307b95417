// Meetings (agenda from proposals, attendance, minutes, involvement time and its CSV export)
// and each member's choice of updates (/coproduction/settings), with the lead's quorum setting.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, list, text, type FieldError, type FormErrors } from '../../platform/forms.ts';
import { NotFoundError } from '../../platform/policy.ts';
import { audit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/db/database.ts';
import type { WritingFinding } from './language-guard.ts';
import { createMeeting, involvementCsv, recordAttendance, saveMinutes } from './meetings.ts';
import { accountsWithRoles } from '../accounts/index.ts';
import * as repo from './repository/index.ts';
import { inTransaction, subNav } from './route-helpers.ts';
import { AttendanceBody, IdParams, MeetingBody, MinutesBody, QuorumBody, SettingsBody } from './schemas.ts';
import { STAGES, type Stage } from './service.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default async function meetingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/coproduction/meetings', { config: { policy: 'group-or-staff' } }, async (request, reply) => {
    const meetings = await repo.listMeetings(db);
    return reply.view('coproduction/views/meetings.njk', { pageTitle: 'Meetings', subNav: subNav('/coproduction/meetings', request.actor), meetings, isStaff: request.actor!.roles.has('practitioner') || request.actor!.roles.has('lead') });
  });

  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, selected: string[], errors: FormErrors | null = null) {
    const proposals = (await repo.listProposals(db)).filter((p) => p.stage !== 'done' && p.stage !== 'not-adopted');
    return reply.code(errors ? 400 : 200).view('coproduction/views/meeting-new.njk', {
      pageTitle: 'Plan a meeting',
      subNav: subNav('/coproduction/meetings', request.actor),
      values,
      proposalItems: proposals.map((p) => ({ value: p.id, text: p.title, hint: { text: STAGES[p.stage as Stage] }, checked: selected.includes(p.id) })),
      ...(errors ?? {}),
    });
  }

  app.get('/coproduction/meetings/new', { config: { policy: 'group-or-staff' } }, async (request, reply) => renderNew(request, reply, {}, []));

  app.post('/coproduction/meetings', { config: { policy: 'group-or-staff' }, schema: { body: MeetingBody } }, async (request, reply) => {
    const values = { title: text(request.body, 'title'), heldOn: text(request.body, 'heldOn') };
    const proposals = list(request.body, 'proposals');
    const errors: FieldError[] = [];
    if (!values.title) errors.push({ field: 'title', message: 'Enter a name for the meeting' });
    else if (values.title.length > 200) errors.push({ field: 'title', message: 'The name must be 200 characters or fewer' });
    if (!DATE.test(values.heldOn) || Number.isNaN(new Date(`${values.heldOn}T00:00:00Z`).getTime())) errors.push({ field: 'heldOn', message: 'Enter the date as year-month-day, like 2026-12-03' });
    if (errors.length) return renderNew(request, reply, values, proposals, formErrors(errors));
    const id = await inTransaction(db, (trx) => createMeeting(trx, request.actor!, { ...values, proposalIds: proposals }));
    request.session.flash = 'The meeting has been planned';
    return reply.redirect(`/coproduction/meetings/${id}`, 303);
  });

  app.get('/coproduction/meetings/involvement.csv', { config: { policy: 'staff' } }, async (request, reply) => {
    const csv = await involvementCsv(db);
    await audit(db, { actorId: request.actor!.id, action: 'coproduction.involvement-export' });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="involvement-${nowIso().slice(0, 10)}.csv"`)
      .send(csv);
  });

  async function meetingPage(request: FastifyRequest, reply: FastifyReply, id: string, forms: { values?: Record<string, string>; errors?: FormErrors | null; findings?: WritingFinding[] } = {}) {
    const meeting = await repo.getMeeting(db, id);
    if (!meeting) throw new NotFoundError();
    const [agenda, attendance, members] = await Promise.all([repo.listAgenda(db, id), repo.listAttendance(db, id), accountsWithRoles(db, ['group'])]);
    const minutesBy = new Map(attendance.map((a) => [a.account_id, a.minutes_involved]));
    const staff = [...(await accountsWithRoles(db, ['practitioner'])), ...(await accountsWithRoles(db, ['lead']))];
    const people = [...members, ...staff.filter((s) => !members.some((m) => m.id === s.id))].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
    return reply.code(forms.errors ? 400 : 200).view('coproduction/views/meeting.njk', {
      pageTitle: meeting.title,
      subNav: subNav('/coproduction/meetings', request.actor),
      meeting,
      agenda: agenda.map((a) => ({ ...a, stageLabel: STAGES[a.stage as Stage] })),
      people: people.map((p) => ({ ...p, group: members.some((m) => m.id === p.id), minutes: forms.values?.[`minutes-${p.id}`] ?? (minutesBy.has(p.id) ? String(minutesBy.get(p.id)) : '') })),
      totalMinutes: attendance.reduce((n, a) => n + a.minutes_involved, 0),
      values: forms.values ?? { minutes: meeting.minutes },
      findings: forms.findings ?? [],
      ...(forms.errors ?? {}),
    });
  }

  app.get('/coproduction/meetings/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams } }, async (request, reply) => meetingPage(request, reply, request.params.id));

  app.post('/coproduction/meetings/:id/minutes', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: MinutesBody } }, async (request, reply) => {
    if (!(await repo.getMeeting(db, request.params.id))) throw new NotFoundError();
    const minutes = text(request.body, 'minutes');
    if (minutes.length > 50_000) return meetingPage(request, reply, request.params.id, { values: { minutes }, errors: formErrors([{ field: 'minutes', message: 'The minutes must be 50,000 characters or fewer' }]) });
    const check = await inTransaction(db, (trx) => saveMinutes(trx, request.actor!, request.params.id, minutes));
    if (check.blocking > 0) {
      return meetingPage(request, reply, request.params.id, {
        values: { minutes }, findings: check.findings,
        errors: formErrors(check.findings.filter((f) => f.severity === 'block').map((f) => ({ field: 'minutes', message: `Line ${f.line}: ${f.message}. Change this before saving.` }))),
      });
    }
    request.session.flash = check.findings.length ? `The minutes have been saved, with ${check.findings.length} language ${check.findings.length === 1 ? 'suggestion' : 'suggestions'}: see below` : 'The minutes have been saved';
    return reply.redirect(`/coproduction/meetings/${request.params.id}`, 303);
  });

  app.post('/coproduction/meetings/:id/attendance', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: AttendanceBody } }, async (request, reply) => {
    if (!(await repo.getMeeting(db, request.params.id))) throw new NotFoundError();
    const body = request.body as Record<string, string | undefined>;
    const values: Record<string, string> = {};
    const rows: Array<{ accountId: string; minutes: number }> = [];
    const errors: FieldError[] = [];
    const known = new Set([...(await accountsWithRoles(db, ['group'])), ...(await accountsWithRoles(db, ['practitioner'])), ...(await accountsWithRoles(db, ['lead']))].map((a) => a.id));
    for (const [key, raw] of Object.entries(body)) {
      const m = /^minutes-([0-9a-f-]{36})$/.exec(key);
      if (!m || !known.has(m[1]!)) continue;
      const value = (raw ?? '').trim();
      values[key] = value;
      if (!value) continue;
      const minutes = Number(value);
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) errors.push({ field: key, message: 'Enter the minutes as a whole number from 0 to 1440' });
      else if (minutes > 0) rows.push({ accountId: m[1]!, minutes });
    }
    if (errors.length) return meetingPage(request, reply, request.params.id, { values: { ...values, minutes: (await repo.getMeeting(db, request.params.id))!.minutes }, errors: formErrors(errors) });
    await inTransaction(db, (trx) => recordAttendance(trx, request.actor!, request.params.id, rows));
    request.session.flash = 'Attendance and involvement time have been saved';
    return reply.redirect(`/coproduction/meetings/${request.params.id}#attendance`, 303);
  });

  // Updates by mail, and the quorum ---------------------------------------------------------------

  async function settingsPage(request: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, immediate?: string[], errors: FormErrors | null = null) {
    const pref = await repo.getMailPreference(db, request.actor!.id);
    const digest = values?.digest ?? pref?.digest ?? 'weekly';
    const chosen = immediate ?? [...(pref?.immediate_replies ? ['replies'] : []), ...(pref?.immediate_decisions ? ['decisions'] : [])];
    const quorum = await repo.getQuorum(db);
    return reply.code(errors ? 400 : 200).view('coproduction/views/settings.njk', {
      pageTitle: 'Your coproduction updates',
      subNav: subNav('/coproduction/settings', request.actor),
      digestItems: [
        { value: 'daily', text: 'Daily: one email a day at most, when something happened', checked: digest === 'daily' },
        { value: 'weekly', text: 'Weekly: one email a week at most', checked: digest === 'weekly' },
        { value: 'none', text: 'No digest', checked: digest === 'none' },
      ],
      immediateItems: [
        { value: 'replies', text: 'When someone replies to my comment', checked: chosen.includes('replies') },
        { value: 'decisions', text: 'When a decision opens', checked: chosen.includes('decisions') },
      ],
      isLead: request.actor!.roles.has('lead'),
      involvement: await repo.involvementFor(db, request.actor!.id),
      quorum: values?.minGroup !== undefined ? { minGroup: values.minGroup, minSharePercent: values.minSharePercent } : quorum,
      ...(errors ?? {}),
    });
  }

  app.get('/coproduction/settings', { config: { policy: 'group-or-staff' } }, async (request, reply) => settingsPage(request, reply));

  app.post('/coproduction/settings', { config: { policy: 'group-or-staff' }, schema: { body: SettingsBody } }, async (request, reply) => {
    const digest = text(request.body, 'digest');
    const immediate = list(request.body, 'immediate');
    if (!['daily', 'weekly', 'none'].includes(digest)) return settingsPage(request, reply, { digest }, immediate, formErrors([{ field: 'digest', message: 'Choose how often you want a digest' }]));
    await repo.setMailPreference(db, { account_id: request.actor!.id, digest, immediate_replies: immediate.includes('replies') ? 1 : 0, immediate_decisions: immediate.includes('decisions') ? 1 : 0, updated_at: nowIso() });
    request.session.flash = 'Your choices have been saved';
    return reply.redirect('/coproduction/settings', 303);
  });

  app.post('/coproduction/settings/quorum', { config: { policy: 'lead' }, schema: { body: QuorumBody } }, async (request, reply) => {
    const values = { minGroup: text(request.body, 'minGroup'), minSharePercent: text(request.body, 'minSharePercent') };
    const minGroup = Number(values.minGroup);
    const share = Number(values.minSharePercent);
    const errors: FieldError[] = [];
    if (!values.minGroup || !Number.isInteger(minGroup) || minGroup < 1 || minGroup > 100) errors.push({ field: 'minGroup', message: 'Enter a whole number of group members from 1 to 100' });
    if (!values.minSharePercent || !Number.isInteger(share) || share < 0 || share > 100) errors.push({ field: 'minSharePercent', message: 'Enter a percentage from 0 to 100' });
    if (errors.length) return settingsPage(request, reply, values, undefined, formErrors(errors));
    await inTransaction(db, async (trx) => {
      await repo.setQuorum(trx, { minGroup, minSharePercent: share }, request.actor!.id);
      await audit(trx, { actorId: request.actor!.id, action: 'coproduction.quorum', detail: { minGroup, minSharePercent: share } });
    });
    request.session.flash = 'The quorum for new decisions has been saved';
    return reply.redirect('/coproduction/settings', 303);
  });
}
