// The accounts feature's pages: signing in and out, the links withme sends (resets and
// invitations), help for an account with no roles, the lead's administration, and GOV.UK
// Notify's delivery receipts.
import type { FastifyInstance } from 'fastify';
import adminRoutes from './routes/admin.ts';
import helpRoutes from './routes/help.ts';
import linkRoutes from './routes/links.ts';
import notifyCallbackRoutes from './routes/notify-callback.ts';
import noticeRoutes from './routes/notices.ts';
import secondFactorRoutes from './routes/second-factor.ts';
import signInRoutes from './routes/sign-in.ts';
import signOnRoutes from './routes/sign-on.ts';
import yourAccountRoutes from './routes/your-account.ts';

export default async function accounts(app: FastifyInstance): Promise<void> {
  await app.register(signInRoutes);
  await app.register(signOnRoutes);
  await app.register(linkRoutes);
  await app.register(helpRoutes);
  await app.register(adminRoutes);
  await app.register(secondFactorRoutes);
  await app.register(yourAccountRoutes);
  await app.register(notifyCallbackRoutes);
  await app.register(noticeRoutes);
}
