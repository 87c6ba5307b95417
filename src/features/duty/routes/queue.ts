// The duty queue (duty role only): every disclosure of risk, taken, acted on and closed.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { refusalCode } from '../../../platform/refusal.ts';
import { DUTY_REFUSED, readCloseForm } from '../forms/duty.ts';
import { SOURCE_LABELS, queueRows, statusText, whenText } from '../present/duty.ts';
import * as service from '../service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CloseBody = Type.Object({
  actionTaken: Type.Optional(Type.String({ maxLength: 20_000 })),
  release: Type.Optional(Type.String({ maxLength: 20 })),
  releasedText: Type.Optional(Type.String({ maxLength: 20_000 })),
  _csrf: Type.Optional(Type.String()),
});
const duty = { policy: 'duty' as const };

export default async function queueRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = fastify;
  const zone = config.openingHours.timeZone;

  app.get('/duty', { config: duty }, async (_request, reply) => {
    const { open, closed } = await service.dutyQueue(db, config);
    return reply.header('cache-control', 'no-store').view('duty/views/queue.njk', {
      pageTitle: 'Duty queue',
      open: queueRows(open, zone),
      closed: queueRows(closed, zone),
      escalateMinutes: config.dutyEscalateMinutes,
      openingHours: config.openingHours.text,
      dutyContactSet: Boolean(config.dutyContactEmail),
    });
  });

  const renderAlert = async (reply: FastifyReply, actor: Actor, id: string, values: Record<string, string> = {}, errors: FieldError[] = []) => {
    const alert = await service.alertForDuty(db, config, actor, id);
    return reply
      .code(errors.length ? 400 : 200)
      .header('cache-control', 'no-store')
      .view('duty/views/alert.njk', {
        pageTitle: 'Duty check',
        alert: { ...alert, sourceText: SOURCE_LABELS[alert.source], when: whenText(alert.raisedAt, zone), status: statusText(alert), takenWhen: alert.takenAt ? whenText(alert.takenAt, zone) : '', closedWhen: alert.closedAt ? whenText(alert.closedAt, zone) : '' },
        values: { releasedText: alert.suggestedRelease ?? '', ...values },
        ...formErrors(errors),
      });
  };

  app.get('/duty/:id', { config: duty, schema: { params: IdParams } }, async (request, reply) => renderAlert(reply, request.actor!, request.params.id));

  app.post('/duty/:id/take', { config: duty, schema: { params: IdParams } }, async (request, reply) => {
    try {
      await service.takeAlert(db, request.actor!, request.params.id);
    } catch (error) {
      const code = refusalCode(error, DUTY_REFUSED);
      if (!code) throw error;
      return renderAlert(reply, request.actor!, request.params.id, {}, [DUTY_REFUSED[code]]);
    }
    request.session.flash = 'You have taken this. Follow the duty procedure, then record what you did';
    return reply.redirect(`/duty/${request.params.id}`, 303);
  });

  app.post('/duty/:id/close', { config: duty, schema: { params: IdParams, body: CloseBody } }, async (request, reply) => {
    const { values, closing, errors } = readCloseForm(request.body);
    if (!closing) return renderAlert(reply, request.actor!, request.params.id, values, errors);
    try {
      await service.closeAlert(db, request.actor!, request.params.id, closing);
    } catch (error) {
      const code = refusalCode(error, DUTY_REFUSED);
      if (!code) throw error;
      return renderAlert(reply, request.actor!, request.params.id, values, [DUTY_REFUSED[code]]);
    }
    request.session.flash = 'Closed, with what you did recorded';
    return reply.redirect('/duty', 303);
  });
}
