// The guard as an oracle: a writer guessing at a person's protected (previous) name by trying
// candidates against the check API or the editor. Every stop is in the person's access log
// (never the name); after NAME_STOP_LIMIT stops in 24 hours for one writer and person, nothing
// says where the name was; the person and the lead are told; a self-granted access cannot check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { sendNoticeDigests } from '../accounts/index.ts';
import * as repo from './repository.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn, type Pair } from './test-builders.ts';

const PREVIOUS = 'Ignatius';
const CANDIDATES = ['Oliver', 'Harry', 'George', 'Noah', 'Jack', 'Leo', 'Arthur', 'Ignatius', 'Oscar', 'Charlie'];

interface Finding {
  category: string;
  severity: string;
  start: number;
  end: number;
  message: string;
}

forEachDialect('Probing for a protected name', (ctx) => {
  async function setUp(): Promise<Pair> {
    const pair = await aPersonOnACaseload(ctx);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', pronouns: ['they/them'] }))).statusCode, 303);
    assert.equal((await pair.person.agent.post('/me/previous-names', { previousName: PREVIOUS })).statusCode, 303);
    return pair;
  }

  const stopRows = async (personId: string) =>
    (await ctx.db.selectFrom('access_log').select(['viewer_id', 'what', 'why']).where('person_id', '=', personId).where('what', 'like', '%name you asked us to protect%').execute());

  const mailFor = async (purpose: string) => (await ctx.db.selectFrom('outbox').select(['to_address', 'body_text', 'subject']).where('purpose', '=', purpose).execute());

  void test('a list of candidate names in one request is a stop the person reads in their access log, never the name', async () => {
    const { person, practitioner } = await setUp();
    const text = `Names to try: ${CANDIDATES.join(', ')}.`;
    const res = await practitioner.agent.json('POST', '/api/v1/language/check', { text, personId: person.id });
    assert.equal(res.statusCode, 200);
    const names = res.json<{ findings: Finding[] }>().findings.filter((f) => f.category === 'previous-name');
    assert.equal(names.length, 1, 'the first stops still say where, so an honest writer can find their slip');
    assert.doesNotMatch(res.body, /Ignatius/i);
    const rows = await stopRows(person.id);
    assert.deepEqual(rows, [{ viewer_id: practitioner.id, what: 'A note by Priya Shah was stopped because it held a name you asked us to protect', why: 'Checked while writing about you' }]);
    const log = await person.agent.get('/me/access-log');
    assert.match(log.body, /A note by Priya Shah was stopped because it held a name you asked us to protect/);
    assert.doesNotMatch(log.body, /Ignatius/i);
  });

  void test('26 probing calls: positions in the first 3 stops only, each stop logged, the person and the lead told once', async () => {
    const { person, practitioner } = await setUp();
    const lead = await signedIn(ctx, ['lead'], 'Lee Lead');
    let withPosition = 0;
    let refusedWhole = 0;
    for (let call = 0; call < 26; call += 1) {
      // Half the candidates each time, as a binary search would: the name is in every other call.
      const list = call % 2 === 0 ? CANDIDATES.slice(5) : CANDIDATES.slice(0, 5);
      const text = `Seen today. ${list.join(' and ')} came too.`;
      const res = await practitioner.agent.json('POST', '/api/v1/language/check', { text, personId: person.id });
      assert.equal(res.statusCode, 200);
      const names = res.json<{ findings: Finding[] }>().findings.filter((f) => f.category === 'previous-name');
      if (!names.length) continue;
      assert.equal(names.length, 1);
      if (names[0]!.start === 0 && names[0]!.end === text.length) refusedWhole += 1;
      else {
        assert.equal(text.slice(names[0]!.start, names[0]!.end), PREVIOUS);
        withPosition += 1;
      }
    }
    assert.equal(withPosition, 3, 'positions are given for three stops only');
    assert.equal(refusedWhole, 10, 'after that the text is refused as a whole');
    assert.equal((await stopRows(person.id)).length, 13, 'every stop is in the person’s access log');

    // The editor, too, stops saying where: the text is refused as a whole and not shown back.
    const save = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Clinic visit', body: 'Sam came in. Ignatius was mentioned. Sam is well.' });
    assert.equal(save.statusCode, 400);
    assert.doesNotMatch(save.body, /Ignatius/i);
    assert.doesNotMatch(save.body, /Sam came in\./, 'no part of the refused text is shown back to say where the name was');
    assert.match(save.body, /we no longer say where/i);
    assert.equal((await stopRows(person.id)).length, 14);

    // Told once each, in a discreet notice that names nobody.
    const leadMail = await mailFor('previous-name-stops-lead');
    assert.deepEqual(await ctx.db.selectFrom('notices').select('purpose').where('account_id', '=', person.id).where('purpose', '=', 'previous-name-stops').execute(), [{ purpose: 'previous-name-stops' }]);
    assert.match((await person.agent.get('/')).body, /Writing about you was stopped several times/);
    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * 60_000));
    const personMail = await ctx.db.selectFrom('outbox').select(['to_address', 'body_text', 'subject']).where('purpose', '=', 'updates-digest').where('to_address', '=', person.email).execute();
    assert.equal(personMail.length, 1);
    assert.deepEqual(leadMail.map((m) => m.to_address), [lead.email]);
    assert.doesNotMatch(JSON.stringify([personMail, leadMail]), /Ignatius|Priya|Sam/i);

    // Another practitioner with the person on their caseload is not affected by this writer's stops.
    const colleague = await signedIn(ctx, ['practitioner'], 'Cleo Colleague');
    await repo.addToCaseload(ctx.db, colleague.id, person.id, null);
    await colleague.agent.get('/');
    const theirs = await colleague.agent.json('POST', '/api/v1/language/check', { text: 'Ignatius said hello.', personId: person.id });
    const found = theirs.json<{ findings: Finding[] }>().findings.find((f) => f.category === 'previous-name');
    assert.deepEqual([found?.start, found?.end], [0, PREVIOUS.length]);
  });

  void test('a self-granted time-limited access does not enable checks against the person’s names', async () => {
    const { person } = await setUp();
    const covering = await signedIn(ctx, ['practitioner'], 'Casey Cover');
    assert.equal((await covering.agent.post('/people/access', { email: person.email, reason: 'Covering the duty clinic today', hours: '4' })).statusCode, 303);
    assert.equal((await covering.agent.get(`/people/${person.id}`)).statusCode, 200, 'the access itself works');
    const res = await covering.agent.json('POST', '/api/v1/language/check', { text: `${CANDIDATES.join(', ')}.`, personId: person.id });
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /previous-name/);
    // A check without the person says nothing about their names.
    const plain = await covering.agent.json('POST', '/api/v1/language/check', { text: `${CANDIDATES.join(', ')}.` });
    assert.equal(plain.statusCode, 200);
    assert.doesNotMatch(plain.body, /previous-name/);
  });
});
