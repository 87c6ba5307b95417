// The demo service: Sam's pages show something real, and the demo previous name never shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemo } from '../../demo/seed.ts';
import { Agent, forEachDialect } from '../../../test/helpers.ts';
import { DEMO_PREVIOUS_NAME } from './demo.ts';

const PASSWORD = 'demo password for the record tests';

forEachDialect('Record demo', (ctx) => {
  void test('Sam is on Priya’s caseload with a profile, priorities, notes, a letter to review and a correction request', async () => {
    const ids = await seedDemo(ctx.db, ctx.config, PASSWORD);
    const sam = new Agent(ctx.app);
    await sam.signIn('person@example.org', PASSWORD);
    const priya = new Agent(ctx.app);
    await priya.signIn('practitioner@example.org', PASSWORD);
    const pages: string[] = [];

    const me = await sam.get('/me');
    pages.push(me.body);
    assert.match(me.body, /they\/them/);
    assert.match(me.body, /1 name protected/);
    assert.match(me.body, /1 letter is waiting for you to review/);
    assert.match(me.body, /Waiting-time support/);

    const record = await sam.get('/me/record');
    pages.push(record.body);
    for (const title of ['First appointment', 'Voice therapy: first session', 'Care plan', 'Letter to GP about shared care']) assert.match(record.body, new RegExp(title));
    assert.match(record.body, /Waiting for review/);

    const people = await priya.get('/people');
    pages.push(people.body);
    assert.match(people.body, /Sam Rivera<\/a><\/span><\/td><td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table__heading" aria-hidden="true">Pronouns <\/span><span>they\/them<\/span><\/td><td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table__heading" aria-hidden="true">Correction requests waiting <\/span><span>1<\/span><\/td>/);
    const page = await priya.get(`/people/${ids.person}`);
    pages.push(page.body);
    assert.match(page.body, /Knowing where I am on the list/);
    const entries = await ctx.db.selectFrom('record_entries').select(['id']).where('person_id', '=', ids.person).execute();
    for (const e of entries) {
      pages.push((await sam.get(`/me/record/${e.id}`)).body, (await priya.get(`/people/${ids.person}/record/${e.id}`)).body);
    }
    assert.ok(pages.some((p) => /Correction request[^]*Waiting for an answer/.test(p)));
    pages.push((await sam.get('/me/access-log')).body, (await sam.get('/me/download.json')).body, (await priya.get(`/api/v1/fhir/Patient/${ids.person}`)).body);
    assert.match(pages.at(-3)!, /Priya Shah/);

    const [given, family] = DEMO_PREVIOUS_NAME.split(' ');
    assert.ok(given && family);
    for (const body of pages) assert.doesNotMatch(body, new RegExp(given, 'i'));
  });
});
