// The coproduction workspace's routes: proposals and decisions, documents and the publish gate,
// meetings and involvement payment, updates by mail, and the public pages, news and decisions that come out of it. (Digests
// are sent by the server's jobs: see src/jobs.ts.)
import type { FastifyInstance } from 'fastify';
import decisionRoutes from './routes/decisions.ts';
import documentRoutes from './routes/documents.ts';
import involvementRoutes from './routes/involvement.ts';
import meetingRoutes from './routes/meetings.ts';
import profileRoutes from './routes/profile.ts';
import proposalRoutes from './routes/proposals.ts';
import publicRoutes from './routes/public.ts';
import searchRoutes from './routes/search.ts';
import settingsRoutes from './routes/settings.ts';

export default async function coproduction(app: FastifyInstance): Promise<void> {
  await app.register(proposalRoutes);
  await app.register(decisionRoutes);
  await app.register(documentRoutes);
  await app.register(publicRoutes);
  await app.register(searchRoutes);
  await app.register(meetingRoutes);
  await app.register(involvementRoutes);
  await app.register(settingsRoutes);
  await app.register(profileRoutes);
}
