// What a service's operators and their load balancer rely on: /readyz says whether this
// instance can serve (database and shared store), /metrics speaks Prometheus to whoever holds
// the token and holds no personal data, an unreachable database is a 503 with a time to try
// again (never a 500), and a number out of range is bad input (never a 500).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../app.ts';
import { testConfig } from './config.ts';
import { queueMail } from './mail/outbox.ts';
import { DatabaseStore, type SharedStore } from './shared-store.ts';
import { Agent, forEachDialect, freshDb, signedInAs } from '../../test/helpers.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';

forEachDialect('operations', (ctx) => {
  test('/readyz is 200 while the database and the shared store answer', async () => {
    const response = await new Agent(ctx.app).get('/readyz');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ready' });
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  test('/metrics: Prometheus text for the token holder only; route patterns, never ids or names', async () => {
    assert.equal((await new Agent(ctx.app).get('/metrics')).statusCode, 401, 'no token');
    assert.equal((await new Agent(ctx.app).get('/metrics', { authorization: 'Bearer wrong-token-wrong-token-wrong' })).statusCode, 401);
    const { agent, account } = await signedInAs(ctx, ['practitioner'], { displayName: 'Metrics Practitioner' });
    const someone = '2f1a7d2e-4c3b-4b6a-9d1e-0a1b2c3d4e5f';
    await agent.get(`/people/${someone}`);
    await agent.get('/people?q=Sam');
    await queueMail(ctx.db, { to: 'waiting@example.org', subject: 'x', text: 'y', purpose: 'test' });
    const response = await new Agent(ctx.app).get('/metrics', { authorization: `Bearer ${TOKEN}` });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const text = response.body;
    assert.match(text, /withme_http_requests_total\{method="GET",route="\/people\/:id",status="404"\} 1/);
    assert.match(text, /withme_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/people\/:id",status="404"\}/);
    assert.match(text, /withme_outbox_pending [1-9]/);
    assert.match(text, /withme_outbox_oldest_age_seconds \d+/);
    assert.match(text, /withme_duty_alerts_untaken \d+/);
    assert.match(text, /withme_audit_appends_total \d+/);
    for (const secret of [someone, account.email, account.id, 'Metrics Practitioner', 'Sam', 'waiting@example.org']) {
      assert.ok(!text.includes(secret), `no personal data in the metrics: ${secret}`);
    }
    if (ctx.dialect === 'postgres') assert.match(text, /withme_db_pool_connections\{state="max"\} \d+/);
  });

  test('a number out of range in a query is a 400 page, never a 500', async () => {
    for (const url of ['/you-said-we-did?page=1e309', '/you-said-we-did?page=-1e309']) {
      const response = await new Agent(ctx.app).get(url);
      assert.equal(response.statusCode, 400, url);
      assert.match(response.body, /We could not read what was sent/);
    }
    // A page number read as text, past the end: the last page there is.
    assert.equal((await new Agent(ctx.app).get('/coproduction/decisions?page=1e309')).statusCode, 200);
    const { agent } = await signedInAs(ctx, ['group']);
    assert.equal((await agent.get('/feedback/manage?page=1e309')).statusCode, 400);
  });
}, { metricsToken: TOKEN });

test('/metrics does not exist without WITHME_METRICS_TOKEN', async () => {
  const { db } = await freshDb('sqlite');
  const app = await buildApp({ config: testConfig(), db });
  try {
    assert.equal((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 404);
  } finally {
    await app.close();
    await db.destroy();
  }
});

test('/readyz is 503 naming what fails while the shared store does not answer, and a request that needs it is a 503 page, not a 500', async () => {
  const { db } = await freshDb('sqlite');
  const real = new DatabaseStore(db);
  let down = false;
  const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
  const store: SharedStore = {
    get: (key) => (down ? Promise.reject(unreachable()) : real.get(key)),
    set: (key, value, ttl) => (down ? Promise.reject(unreachable()) : real.set(key, value, ttl)),
    delete: (key) => (down ? Promise.reject(unreachable()) : real.delete(key)),
    increment: (key, window) => (down ? Promise.reject(unreachable()) : real.increment(key, window)),
    ping: () => (down ? Promise.reject(unreachable()) : real.ping()),
    close: () => real.close(),
  };
  const app = await buildApp({ config: testConfig(), db, store });
  try {
    const agent = new Agent(app);
    await agent.get('/feedback');
    down = true;
    const ready = await agent.get('/readyz');
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ready.json(), { status: 'unavailable', failing: ['shared store'] });
    const page = await agent.post('/feedback', { body: 'The waiting room was calm.', area: 'appointments', consent: 'no', reply: 'none' });
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['retry-after'], '30');
    assert.match(page.body, /Sorry, the service is unavailable for a moment/);
    assert.match(page.body, /id="get-help"/, 'the crisis panel is still there');
    down = false;
    assert.equal((await agent.get('/readyz')).statusCode, 200, 'ready again once it answers, without a restart');
  } finally {
    await app.close();
    await db.destroy();
  }
});
