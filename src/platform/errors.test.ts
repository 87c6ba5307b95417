import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { buildApp } from '../app.ts';
import { testConfig } from './config.ts';
import { Agent, freshDb } from '../../test/helpers.ts';

const CRISIS = 'If you are in crisis, <a href="tel:999">call 999</a> or go to A&amp;E if you are safe to do so. You are not alone.';

async function appWithTestRoutes() {
  const { db } = await freshDb('sqlite');
  const app = await buildApp({ config: testConfig() , db });
  app.addHook('onClose', () => db.destroy());
  app.get('/boom', { config: { policy: 'public' } }, async () => {
    throw new Error('secret internal detail: table people column x');
  });
  app.post(
    '/api/v1/echo',
    { config: { policy: 'public', csrf: false }, schema: { body: Type.Object({ name: Type.String({ minLength: 1 }), age: Type.Integer() }) } },
    async (request) => request.body,
  );
  await app.ready();
  return app;
}

test('a page that does not exist is a friendly 404 with the crisis panel and quick exit', async () => {
  const app = await appWithTestRoutes();
  try {
    const response = await app.inject('/no/such/page');
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /<h1>Page not found<\/h1>/);
    assert.ok(response.body.includes(CRISIS));
    assert.match(response.body, /data-quick-exit/);
  } finally {
    await app.close();
  }
});

test('a fault is a 500 page with a reference, never the internals', async () => {
  const app = await appWithTestRoutes();
  try {
    const response = await app.inject('/boom');
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Sorry, there is a problem with the service/);
    assert.match(response.body, /class="app-error-reference">[0-9A-F]{8}</);
    // "If you contact us" means little without the service's number and address beside it.
    assert.match(response.body, /contact us by phone on <a href="tel:01134960000">0113 496 0000<\/a> or by email at <a href="mailto:contact@example.org">contact@example.org<\/a>/);
    assert.ok(!response.body.includes('secret internal detail'));
    assert.doesNotMatch(response.body, /\n\s+at \S+ \(/, 'no stack trace');
    assert.ok(response.body.includes(CRISIS));
    assert.match(response.body, /data-quick-exit/);
  } finally {
    await app.close();
  }
});

test('bad input gets 4xx answers, never a 500', async () => {
  const app = await appWithTestRoutes();
  try {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const huge = await app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: agent.cookieHeader() }, payload: 'email=' + 'a'.repeat(2 * 1024 * 1024) });
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /too much to send/);

    const xml = await app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    assert.equal(xml.statusCode, 415);

    const json = await app.inject({ method: 'POST', url: '/api/v1/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": "", "age": "old"}' });
    assert.equal(json.statusCode, 400);
    const body = json.json<{ fields: Array<{ field: string; message: string }> }>();
    assert.ok(body.fields.length >= 1);
    assert.ok(body.fields.some((f) => f.field === 'name' || f.field === 'age'));

    const broken = await app.inject({ method: 'POST', url: '/api/v1/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    assert.equal(broken.statusCode, 400);

    const badParam = await agent.get('/admin/accounts/not-a-uuid');
    assert.ok(badParam.statusCode < 500);
  } finally {
    await app.close();
  }
});

test('every page carries a nonce-based Content Security Policy and no inline script', async () => {
  const app = await appWithTestRoutes();
  try {
    const response = await app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self' 'nonce-[^']+'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const scripts = [...response.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attributes, content] of scripts) {
      assert.match(attributes ?? '', /src="/, 'scripts are files');
      assert.equal((content ?? '').trim(), '', 'no inline script');
    }
    const health = await app.inject('/healthz');
    assert.deepEqual(health.json(), { status: 'ok' });
  } finally {
    await app.close();
  }
});
