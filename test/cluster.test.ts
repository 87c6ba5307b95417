// withme as a service runs it: two instances on one PostgreSQL database and one Redis. Sessions
// and rate limits are shared; an instance killed mid-write loses no write it acknowledged;
// PostgreSQL and Redis restarted under load leave clear 503s, never a 500 or a crash, and the
// instances answer again within seconds without a restart; two outbox workers send each message
// once; the audit chain verifies with both appending. The database and Redis are the test's own
// (restarting the machine's would break the other tests running beside this one).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { DEMO_ACCOUNTS } from '../src/demo/seed.ts';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { queueMail } from '../src/platform/mail/outbox.ts';
import { bin, startWithme, type Running } from './processes.ts';
import { clusterUnavailable, privatePostgres, privateRedis, type PrivatePostgres, type PrivateRedis } from './support/cluster.ts';

const PASSWORD = 'cluster demo passphrase 7d1e';

function skipReason(): string | undefined {
  if (!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL) return 'needs TEST_DATABASE_URL and TEST_REDIS_URL (as .ci/run sets)';
  return clusterUnavailable();
}

/** A browser's cookies and the last form's CSRF token, for plain fetch. */
class Client {
  cookies = new Map<string, string>();
  token = '';
  base: string;
  constructor(base: string) {
    this.base = base;
  }
  private remember(response: Response): void {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!.trim(), rest.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string): Promise<Response> {
    const response = await fetch(this.base + path, { headers: { cookie: this.header() }, redirect: 'manual' });
    this.remember(response);
    return response;
  }
  async page(path: string): Promise<{ status: number; body: string }> {
    const response = await this.get(path);
    const body = await response.text();
    this.token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.token;
    return { status: response.status, body };
  }
  async post(path: string, form: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ _csrf: this.token, ...form });
    const response = await fetch(this.base + path, { method: 'POST', headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    this.remember(response);
    return response;
  }
}

