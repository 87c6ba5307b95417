// Starts withme: opens and migrates the database, seeds the demo when it is empty (outside
// production), listens, starts the jobs (jobs.ts), and shuts down gracefully. Nothing else.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './platform/config.ts';
import { logSerializers } from './platform/logging.ts';
import { createDb } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { startJobs } from './jobs.ts';
import { demoPassword, isEmpty, seedDemo, DEMO_ACCOUNTS } from './demo/seed.ts';

export async function serve(config: Config): Promise<FastifyInstance> {
  // The data folder holds the embedded database and the generated secret: the service's user only.
  if (config.databaseUrl.startsWith('sqlite:') && fs.existsSync(config.dataDir)) fs.chmodSync(config.dataDir, 0o700);
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
  const stopJobs = await startJobs(db, config, app.log);

  const address = `http://${config.host}:${(app.server.address() as { port: number }).port}`;
  const lines = [`withme is running at ${address}`];
  if (seededPassword) {
    lines.push('', 'Demo accounts (all share one password):');
    for (const account of Object.values(DEMO_ACCOUNTS)) lines.push(`  ${account.email}`);
    lines.push(`Password: ${seededPassword}${config.demoPassword ? ' (from WITHME_DEMO_PASSWORD)' : ''}`);
  }
  if (config.secretIsGenerated) lines.push('', `Note: WITHME_SECRET is not set, so a random one kept in ${config.dataDir}/.secret is used. Set WITHME_SECRET in production.`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests in progress, then stopping`);
    await stopJobs();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // Last, so that this line means ready: listening, signals handled, jobs started (and the audit
  // anchor written in the logs).
  console.log(lines.join('\n'));
  return app;
}
