// Starts withme: opens and migrates the database, seeds the demo when it is empty (outside
// production), listens, drains the outbox, and shuts down gracefully. Nothing else (STYLE 1).
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './platform/config.ts';
import { logSerializers } from './platform/logging.ts';
import { createDb } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { startOutboxWorker, smtpMailer } from './platform/mail/outbox.ts';
import { auditHead } from './platform/audit.ts';
import { demoPassword, isEmpty, seedDemo, DEMO_ACCOUNTS } from './demo/seed.ts';

export async function serve(config: Config): Promise<FastifyInstance> {
  const db = createDb(config.databaseUrl);
  await migrateToLatest(db);

  let seededPassword: string | undefined;
  if (config.env !== 'production' && (await isEmpty(db))) {
    seededPassword = demoPassword(config);
    await seedDemo(db, config, seededPassword);
  }

  const app = await buildApp({
    config,
    db,
    logger: { level: config.env === 'production' ? 'info' : 'warn', serializers: logSerializers },
  });
  await app.listen({ port: config.port, host: config.host });

  const stopWorker = config.smtpUrl
    ? startOutboxWorker(db, smtpMailer(config.smtpUrl), { from: config.mailFrom, log: (msg, err) => app.log.error({ err }, msg) })
    : undefined;

  const address = `http://${config.host}:${(app.server.address() as { port: number }).port}`;
  const lines = [`withme is running at ${address}`];
  if (seededPassword) {
    lines.push('', 'Demo accounts (all share one password):');
    for (const account of Object.values(DEMO_ACCOUNTS)) lines.push(`  ${account.email}`);
    lines.push(`Password: ${seededPassword}${config.demoPassword ? ' (from WITHME_DEMO_PASSWORD)' : ''}`);
  }
  if (config.secretIsGenerated) lines.push('', `Note: WITHME_SECRET is not set, so a random one kept in ${config.dataDir}/.secret is used. Set WITHME_SECRET in production.`);

  // The audit log's newest entry, at start and hourly, into the service's logs (kept outside the
  // database): any of these anchors lets `withme audit verify --anchor` find entries cut off the end.
  const logAnchor = async () => {
    const anchor = await auditHead(db);
    if (anchor) app.log.info({ auditAnchor: anchor }, 'audit anchor');
  };
  const anchorTimer = setInterval(() => void logAnchor().catch((err: unknown) => app.log.error({ err }, 'audit anchor')), 60 * 60_000);
  anchorTimer.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests in progress, then stopping`);
    clearInterval(anchorTimer);
    await stopWorker?.();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await logAnchor();

  // Last, so that this line means ready: listening, signals handled, anchor written.
  console.log(lines.join('\n'));
  return app;
}