void describe('Several instances on one PostgreSQL and one Redis', { skip: skipReason(), timeout: 600_000 }, () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let smtp: SMTPServer;
  const received: string[] = [];
  let a: Running;
  let b: Running;
  let db: Db;

  before(async () => {
    postgres = await privatePostgres('withme_cluster_test');
    redis = await privateRedis();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        stream.on('data', () => {});
        stream.on('end', () => {
          for (const to of session.envelope.rcptTo) received.push(to.address);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      WITHME_DEMO_PASSWORD: PASSWORD,
      WITHME_SECRET: 'cluster-test-secret-0123456789-abcdefghijklmnop',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    };
    a = await startWithme(env); // migrates and seeds the demo
    b = await startWithme(env);
    db = createDb(postgres.url, { poolSize: 2 });
  });

  after(async () => {
    await a?.stop().catch(() => null);
    await b?.stop().catch(() => null);
    await db?.destroy();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await redis?.stop();
    postgres?.drop();
  });

  test('a session made on one instance works on the other, and rate limits count across both', async () => {
    const browser = new Client(a.url);
    await browser.page('/sign-in');
    const signedIn = await browser.post('/sign-in', { email: DEMO_ACCOUNTS.person.email, password: PASSWORD, next: '/me' });
    assert.equal(signedIn.status, 303);
    browser.base = b.url;
    const me = await browser.page('/me');
    assert.equal(me.status, 200, 'signed in on the other instance');
    assert.match(me.body, /<h1>About me<\/h1>/);

    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const attacker = new Client(i % 2 ? a.url : b.url);
      await attacker.page('/sign-in');
      statuses.push((await attacker.post('/sign-in', { email: DEMO_ACCOUNTS.lead.email, password: `not it ${i}` })).status);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400), 'ten wrong passwords are answered');
    assert.ok(statuses.slice(10).every((s) => s === 429), `the eleventh and twelfth are stopped, whichever instance: ${statuses.join(',')}`);
  });

  test('an instance killed with SIGKILL in the middle of writes loses no write it acknowledged', async () => {
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 1; writing; n += 1) {
        const client = new Client(a.url);
        try {
          await client.page('/feedback');
          const body = `Cluster write ${n}: the clinic was calm.`;
          const response = await client.post('/feedback', { body, area: 'appointments', consent: 'no', reply: 'none' });
          if (response.status === 200) acknowledged.push(body);
        } catch {
          // The instance is gone: what it did not acknowledge may or may not be stored.
        }
      }
    })();
    while (acknowledged.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    await a.kill();
    writing = false;
    await writer;
    const stored = new Set((await db.selectFrom('feedback_items').select('body').where('body', 'like', 'Cluster write %').execute()).map((r) => r.body));
    assert.deepEqual(acknowledged.filter((body) => !stored.has(body)), [], 'every acknowledged write is in the database');
    // The other instance goes on serving, and a new one starts on the same data.
    assert.equal((await fetch(`${b.url}/readyz`)).status, 200);
    a = await startWithme({ ...envOf(), DATABASE_URL: postgres.url, REDIS_URL: redis.url });
  });

  test('PostgreSQL restarted under load: 503s while it is down, never a 500 or a crash, then 200 again without restarting withme', async () => {
    const seen = await underLoad([a, b], () => postgres.restart());
    assert.deepEqual(seen.filter((s) => s >= 500 && s !== 503), [], `only 503s while it was away: ${summary(seen)}`);
    console.log(`# PostgreSQL restart under load: ${summary(seen)}`);
    await answersAgain([a, b]);
  });

  test('/readyz is 503 while PostgreSQL is stopped, a page that needs it is a 503 page, and both are 200 again once it starts, without restarting withme', async () => {
    postgres.stop();
    try {
      for (const instance of [a, b]) {
        const ready = await fetch(`${instance.url}/readyz`);
        assert.equal(ready.status, 503);
        assert.deepEqual(await ready.json(), { status: 'unavailable', failing: ['database'] });
        const page = await fetch(`${instance.url}/you-said-we-did`);
        assert.equal(page.status, 503);
        assert.match(await page.text(), /Sorry, the service is unavailable for a moment/);
      }
    } finally {
      await postgres.start();
    }
    await answersAgain([a, b]);
  });

  test('/readyz is 503 while Redis is away, and 200 again once it is back', async () => {
    await redis.stop();
    try {
      for (const instance of [a, b]) {
        const ready = await fetch(`${instance.url}/readyz`);
        assert.equal(ready.status, 503);
        assert.deepEqual(await ready.json(), { status: 'unavailable', failing: ['shared store'] });
      }
    } finally {
      await redis.restart();
    }
    await answersAgain([a, b]);
  });

  test('Redis restarted under load: 503s while it is away, then the instances answer again by themselves', async () => {
    const seen = await underLoad([a, b], () => redis.restart());
    assert.deepEqual(seen.filter((s) => s >= 500 && s !== 503), [], `only 503s while it was away: ${summary(seen)}`);
    console.log(`# Redis restart under load: ${summary(seen)}`);
    await answersAgain([a, b]);
  });

  test('two outbox workers send each message once, and the audit chain verifies with both instances appending', async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `once-${i}@example.org`);
    for (const to of addresses) await queueMail(db, { to, subject: 'Once only', text: 'x', purpose: 'cluster-test' });
    for (let waited = 0; waited < 60_000; waited += 250) {
      const pending = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').where('to_address', 'in', addresses).execute();
      if (!pending.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const to of addresses) assert.equal(received.filter((r) => r === to).length, 1, `${to} got exactly one`);
    const verified = spawnSync(process.execPath, [bin, 'audit', 'verify'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: postgres.url } });
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /Audit log intact/);
  });

  function envOf(): Record<string, string> {
    return {
      NODE_ENV: 'development',
      WITHME_DEMO_PASSWORD: PASSWORD,
      WITHME_SECRET: 'cluster-test-secret-0123456789-abcdefghijklmnop',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    };
  }
});

/** Requests pages on every instance while `disrupt` runs, and for a moment after; the statuses seen. */
async function underLoad(instances: Running[], disrupt: () => void | Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  let loading = true;
  const load = Promise.all(
    instances.map(async (instance) => {
      while (loading) {
        for (const path of ['/readyz', '/', '/feedback', '/you-said-we-did']) {
          try {
            seen.push((await fetch(instance.url + path)).status);
          } catch {
            seen.push(0); // the connection itself failed: the process would be gone
          }
        }
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  await disrupt();
  await new Promise((resolve) => setTimeout(resolve, 300));
  loading = false;
  await load;
  assert.ok(!seen.includes(0), 'no instance went away');
  return seen;
}

/** Every instance is ready again within 20 seconds. */
async function answersAgain(instances: Running[]): Promise<void> {
  for (const instance of instances) {
    let status = 0;
    for (let waited = 0; waited < 20_000 && status !== 200; waited += 200) {
      status = (await fetch(`${instance.url}/readyz`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(status, 200, `${instance.url} is ready again without a restart`);
    assert.equal((await fetch(`${instance.url}/`)).status, 200);
  }
}

function summary(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${s}×${n}`).join(' ');
}
