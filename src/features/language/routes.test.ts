import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { languageGuide } from './guide-data.ts';

forEachDialect('the language guide in the app', (ctx) => {
  test('the public guide lists every entry, grouped, with its reason and source', async () => {
    const response = await new Agent(ctx.app).get('/language-guide');
    assert.equal(response.statusCode, 200);
    for (const heading of ['Trans-inclusive language', 'Person-centred language', 'Clinical documentation']) {
      assert.match(response.body, new RegExp(`<h2 id="[a-z-]+">${heading}</h2>`));
    }
    for (const entry of languageGuide) assert.ok(response.body.includes(`id="entry-${entry.id}"`), `${entry.id} is listed`);
    assert.match(response.body, /GLAAD Media Reference Guide/);
    const stored = await ctx.db.selectFrom('language_guide_entries').select('id').execute();
    assert.equal(stored.length, languageGuide.length, 'the guide is held in the database');
  });

  test('anyone can check text without JavaScript and sees findings marked in place', async () => {
    const agent = new Agent(ctx.app);
    await agent.get('/language-guide/check');
    const text = 'The patient complains of pain & refused treatment. <b>bold</b>';
    const response = await agent.post('/language-guide/check', { text });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<mark class="app-finding app-finding--(warn|info)"><a href="#finding-1">complains of/);
    assert.match(response.body, /<mark class="app-finding app-finding--(warn|info)"><a href="#finding-\d">refused/);
    assert.match(response.body, /id="finding-1"/);
    assert.match(response.body, /reports|describes/);
    // What they pasted is kept, escaped, in the box to check again.
    assert.match(response.body, /pain &amp; refused treatment. &lt;b&gt;bold&lt;\/b&gt;<\/textarea>/);
  });

  test('an empty check says what to do and is not an error page', async () => {
    const agent = new Agent(ctx.app);
    await agent.get('/language-guide/check');
    const response = await agent.post('/language-guide/check', { text: '   ' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Enter some text to check/);
    assert.match(response.body, /href="#text"/);
  });

  test('staff call the check API; visitors and people using the service cannot', async () => {
    const { agent } = await signedInAs(ctx, ['practitioner']);
    const response = await agent.json('POST', '/api/v1/language/check', { text: 'She is wheelchair-bound and a diabetic.' });
    assert.equal(response.statusCode, 200);
    const body = response.json<{ words: number; findings: Array<{ ruleId: string; start: number; end: number; severity: string }> }>();
    assert.equal(body.words, 6, "a hyphenated word counts once");
    const ids = body.findings.map((f) => f.ruleId);
    assert.ok(ids.some((id) => id.includes('wheelchair')), 'wheelchair-bound is found');
    const first = body.findings[0]!;
    assert.equal('She is wheelchair-bound and a diabetic.'.slice(first.start, first.end).length > 0, true);

    const bad = await agent.json('POST', '/api/v1/language/check', { personId: 'not-an-id' });
    assert.equal(bad.statusCode, 400);
    assert.ok(Array.isArray(bad.json<{ fields: unknown[] }>().fields));

    const anonymous = await new Agent(ctx.app).json('POST', '/api/v1/language/check', { text: 'x' });
    assert.equal(anonymous.statusCode, 401);
    const { agent: person } = await signedInAs(ctx, ['person']);
    assert.equal((await person.json('POST', '/api/v1/language/check', { text: 'x' })).statusCode, 404);
  });
});
