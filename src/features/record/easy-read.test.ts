// Easy read honoured: a person who chose easy read in About me gets easy-read versions of the
// pages they use most (their home page, About me, a record entry and a letter's review, how to
// give feedback, and the crisis help on every page), with the full version one link away; a person
// who did not choose it, and staff, see the full pages (with a link to the easy-read version).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect } from '../../../test/helpers.ts';
import { aPersonOnACaseload, aboutMeForm, type Pair } from './test-builders.ts';

/** What only the easy-read versions say, page by page. */
const EASY = {
  home: 'This is <strong>your home page</strong>.',
  me: '<strong>About me</strong> is about you, in your words.',
  letter: [
    'We <strong>will not send it</strong> until you tell us.',
    '<strong>It can be sent.</strong> You are happy with the letter.',
    '<strong>Please don’t send it yet.</strong> You want to talk about it first. Tell us why.',
    '<strong>Ask for a correction.</strong> Something in the letter is wrong. Tell us what to change.',
  ],
  note: '<strong>Add your view.</strong> Say what you think, in your words.',
  feedback: 'This form is <strong>not for emergencies</strong>.',
  crisis: 'Are you <strong>in danger</strong> now?',
};
const CRISIS_FULL = 'If you are in crisis, <a href="tel:999">call 999</a> or go to A&amp;E if you are safe to do so. You are not alone.';
const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)![0];

forEachDialect('Easy read', (ctx) => {
  /** A person on a caseload with the communication needs given, a letter and a note waiting for them. */
  async function aPersonWith(needs: string[], name: string): Promise<Pair & { letterId: string; noteId: string }> {
    const pair = await aPersonOnACaseload(ctx, name);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ nameToUse: name.split(' ')[0]!, communicationNeeds: needs }))).statusCode, 303);
    const letter = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=letter`, { title: 'Letter to your GP', body: 'Dear Dr Patel,\n\nWe met today and talked about starting hormones, with shared care between us and your surgery.', recipient: 'Dr A Patel, Riverside Surgery, 1 High Street' });
    const note = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=note`, { title: 'First appointment', body: 'We talked about what matters most, and agreed to meet again next month.' });
    return { ...pair, letterId: letter.headers.location!.split('/').pop()!, noteId: note.headers.location!.split('/').pop()! };
  }

  async function pages(agent: Agent, ids: { letterId: string; noteId: string }, query = '') {
    const get = async (url: string) => {
      const res = await agent.get(url + query);
      assert.equal(res.statusCode, 200, `GET ${url}${query}`);
      return res.body;
    };
    return { home: await get('/'), me: await get('/me'), letter: await get(`/me/record/${ids.letterId}`), note: await get(`/me/record/${ids.noteId}`), feedback: await get('/feedback') };
  }

  void test('a person who chose easy read sees the easy-read versions, with the full version one link away', async () => {
    const sam = await aPersonWith(['easy-read'], 'Sam Rivera');
    const seen = await pages(sam.person.agent, sam);
    assert.ok(main(seen.home).includes(EASY.home));
    assert.match(main(seen.home), /Hello, <strong>Sam Rivera<\/strong>/);
    assert.match(main(seen.home), new RegExp(`<a href="/me/record/${sam.letterId}"><strong>A letter is waiting for you to review`));
    assert.ok(main(seen.me).includes(EASY.me));
    assert.match(main(seen.me), /Your <strong>name<\/strong> is Sam\./);
    assert.match(main(seen.me), /You asked for: <strong>easy read<\/strong>\./);
    for (const words of EASY.letter) assert.ok(main(seen.letter).includes(words), words);
    assert.match(main(seen.letter), /It is to <strong>Dr A Patel<\/strong>\./);
    // The letter itself and the one decision are still there.
    assert.match(seen.letter, /<article class="app-letter"/);
    assert.match(seen.letter, /name="decision" type="radio" value="hold"/);
    assert.ok(main(seen.note).includes(EASY.note));
    assert.match(main(seen.note), /<strong>Priya Shah<\/strong> wrote it\./);
    assert.ok(main(seen.feedback).includes(EASY.feedback));
    assert.match(seen.feedback, /<form method="post" action="\/feedback"/);
    for (const [url, body] of Object.entries(seen)) {
      // Crisis help in easy read, every number still a tap away.
      assert.ok(body.includes(EASY.crisis), `${url}: crisis help in easy read`);
      assert.match(body, /<a href="tel:999"><strong>Call 999<\/strong><\/a>/);
      for (const line of ctx.config.helplines) assert.ok(body.includes(`<strong>${line.name}</strong>`), `${url}: ${line.name}`);
      assert.match(body, /\?version=full">Read the full version of this page<\/a>/, `${url}: the full version one link away`);
      // A simple picture beside each point, drawn inline, hidden from screen readers.
      assert.match(body, /<li class="app-easy-read__point"><svg class="app-easy-read__picture"[^>]*aria-hidden="true" focusable="false">/);
      assert.doesNotMatch(body, /<img /);
    }

    // The full version, when asked for: no easy read in it, and the way back.
    const full = await pages(sam.person.agent, sam, '?version=full');
    assert.match(full.me, /Practitioners working with you see it first/);
    assert.match(full.letter, /Can this letter be sent\?/);
    for (const [url, body] of Object.entries(full)) {
      assert.ok(!body.includes('app-easy-read__point'), `${url}?version=full is the full page`);
      assert.ok(body.includes(CRISIS_FULL));
      assert.match(body, /\?version=easy">Read this page in easy read<\/a>/);
    }
  });

  void test('a person who did not choose easy read, and staff, see the full pages, with a link to easy read', async () => {
    const alex = await aPersonWith(['large-print'], 'Alex Moreno');
    const seen = await pages(alex.person.agent, alex);
    for (const [url, body] of Object.entries(seen)) {
      assert.ok(!body.includes('app-easy-read__point'), `${url}: no easy read`);
      for (const words of [EASY.home, EASY.me, ...EASY.letter, EASY.note, EASY.feedback, EASY.crisis]) assert.ok(!body.includes(words), `${url}: not “${words}”`);
      assert.ok(body.includes(CRISIS_FULL), `${url}: the full crisis help`);
      assert.match(body, /\?version=easy">Read this page in easy read<\/a>/);
    }
    assert.match(seen.home, /Your home page/);
    assert.match(seen.letter, /Can this letter be sent\?/);
    // Easy read is someone's own choice: their practitioner's pages stay as they were.
    for (const url of ['/', `/people/${alex.person.id}`, '/feedback']) {
      const body = (await alex.practitioner.agent.get(url)).body;
      assert.ok(!body.includes('app-easy-read__point'), `practitioner ${url}`);
    }
    // Anyone may ask for it: the feedback page in easy read, signed out.
    const visitor = (await new Agent(ctx.app).get('/feedback?version=easy')).body;
    assert.ok(visitor.includes(EASY.feedback) && visitor.includes(EASY.crisis));
    assert.match(visitor, /We <strong>do not know who you are<\/strong>/);
  });

  void test('a letter review sent with something missing comes back in easy read, with what was typed kept', async () => {
    const sam = await aPersonWith(['easy-read', 'large-print'], 'Sam Rivera');
    const res = await sam.person.agent.post(`/me/record/${sam.letterId}/review`, { decision: 'hold', holdReason: '', correction: '', body: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    for (const words of EASY.letter) assert.ok(res.body.includes(words), words);
    assert.match(res.body, /value="hold" checked/);
    assert.match(res.body, /<html lang="en" class="app-large-print">/, 'large print kept too');
    assert.ok(res.body.includes(EASY.crisis));
  });
});
