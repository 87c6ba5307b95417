// A person's own words beside their record that suggest they may be at risk: raised in the duty
// queue at once (the practitioner they wrote to still reads them), and the next page puts crisis
// help first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { aPersonOnACaseload, signedIn } from './test-builders.ts';

forEachDialect('disclosures beside the record', (ctx) => {
  test("a person's view that suggests risk reaches the duty queue, and the help comes first on the page they land on", async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    await practitioner.agent.get(`/people/${person.id}/record?kind=note`);
    assert.equal((await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Review call', body: 'Sam called to ask about the waiting list.' })).statusCode, 303);
    const entry = await ctx.db.selectFrom('record_entries').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    const words = "I can't go on like this. Some nights I think about ending my life while I wait.";
    await person.agent.get(`/me/record/${entry.id}`);
    const sent = await person.agent.post(`/me/record/${entry.id}/respond`, { kind: 'view', body: words });
    assert.equal(sent.statusCode, 303);

    const landed = (await person.agent.get(String(sent.headers.location))).body;
    assert.match(landed, /our duty team has been told/);
    const help = landed.indexOf('id="get-help"');
    assert.ok(help > landed.indexOf('<main') && help < landed.indexOf('<h1'), 'the crisis help comes before the page itself');
    const later = (await person.agent.get(`/me/record/${entry.id}`)).body;
    assert.ok(later.indexOf('id="get-help"') > later.indexOf('<h1'), 'once only: the next page has the help in its usual place');

    const alert = await ctx.db.selectFrom('duty_alerts').selectAll().where('source', '=', 'record-response').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(alert.body, words);
    const onDuty = await signedIn(ctx, ['practitioner', 'duty']);
    assert.ok((await onDuty.agent.get(`/duty/${alert.id}`)).body.includes('ending my life'), 'the duty team reads it at once');
    assert.ok((await practitioner.agent.get(`/people/${person.id}/record/${entry.id}`)).body.includes('ending my life'), 'the practitioner it was written to still reads it');

    const calm = await person.agent.post(`/me/record/${entry.id}/respond`, { kind: 'view', body: 'This wait is killing me, but the call helped.' });
    assert.equal(calm.statusCode, 303);
    assert.equal((await ctx.db.selectFrom('duty_alerts').select('id').where('person_id', '=', person.id).execute()).length, 1, 'an everyday idiom raises nothing');
  });
});
