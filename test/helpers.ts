// Test helpers: a fresh, migrated database per test on every dialect in use,
// the real app built on it, a small cookie-keeping agent that fills in CSRF tokens, and
// builders for the things tests need.
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { testConfig, type Config } from '../src/platform/config.ts';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Role } from '../src/platform/policy.ts';
import { createAccountWithPassword } from '../src/features/accounts/index.ts';

export type DialectName = 'sqlite' | 'postgres';

/** sqlite always; postgres too when TEST_DATABASE_URL is set (as `.ci/run` does). */
export function dialects(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb {
  db: Db;
  url: string;
  dialect: DialectName;
  drop(): Promise<void>;
}

/** A new, empty, migrated database: in-memory SQLite, or a fresh PostgreSQL database. */
export async function freshDb(dialect: DialectName): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const url = 'sqlite::memory:';
    const db = createDb(url);
    await migrateToLatest(db);
    return { db, url, dialect, drop: () => db.destroy() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `withme_test_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }) });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { poolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    dialect,
    drop: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

/**
 * Runs a suite once per dialect with a fresh database and app: `ctx.app`, `ctx.db` are set
 * in `before` and closed in `after`.
 */
export function forEachDialect(title: string, suite: (ctx: TestContext) => void, configOverrides: Partial<Config> = {}): void {
  for (const dialect of dialects()) {
    describe(`${title} [${dialect}]`, () => {
      const ctx = {} as TestContext;
      before(async () => Object.assign(ctx, await startTestApp(dialect, configOverrides)));
      after(async () => ctx.close());
      suite(ctx);
    });
  }
}

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  config: Config;
  dialect: DialectName;
  close(): Promise<void>;
}

export async function startTestApp(dialect: DialectName, configOverrides: Partial<Config> = {}): Promise<TestContext> {
  const testDb = await freshDb(dialect);
  const config = testConfig({ databaseUrl: testDb.url, ...configOverrides });
  const app = await buildApp({ config, db: testDb.db });
  await app.ready();
  return {
    app,
    db: testDb.db,
    config,
    dialect,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
/** An account with the given roles and the shared test password. */
export async function anAccount(db: Db, options: { roles?: Role[]; email?: string; displayName?: string } = {}): Promise<{ id: string; email: string; password: string }> {
  counter += 1;
  const email = options.email ?? `someone${counter}-${randomBytes(3).toString('hex')}@example.org`;
  const id = await createAccountWithPassword(db, {
    email,
    displayName: options.displayName ?? `Test Person ${counter}`,
    password: PASSWORD,
    roles: options.roles ?? ['person'],
  });
  return { id, email, password: PASSWORD };
}

/** Keeps cookies between requests and fills in the CSRF token from the last form it saw. */
export class Agent {
  readonly app: FastifyInstance;
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  /** Sent with every request, e.g. `x-forwarded-proto: https` behind a proxy. */
  headers: Record<string, string> = {};

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const type = String(response.headers['content-type'] ?? '');
    if (type.includes('text/html')) {
      const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
      if (match) this.csrfToken = match[1];
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(response);
    return response;
  }

  /** Posts a form as a browser would, with the CSRF token unless `_csrf` is given. */
  async post(url: string, form: Record<string, string | string[]> = {}): Promise<LightMyRequestResponse> {
    if (!this.csrfToken && !('_csrf' in form)) await this.get('/sign-in');
    const body = new URLSearchParams();
    if (!('_csrf' in form) && this.csrfToken) body.append('_csrf', this.csrfToken);
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  /** Sends JSON with the CSRF token in a header, as the app's own scripts do. */
  async json(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: unknown): Promise<LightMyRequestResponse> {
    if (!this.csrfToken) await this.get('/sign-in');
    const response = await this.app.inject({
      method,
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': this.csrfToken ?? '' },
      payload: JSON.stringify(payload),
    });
    this.remember(response);
    return response;
  }

  async signIn(email: string, password: string = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303) throw new Error(`sign-in failed for a test account: ${response.statusCode}`);
    return response;
  }
}

/** Signs in a new agent as a new account with these roles. */
export async function signedInAs(ctx: TestContext, roles: Role[], options: { email?: string; displayName?: string } = {}): Promise<{ agent: Agent; account: { id: string; email: string } }> {
  const account = await anAccount(ctx.db, { roles, ...options });
  const agent = new Agent(ctx.app);
  await agent.signIn(account.email);
  return { agent, account };
}
