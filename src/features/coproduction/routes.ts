// The coproduction workspace: proposals and decisions, documents and the publish gate, meetings,
// updates by mail, and the public pages, news and decisions that come out of it.
import type { FastifyInstance } from 'fastify';
import { sendDigests } from './digests.ts';
import documentRoutes from './documents-routes.ts';
import meetingRoutes from './meetings-routes.ts';
import proposalRoutes from './proposals-routes.ts';

const DIGEST_CHECK_MS = 15 * 60 * 1000;

export default async function coproduction(app: FastifyInstance): Promise<void> {
  await app.register(proposalRoutes);
  await app.register(documentRoutes);
  await app.register(meetingRoutes);

  // Digests: every instance checks every quarter of an hour; the (member, period) key means
  // each member still gets at most one per period, however many instances run.
  if (app.config.env !== 'test') {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = (async () => {
        await sendDigests(app.db, app.config, 'daily');
        await sendDigests(app.db, app.config, 'weekly');
      })().catch((err: unknown) => app.log.error({ err }, 'coproduction digests failed'));
    }, DIGEST_CHECK_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  }
}
