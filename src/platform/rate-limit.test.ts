import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildApp } from '../app.ts';
import { testConfig } from './config.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { RedisStore, DatabaseStore } from './shared-store.ts';
import { Agent } from '../../test/helpers.ts';

// Two app instances on one database, as behind a load balancer: the limit holds across both.
async function twoInstances(options: { redisUrl?: string } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-rate-'));
  const databaseUrl = `sqlite:${path.join(dir, 'shared.sqlite')}`;
  const migrator = createDb(databaseUrl);
  await migrateToLatest(migrator);
  await migrator.destroy();
  const config = testConfig({ databaseUrl, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) });
  const a = await buildApp({ config });
  const b = await buildApp({ config });
  await Promise.all([a.ready(), b.ready()]);
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function exhaustAcross(a: Agent, b: Agent): Promise<number[]> {
  const codes: number[] = [];
  await a.get('/sign-in');
  await b.get('/sign-in');
  for (let i = 0; i < 11; i++) {
    const agent = i % 2 === 0 ? a : b;
    codes.push((await agent.post('/sign-in', { email: 'target@example.org', password: `guess number ${i}` })).statusCode);
  }
  return codes;
}

test('sign-in attempts are limited across instances sharing the database', async () => {
  const { a, b, close } = await twoInstances();
  try {
    const codes = await exhaustAcross(new Agent(a), new Agent(b));
    assert.deepEqual(codes.slice(0, 10), Array(10).fill(400));
    assert.equal(codes[10], 429);
    const page = await new Agent(b).post('/sign-in', { email: 'target@example.org', password: 'x' });
    assert.equal(page.statusCode, 429);
    assert.match(page.body, /Too many attempts/);
    assert.match(page.body, /If you are in crisis/);
    // Another address is not locked out by these attempts.
    const other = new Agent(a);
    await other.get('/sign-in');
    assert.equal((await other.post('/sign-in', { email: 'someone-else@example.org', password: 'x' })).statusCode, 400);
  } finally {
    await close();
  }
});

test('each route counts on its own: using up password resets leaves sign-in open', async () => {
  const { a, close } = await twoInstances();
  try {
    const agent = new Agent(a);
    await agent.get('/forgot-password');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await agent.post('/forgot-password', { email: 'target@example.org' })).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
    assert.equal((await agent.post('/sign-in', { email: 'target@example.org', password: 'x' })).statusCode, 400);
    const keys = await a.db.selectFrom('kv').select('key').where('key', 'like', 'rate:%').execute();
    assert.ok(keys.some((k) => k.key.startsWith('rate:POST /forgot-password:')), 'counters are named by route');
    assert.ok(keys.every((k) => !k.key.includes('undefined')));
  } finally {
    await close();
  }
});

test('with REDIS_URL the limit lives in Redis and still holds across instances', { skip: process.env.TEST_REDIS_URL ? false : 'TEST_REDIS_URL is not set' }, async () => {
  const redisUrl = process.env.TEST_REDIS_URL!;
  const probe = new RedisStore(redisUrl);
  await probe.redis.flushdb();
  await probe.close();
  const { a, b, close } = await twoInstances({ redisUrl });
  try {
    const codes = await exhaustAcross(new Agent(a), new Agent(b));
    assert.equal(codes[10], 429);
  } finally {
    await close();
  }
});

test('the database store counts a window, then starts a new one', async () => {
  const db = createDb('sqlite::memory:');
  await migrateToLatest(db);
  const store = new DatabaseStore(db);
  assert.equal((await store.increment('k', 50)).count, 1);
  assert.equal((await store.increment('k', 50)).count, 2);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal((await store.increment('k', 50)).count, 1);
  await store.set('s', 'v', 50);
  assert.equal(await store.get('s'), 'v');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(await store.get('s'), undefined);
  await db.destroy();
});
