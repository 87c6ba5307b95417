import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../app.ts';
import { testConfig } from './config.ts';
import type { Db } from './db/database.ts';
import { Agent, anAccount, forEachDialect, freshDb } from '../../test/helpers.ts';

async function rewriteSessions(ctx: { db: Db }, change: (session: Record<string, number>) => void) {
  const rows = await ctx.db.selectFrom('kv').selectAll().where('key', 'like', 'session:%').execute();
  for (const row of rows) {
    const session = JSON.parse(row.value) as Record<string, number>;
    if (!session.accountId) continue;
    change(session);
    await ctx.db.updateTable('kv').set({ value: JSON.stringify(session) }).where('key', '=', row.key).execute();
  }
}

forEachDialect('sessions', (ctx) => {
  test('sign-in issues a new session id; the cookie is HttpOnly and SameSite=Lax', async () => {
    const account = await anAccount(ctx.db);
    const agent = new Agent(ctx.app);
    const before = await agent.get('/sign-in');
    const response = await agent.post('/sign-in', { email: account.email, password: 'correct horse battery staple' });
    const cookie = String(response.headers['set-cookie']).split(/,(?=\s*withme)/).find((c) => c.includes('withme-session='));
    assert.ok(cookie, 'a session cookie is set at sign-in');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const beforeId = String(before.headers['set-cookie'] ?? '').match(/withme-session=([^;]+)/)?.[1];
    const afterId = cookie.match(/withme-session=([^;]+)/)?.[1];
    assert.notEqual(afterId, beforeId);
    const stored = await ctx.db.selectFrom('kv').select('key').where('key', 'like', 'session:%').execute();
    assert.ok(stored.every((row) => !row.key.includes(decodeURIComponent(afterId ?? '').split('.')[0] ?? 'x')), 'session ids are stored hashed');
  });

  test('a session ends after 30 minutes idle', async () => {
    const account = await anAccount(ctx.db);
    const agent = new Agent(ctx.app);
    await agent.signIn(account.email);
    assert.match((await agent.get('/')).body, /You are signed in/);
    await rewriteSessions(ctx, (s) => {
      s.lastSeenAt = Date.now() - 31 * 60 * 1000;
    });
    assert.doesNotMatch((await agent.get('/')).body, /You are signed in/);
  });

  test('a session ends 12 hours after sign-in, however active', async () => {
    const account = await anAccount(ctx.db);
    const agent = new Agent(ctx.app);
    await agent.signIn(account.email);
    await rewriteSessions(ctx, (s) => {
      s.signedInAt = Date.now() - 12 * 60 * 60 * 1000 - 1000;
      s.lastSeenAt = Date.now();
    });
    assert.doesNotMatch((await agent.get('/')).body, /You are signed in/);
  });

  test('signing out ends the session', async () => {
    const account = await anAccount(ctx.db);
    const agent = new Agent(ctx.app);
    await agent.signIn(account.email);
    await agent.get('/sign-out');
    const response = await agent.post('/sign-out');
    assert.match(response.body, /You have signed out/);
    assert.doesNotMatch((await agent.get('/')).body, /You are signed in/);
    assert.equal((await agent.get('/admin/accounts')).statusCode, 303);
  });
});

test('in production the cookies are Secure and __Host- prefixed', async () => {
  const { db } = await freshDb('sqlite');
  const config = testConfig({ env: 'production', secret: 'k3J9x!pQ2vL8mN4rT6wY0zA5bC7dE1fG-production', trustProxy: '127.0.0.1' });
  const app = await buildApp({ config, db });
  try {
    const account = await anAccount(db);
    const agent = new Agent(app);
    agent.headers = { 'x-forwarded-proto': 'https' };
    const page = await agent.get('/sign-in');
    assert.match(String(page.headers['set-cookie']), /__Host-withme-csrf=[^;]+;.*Secure/);
    const response = await agent.post('/sign-in', { email: account.email, password: 'correct horse battery staple' });
    assert.equal(response.statusCode, 303);
    const cookies = String(response.headers['set-cookie']);
    assert.match(cookies, /__Host-withme-session=[^;]+; Path=\/; [^;]+; HttpOnly; Secure; SameSite=Lax/);
  } finally {
    await app.close();
    await db.destroy();
  }
});
