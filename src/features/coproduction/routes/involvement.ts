// Involvement (/coproduction/involvement): a member's own time, expenses, what they are owed and
// have been paid; changing or withdrawing their own time while it awaits approval; approving
// time; the lead's payment runs, their CSV and marking them paid.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { wordsFor } from '../forms/common.ts';
import {
  DECIDE_REFUSALS, PAID_REFUSALS, PAYMENT_RUN_REFUSALS, readDecisionForm, readOwnTimeForm, readPaymentRunForm, readTimeChangeForm, RECORD_REFUSALS, TIME_CHANGE_REFUSALS, timeChangeValues,
  type OwnTimeValues,
} from '../forms/involvement.ts';
import { statusFor } from '../present/common.ts';
import { involvementPage, paymentRunPage, timeChangePage } from '../present/involvement.ts';
import { CsrfBody, IdParams, OwnTimeBody, PaymentRunBody, TimeChangeBody, TimeDecisionBody } from '../schemas.ts';
import {
  awaitingApproval, changeOwnTime, createPaymentRun, decideTime, exportPaymentRun, markPaymentRunPaid, memberInvolvement, ownTime, paymentRuns, paymentRunView, recordOwnTime,
  withdrawOwnTime, type InvolvementEntry,
} from '../service/involvement.ts';
import { listMeetings } from '../service/meetings.ts';

