// GET /api/openapi.json: a valid OpenAPI 3.1 document (checked against the OpenAPI schema by a
// validator package), describing every route the app registers under /api/ and nothing else.
// A new API route that the document misses fails here.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestApp, type TestContext } from './helpers.ts';

let ctx: TestContext;
before(async () => {
  ctx = await startTestApp('sqlite');
});
after(async () => ctx.close());

async function document(): Promise<{ openapi: string; paths: Record<string, Record<string, unknown>> }> {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  return response.json();
}

test('the document is valid OpenAPI 3.1', async () => {
  const doc = await document();
  assert.equal(doc.openapi, '3.1.0');
  const result = await new Validator().validate(doc);
  assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors, null, 2));
  assert.equal(result.valid, true);
});

test('every route under /api/ is in the document, and no page is', async () => {
  const doc = await document();
  const apiRoutes = ctx.app.registeredRoutes
    .filter((route) => route.url.startsWith('/api/'))
    .flatMap((route) => (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({ method: String(method).toLowerCase(), url: route.url })))
    .filter(({ method }) => method !== 'head');
  assert.ok(apiRoutes.length >= 4, 'the app registers its API routes');
  for (const { method, url } of apiRoutes) {
    const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
    assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${url} is missing from /api/openapi.json`);
  }
  for (const path of Object.keys(doc.paths)) assert.ok(path.startsWith('/api/'), `${path} is not an API route`);
});

test('the FHIR Patient route is described with its id parameter', async () => {
  const doc = await document();
  const get = doc.paths['/api/v1/fhir/Patient/{id}']?.get as { parameters?: Array<{ name: string; in: string }> } | undefined;
  assert.ok(get?.parameters?.some((p) => p.name === 'id' && p.in === 'path'));
});
