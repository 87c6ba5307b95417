import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../app.ts';
import { testConfig } from './config.ts';
import { routePolicies } from './policy.ts';
import { Agent, forEachDialect, signedInAs } from '../../test/helpers.ts';

test('every registered route names a known policy', async () => {
  const app = await buildApp({ config: testConfig() });
  await app.ready();
  try {
    assert.ok(app.registeredRoutes.length > 10, 'the app registers its routes');
    const unnamed = app.registeredRoutes.filter((route) => !route.config?.policy || !(route.config.policy in routePolicies));
    assert.deepEqual(unnamed.map((route) => `${String(route.method)} ${route.url}`), []);
  } finally {
    await app.close();
  }
});

test('the app refuses to start when a route names no policy', async () => {
  const app = await buildApp({ config: testConfig() });
  app.get('/a-route-without-a-policy', async () => 'hello');
  await assert.rejects(async () => { await app.ready(); }, /Routes without a policy: GET \/a-route-without-a-policy/);
  await app.close();
});

forEachDialect('route policies', (ctx) => {
  test('a signed-out visitor is sent to sign in, and comes back after', async () => {
    const agent = new Agent(ctx.app);
    const response = await agent.get('/admin/accounts');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in?next=%2Fadmin%2Faccounts');
  });

  test('an account without the role gets "Page not found", not a hint that the page exists', async () => {
    const { agent } = await signedInAs(ctx, ['practitioner']);
    const response = await agent.get('/admin/accounts');
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page not found/);
  });

  test('an account holding several roles gets the pages of each', async () => {
    const { agent } = await signedInAs(ctx, ['lead', 'person']);
    assert.equal((await agent.get('/admin/accounts')).statusCode, 200);
    const home = await agent.get('/');
    assert.match(home.body, /href="\/admin\/accounts"/);
    assert.match(home.body, /href="\/me"/);
  });
});
