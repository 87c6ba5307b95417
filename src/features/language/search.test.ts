// Searching the language guide: server-side, without JavaScript, with the database's own
// full-text search (FTS5 on SQLite, tsvector on PostgreSQL), kept up to date by triggers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect } from '../../../test/helpers.ts';
import { searchGuide } from './service.ts';

const entryIds = (body: string) => [...body.matchAll(/id="entry-([a-z0-9-]+)"/g)].map((m) => m[1]);

forEachDialect('searching the language guide', (ctx) => {
  test('finds entries by a term, a variant, a suggestion or the start of a word, and says how many', async () => {
    const agent = new Agent(ctx.app);
    const byTerm = await agent.get('/language-guide?q=transgendered');
    assert.equal(byTerm.statusCode, 200);
    assert.ok(entryIds(byTerm.body).includes('transgendered'), 'a term');
    assert.match(byTerm.body, /entr(y matches|ies match) “transgendered”/);
    assert.ok(entryIds((await agent.get('/language-guide?q=genetically+female')).body).includes('biologically-male'), 'a variant of the term');
    assert.ok(entryIds((await agent.get('/language-guide?q=assigned+at+birth')).body).includes('biologically-male'), 'a suggestion');
    assert.ok(entryIds((await agent.get('/language-guide?q=trann')).body).includes('tranny'), 'the start of a word');
    const none = await agent.get('/language-guide?q=zebra+crossing');
    assert.deepEqual(entryIds(none.body), []);
    assert.match(none.body, /0 entries match “zebra crossing”/);
    assert.match(none.body, /value="zebra crossing"/, 'what was typed is kept in the box');
  });

  test('query syntax, quotes and very long text are words, never an error', async () => {
    const agent = new Agent(ctx.app);
    for (const q of ['"', 'born OR NOT *', 'body:male', "'); drop table language_guide_entries; --", 'a'.repeat(5000), '\u0000%_']) {
      const response = await agent.get(`/language-guide?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200, `searching for ${q.slice(0, 40)}`);
    }
    assert.ok((await ctx.db.selectFrom('language_guide_entries').select('id').execute()).length > 0);
  });

  test('the index follows the guide: a retired entry is no longer found, a restored one is', async () => {
    await new Agent(ctx.app).get('/language-guide');
    assert.ok((await searchGuide(ctx.db, 'tranny')).some((r) => r.entry.id === 'tranny'));
    await ctx.db.updateTable('language_guide_entries').set({ active: 0 }).where('id', '=', 'tranny').execute();
    assert.ok(!(await searchGuide(ctx.db, 'tranny')).some((r) => r.entry.id === 'tranny'), 'retired');
    await ctx.db.updateTable('language_guide_entries').set({ active: 1 }).where('id', '=', 'tranny').execute();
    assert.ok((await searchGuide(ctx.db, 'tranny')).some((r) => r.entry.id === 'tranny'), 'restored');
  });
});
