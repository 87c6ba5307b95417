// The duty feature's pages.
import type { FastifyInstance } from 'fastify';
import queueRoutes from './routes/queue.ts';

export default async function duty(app: FastifyInstance): Promise<void> {
  await app.register(queueRoutes);
}
