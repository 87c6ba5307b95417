// The real withme server for browser tests and benchmarks: a fresh temporary data folder with
// the embedded database, migrated and seeded with the demo service (known password), listening
// on 127.0.0.1 on a port the system picks. Tests may add their own routes before it starts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/demo/seed.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createDb } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

export const DEMO_PASSWORD = 'e2e demo password, not secret 8c1f';

export type DemoRole = keyof typeof DEMO_ACCOUNTS;
export const DEMO_ROLES = Object.keys(DEMO_ACCOUNTS) as DemoRole[];

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  config: Config;
  dataDir: string;
  password: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Use this data folder as it is (no seeding) instead of a fresh one. */
  dataDir?: string;
  /** Register extra routes (for example one that fails on purpose) before the app is ready. */
  setup?: (app: FastifyInstance) => void | Promise<void>;
  /** More environment for the configuration (e.g. `WITHME_REQUIRE_STAFF_MFA: 'true'`). */
  env?: Record<string, string>;
  /**
   * Reach the server as http://localhost:<port> (its public address too): passkeys need a host
   * name for their relying party, and an IP address is not one.
   */
  localhost?: boolean;
  /** Listen on this port (known beforehand, for WITHME_PUBLIC_URL) instead of one the system picks. */
  port?: number;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  // Dates render the same on every machine.
  process.env.TZ = 'Europe/London';
  const fresh = !options.dataDir;
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'withme-e2e-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    WITHME_DATA_DIR: dataDir,
    WITHME_SECRET: 'e2e-only-secret-9f8e7d6c5b4a39281706-abcdefghijklmnop',
    WITHME_DEMO_PASSWORD: DEMO_PASSWORD,
    ...options.env,
  });
  const db = createDb(config.databaseUrl);
  await migrateToLatest(db);
  if (fresh) await seedDemo(db, config, DEMO_PASSWORD);

  const app = await buildApp({ config, db });
  if (options.setup) await options.setup(app);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as { port: number };
  const url = `http://${options.localhost ? 'localhost' : '127.0.0.1'}:${port}`;
  // The port is known only now; the app reads its configuration object when it needs it.
  if (options.localhost) config.publicUrl = url;
  return {
    url,
    app,
    config,
    dataDir,
    password: DEMO_PASSWORD,
    close: async () => {
      await app.close();
      await db.destroy();
      if (fresh) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A route that fails on purpose, to see the 500 page. Registered only by the tests that ask. */
export const FAILING_PATH = '/__e2e/fail';

export function addFailingRoute(app: FastifyInstance): void {
  app.get(FAILING_PATH, { config: { policy: 'public' } }, () => {
    throw new Error('deliberate failure for the browser tests: internal detail that must not be shown');
  });
}
