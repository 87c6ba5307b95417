// Builds the withme web app as a plain function that tests and the server both call: platform
// plugins first, in a visible order, then the features.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { Config } from './platform/config.ts';
import { createDb, type Db } from './platform/db/database.ts';
import { createSharedStore, type SharedStore } from './platform/shared-store.ts';
import auth from './platform/auth.ts';
import { registerErrorHandlers } from './platform/errors.ts';
import layout from './platform/layout.ts';
import { outboxBacklog } from './platform/mail/outbox.ts';
import metrics from './platform/metrics.ts';
import openapi from './platform/openapi.ts';
import policy from './platform/policy.ts';
import rateLimit from './platform/rate-limit.ts';
import security from './platform/security.ts';
import sessions from './platform/sessions.ts';
import views, { nhsukDist } from './platform/views.ts';
import accounts, { accountsWaiting, hasSecondFactor, loadActor } from './features/accounts/index.ts';
import language from './features/language/index.ts';
import site from './features/site/index.ts';
import feedback from './features/feedback/index.ts';
import insights from './features/insights/index.ts';
import coproduction, { coproductionWaiting } from './features/coproduction/index.ts';
import record, { ownNamesLoader, recordNameStopped, readingNeeds, recordProfileLoader, recordWaiting } from './features/record/index.ts';
import duty, { countOpenAlerts, dutyWaiting } from './features/duty/index.ts';
import { allWaiting, type WhatWaits } from './platform/waiting.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    store: SharedStore;
    /** Every route registered, with its options, for the route-policy check. */
    registeredRoutes: RouteOptions[];
  }
}

const staticDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../static');

export interface AppOptions {
  config: Config;
  /** An open database; when absent the app opens (and later closes) its own. */
  db?: Db;
  store?: SharedStore;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });

  const db = options.db ?? createDb(config.databaseUrl);
  const store = options.store ?? createSharedStore(db, config.redisUrl);
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('store', store);
  app.decorate('registeredRoutes', [] as RouteOptions[]);
  app.addHook('onRoute', (route) => {
    app.registeredRoutes.push(route);
  });
  // Every route must say who may call it (policy.ts); the app refuses to start otherwise.
  app.addHook('onReady', async () => {
    const missing = app.registeredRoutes.filter((route) => !route.config?.policy).map((route) => `${String(route.method)} ${route.url}`);
    if (missing.length) throw new Error(`Routes without a policy: ${missing.join(', ')}`);
  });
  app.addHook('onClose', async () => {
    if (!options.store) await store.close();
    if (!options.db) await db.destroy();
  });

  // Platform
  await app.register(metrics, {
    config,
    db,
    gauges: [
      { name: 'withme_outbox_pending', help: 'Messages waiting in the outbox', read: async () => (await outboxBacklog(db)).pending },
      { name: 'withme_outbox_oldest_age_seconds', help: 'How long the oldest waiting message has waited', read: async () => (await outboxBacklog(db)).oldestAgeSeconds },
      { name: 'withme_duty_alerts_untaken', help: 'Disclosures of risk in the duty queue that nobody has taken', read: async () => (await countOpenAlerts(db)).untaken },
    ],
  });
  await app.register(formbody);
  await app.register(security, { config });
  await app.register(sessions, { config, store });
  await app.register(auth, {
    loadActor: (accountId, signedInAt) => loadActor(db, accountId, signedInAt),
    requireStaffMfa: config.requireStaffMfa,
    hasSecondFactor: (accountId) => hasSecondFactor(db, accountId),
  });
  await app.register(policy);
  await app.register(rateLimit, { store });
  await app.register(views, { config });
  // What waits for the signed-in account, each feature answering for its own part: listed on
  // their home page, counted in the header.
  const whatWaits: WhatWaits[] = [dutyWaiting, recordWaiting, coproductionWaiting, accountsWaiting];
  const waiting: WhatWaits = (conn, actor) => allWaiting(whatWaits, conn, actor);
  await app.register(layout, { config, db, waiting, reading: readingNeeds });
  await app.register(async function assets(scope) {
    // Files anyone may fetch: the design system's assets and withme's own scripts and styles.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, policy: 'public' };
    });
    await scope.register(fastifyStatic, { root: path.join(nhsukDist, 'nhsuk/assets'), prefix: '/assets/' });
    await scope.register(fastifyStatic, { root: path.join(nhsukDist, 'nhsuk'), prefix: '/static/nhsuk/', decorateReply: false, allowedPath: (p) => /^\/nhsuk-frontend\.min\.(css|js)(\.map)?$/.test(p) });
    await scope.register(fastifyStatic, { root: staticDir, prefix: '/static/', decorateReply: false });
  });
  registerErrorHandlers(app);
  await app.register(openapi, { config });

  // Features
  await app.register(site, { waiting });
  await app.register(accounts);
  await app.register(language, { loadProfile: recordProfileLoader(db, config), nameStopped: recordNameStopped(db, config), ownNames: ownNamesLoader(config.secret) });
  await app.register(feedback);
  await app.register(insights);
  await app.register(coproduction);
  await app.register(record);
  await app.register(duty);

  return app;
}
