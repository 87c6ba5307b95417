// The coproduction workspace: proposals and decisions, documents and the publish gate, meetings,
// updates by mail, and the public pages, news and decisions that come out of it. (Digests are
// sent by the server's jobs: see src/jobs.ts.)
import type { FastifyInstance } from 'fastify';
import documentRoutes from './documents-routes.ts';
import meetingRoutes from './meetings-routes.ts';
import proposalRoutes from './proposals-routes.ts';

export default async function coproduction(app: FastifyInstance): Promise<void> {
  await app.register(proposalRoutes);
  await app.register(documentRoutes);
  await app.register(meetingRoutes);
}
