// The coproduction workspace: proposals and decisions, documents and the publish gate, meetings,
// updates by mail, and the public pages, news and decisions that come out of it.
import type { FastifyInstance } from 'fastify';
import documentRoutes from './documents-routes.ts';
import meetingRoutes from './meetings-routes.ts';
import proposalRoutes from './proposals-routes.ts';

export default async function coproduction(app: FastifyInstance): Promise<void> {
  await app.register(proposalRoutes);
  await app.register(documentRoutes);
  await app.register(meetingRoutes);
}