export default async function involvementRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;
  const rates = fastify.config.involvement;

  const showInvolvement = async (reply: FastifyReply, actor: Actor, form: { values?: Partial<OwnTimeValues> & { from?: string; to?: string }; errors?: FieldError[] } = {}) => {
    const [mine, meetings, approvals, runs] = await Promise.all([memberInvolvement(db, actor.id, rates), listMeetings(db), awaitingApproval(db, actor, rates), paymentRuns(db, actor)]);
    return reply.code(statusFor(form.errors)).view('coproduction/views/involvement.njk', involvementPage({ mine, meetings, approvals, runs }, actor, form));
  };

  app.get('/coproduction/involvement', { config: { policy: 'group-or-staff' } }, async (request, reply) => showInvolvement(reply, request.actor!));

  app.post('/coproduction/involvement', { config: { policy: 'group' }, schema: { body: OwnTimeBody } }, async (request, reply) => {
    const meetings = await listMeetings(db);
    const form = readOwnTimeForm(request.body, new Set(meetings.map((m) => m.id)));
    if (!form.input) return showInvolvement(reply, request.actor!, { values: form.values, errors: form.errors });
    try {
      await recordOwnTime(db, request.actor!, form.input);
    } catch (error) {
      return showInvolvement(reply, request.actor!, { values: form.values, errors: wordsFor(error, RECORD_REFUSALS) });
    }
    request.session.flash = 'Your time has been recorded: it will be paid once the facilitator or the lead approves it';
    return reply.redirect('/coproduction/involvement', 303);
  });

  // A member's own time, to change or withdraw while it awaits approval; anyone else's is not found
  // (and the service refuses it whatever the route does).
  const showChange = async (reply: FastifyReply, actor: Actor, entry: InvolvementEntry, form: { values?: OwnTimeValues; errors?: FieldError[] } = {}) => {
    const meeting = entry.meetingId ? (await listMeetings(db)).find((m) => m.id === entry.meetingId) : undefined;
    return reply.code(statusFor(form.errors)).view('coproduction/views/involvement-change.njk', timeChangePage(entry, meeting?.title, actor, { values: form.values ?? timeChangeValues(entry), errors: form.errors }));
  };

  app.get('/coproduction/involvement/:id/change', { config: { policy: 'group' }, schema: { params: IdParams } }, async (request, reply) =>
    showChange(reply, request.actor!, await ownTime(db, request.actor!, request.params.id, rates)),
  );

  app.post('/coproduction/involvement/:id/change', { config: { policy: 'group' }, schema: { params: IdParams, body: TimeChangeBody } }, async (request, reply) => {
    const entry = await ownTime(db, request.actor!, request.params.id, rates);
    const form = readTimeChangeForm(request.body, entry);
    if (!form.input) return showChange(reply, request.actor!, entry, { values: form.values, errors: form.errors });
    try {
      await changeOwnTime(db, request.actor!, entry.id, form.input);
    } catch (error) {
      return showChange(reply, request.actor!, entry, { values: form.values, errors: wordsFor(error, TIME_CHANGE_REFUSALS) });
    }
    request.session.flash = 'Your time has been changed: it still waits for approval';
    return reply.redirect('/coproduction/involvement#time', 303);
  });

  app.post('/coproduction/involvement/:id/withdraw', { config: { policy: 'group' }, schema: { params: IdParams, body: CsrfBody } }, async (request, reply) => {
    const entry = await ownTime(db, request.actor!, request.params.id, rates);
    try {
      await withdrawOwnTime(db, request.actor!, entry.id);
    } catch (error) {
      return showChange(reply, request.actor!, entry, { errors: wordsFor(error, TIME_CHANGE_REFUSALS) });
    }
    request.session.flash = 'Your time has been withdrawn';
    return reply.redirect('/coproduction/involvement#time', 303);
  });

  app.post('/coproduction/involvement/:id/decision', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: TimeDecisionBody } }, async (request, reply) => {
    const decision = readDecisionForm(request.body);
    if (!decision) return showInvolvement(reply, request.actor!, { errors: [{ field: 'approvals', message: 'Choose to approve or decline the time' }] });
    try {
      await decideTime(db, request.actor!, request.params.id, decision);
    } catch (error) {
      return showInvolvement(reply, request.actor!, { errors: wordsFor(error, DECIDE_REFUSALS) });
    }
    request.session.flash = decision === 'approve' ? 'The time has been approved' : 'The time has been declined';
    return reply.redirect('/coproduction/involvement#approvals', 303);
  });

  app.post('/coproduction/involvement/payment-runs', { config: { policy: 'lead' }, schema: { body: PaymentRunBody } }, async (request, reply) => {
    const form = readPaymentRunForm(request.body);
    if (!form.input) return showInvolvement(reply, request.actor!, { values: form.values, errors: form.errors });
    let id: string;
    try {
      id = await createPaymentRun(db, request.actor!, rates, form.input);
    } catch (error) {
      return showInvolvement(reply, request.actor!, { values: form.values, errors: wordsFor(error, PAYMENT_RUN_REFUSALS) });
    }
    request.session.flash = 'The payment run has been made: download it for payroll or the voucher supplier';
    return reply.redirect(`/coproduction/involvement/payment-runs/${id}`, 303);
  });

  const showRun = async (reply: FastifyReply, actor: Actor, id: string, errors?: FieldError[]) =>
    reply.code(statusFor(errors)).view('coproduction/views/payment-run.njk', paymentRunPage(await paymentRunView(db, actor, id), actor, errors));

  app.get('/coproduction/involvement/payment-runs/:id', { config: { policy: 'lead' }, schema: { params: IdParams } }, async (request, reply) => showRun(reply, request.actor!, request.params.id));

  app.get('/coproduction/involvement/payment-runs/:id/payments.csv', { config: { policy: 'lead' }, schema: { params: IdParams } }, async (request, reply) => {
    const csv = await exportPaymentRun(db, request.actor!, request.params.id);
    const { run } = await paymentRunView(db, request.actor!, request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="payment-run-${run.period_from}-to-${run.period_to}.csv"`)
      .send(csv);
  });

  app.post('/coproduction/involvement/payment-runs/:id/paid', { config: { policy: 'lead' }, schema: { params: IdParams, body: CsrfBody } }, async (request, reply) => {
    try {
      await markPaymentRunPaid(db, request.actor!, request.params.id);
    } catch (error) {
      return showRun(reply, request.actor!, request.params.id, wordsFor(error, PAID_REFUSALS));
    }
    request.session.flash = 'The payment run has been marked as paid';
    return reply.redirect(`/coproduction/involvement/payment-runs/${request.params.id}`, 303);
  });
}
