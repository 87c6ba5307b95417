// One-click fixes in the record editor: a safe replacement the guard offers is made by a button
// in the same form, at the offset the page showed, only where those words are still there; the
// text is checked again and shown with everything else as typed, and nothing is saved until Save.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { applyOfferedFixes, fixLabels, fixScope, offeredFixes, readFixes, signFixes, type OfferedFix } from './fixes.ts';
import { NAME_REMOVED } from './guard.ts';
import { aPersonOnACaseload, aboutMeForm } from './test-builders.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('fixes offered and made (pure)', () => {
  const her: OfferedFix = { field: 'body', start: 57, end: 60, words: 'her', replacement: 'their', line: 2 };
  const body = 'Dear Dr Patel,\nRobin is a thoughtful young person and we talked about her plans for college.';
  void test('a fix is made at its offset, and only there', () => {
    const at = body.indexOf('her plans');
    const fix = { ...her, start: at, end: at + 3 };
    const outcome = applyOfferedFixes({ title: 'Clinic letter', body, recipient: '' }, [fix], '0');
    assert.ok(outcome.ok);
    assert.equal(outcome.values.body, body.replace('her plans', 'their plans'));
    assert.equal(outcome.values.title, 'Clinic letter');
  });

  void test('text edited before the button was pressed: the offset moved, or the words changed, and nothing is changed', () => {
    const at = body.indexOf('her plans');
    const fix = { ...her, start: at, end: at + 3 };
    const moved = applyOfferedFixes({ body: `Re: Robin Hale\n${body}` }, [fix], '0');
    assert.deepEqual(moved, { ok: false, why: 'moved', fix });
    const changed = applyOfferedFixes({ body: body.replace('her plans', 'the plans') }, [fix], '0');
    assert.equal(changed.ok, false);
    assert.equal(!changed.ok && changed.why, 'moved');
    // "all": one fix no longer in place, and none is made.
    const at2 = body.indexOf('thoughtful');
    const all = applyOfferedFixes({ body }, [fix, { ...her, start: at2, end: at2 + 3, words: 'man' }], 'all');
    assert.equal(!all.ok && all.why, 'moved');
  });

  void test('the same words twice on one line: each button says which it changes, so no two read the same', () => {
    const line = 'Sam came with her partner and talked about her week.';
    const first = line.indexOf('her partner');
    const second = line.indexOf('her week');
    const fixes: OfferedFix[] = [
      { ...her, start: second, end: second + 3, line: 1 },
      { ...her, start: first, end: first + 3, line: 1 },
      { ...her, field: 'title', start: 0, end: 3, line: 1 },
      { ...her, start: 200, end: 203, line: 4 },
    ];
    assert.deepEqual(fixLabels(fixes), [
      'Change the second ‘her’ to ‘their’ (line 1)',
      'Change the first ‘her’ to ‘their’ (line 1)',
      'Change ‘her’ to ‘their’ (the title)',
      'Change ‘her’ to ‘their’ (line 4)',
    ]);
    assert.equal(new Set(fixLabels(fixes)).size, fixes.length);
  });

  void test('a button naming no fix offered (out of range, not a number, none offered) is refused', () => {
    for (const choice of ['1', '9999', '-1', '0x0', '1e0', 'their', '']) assert.equal((applyOfferedFixes({ body }, [her], choice) as { why?: string }).why, 'unknown', choice);
    assert.equal((applyOfferedFixes({ body }, [], 'all') as { why?: string }).why, 'unknown');
    assert.equal((applyOfferedFixes({ body }, undefined, '0') as { why?: string }).why, 'forged');
  });

  void test('the fixes a form carries back are ours and for this entry only: forged, altered or another entry’s are refused', () => {
    const token = signFixes(SECRET, fixScope('person-1', 'entry-a'), [her]);
    assert.deepEqual(readFixes(SECRET, fixScope('person-1', 'entry-a'), token), [her]);
    assert.equal(readFixes(SECRET, fixScope('person-1', 'entry-b'), token), undefined, 'another entry');
    assert.equal(readFixes(SECRET, fixScope('person-1'), token), undefined, 'a new entry');
    assert.equal(readFixes(SECRET, fixScope('person-2', 'entry-a'), token), undefined, 'another person');
    assert.equal(readFixes('another-secret-another-secret-another', fixScope('person-1', 'entry-a'), token), undefined);
    // The replacement altered to write something else, signature kept.
    const [payload, sig] = token.split('.');
    const altered = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('their', 'HIS')).toString('base64url');
    assert.equal(readFixes(SECRET, fixScope('person-1', 'entry-a'), `${altered}.${sig}`), undefined);
    for (const junk of ['', '.', 'abc', `${payload}.`, `${payload}.${sig}.x`, '%%%.%%%']) assert.equal(readFixes(SECRET, fixScope('person-1', 'entry-a'), junk), undefined, junk);
  });

  void test('offsets follow the text as shown: a previous name shown as [name removed] moves what comes after it', () => {
    const text = 'Jo Bloggs came. Jo said her week was hard.';
    const name = { ruleId: 'previous-name', category: 'previous-name' as const, severity: 'block' as const, start: 0, end: 9, line: 1, column: 1, message: '', reason: '', suggestions: [], field: 'body', fix: { start: 0, end: 9, replacement: 'Robin Hale' } };
    const at = text.indexOf('her');
    const pronoun = { ruleId: 'pronoun', category: 'pronoun' as const, severity: 'warn' as const, start: at, end: at + 3, line: 1, column: at + 1, message: '', reason: '', suggestions: ['their'], field: 'body', fix: { start: at, end: at + 3, replacement: 'their' } };
    const info = { ...pronoun, severity: 'info' as const, start: 16, end: 18, fix: { start: 16, end: 18, replacement: 'x' } };
    const fixes = offeredFixes({ body: text }, [name, pronoun, info]);
    assert.equal(fixes.length, 2, 'an info finding gets no button');
    const shown = NAME_REMOVED + text.slice(9);
    const outcome = applyOfferedFixes({ body: shown }, fixes, 'all');
    assert.ok(outcome.ok);
    assert.equal(outcome.values.body, 'Robin Hale came. Jo said their week was hard.');
  });
});

forEachDialect('One-click fixes in the record editor', (ctx) => {
  async function robin() {
    const pair = await aPersonOnACaseload(ctx, 'Robin Hale');
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Robin Hale', pronouns: ['they/them'], genderWords: 'person', avoid: '' }))).statusCode, 303);
    return pair;
  }
  const LETTER = {
    title: 'Clinic letter',
    recipient: 'Dr A Patel, Riverside Surgery',
    body: 'Dear Dr Patel,\n\nRe: Robin Hale\n\nI saw Robin in clinic today with their father. Robin is a thoughtful young person and we talked about her plans for college. Their father said he has been driving Robin to every appointment.\n\nRobin would like the GP to start the blood tests.\n\nYours sincerely,\nPriya Shah',
  };
  const token = (html: string) => /name="fixes" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const textarea = (html: string) => /<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1]?.trim() ?? '';

  void test('the button makes the change, checks again and keeps everything typed; nothing is saved until Save', async () => {
    const { person, practitioner } = await robin();
    const url = `/people/${person.id}/record?kind=letter`;
    const stopped = await practitioner.agent.post(url, LETTER);
    assert.equal(stopped.statusCode, 400);
    assert.match(stopped.body, /Change ‘her’ to ‘their’ \(line 5\)/);
    assert.doesNotMatch(stopped.body, /Change ‘he’/, 'the father’s pronoun is not Robin’s: no button');
    const index = /<button[^>]*name="fix"[^>]*value="(\d+)"[^>]*>\s*Change ‘her’ to ‘their’/.exec(stopped.body)?.[1];
    assert.ok(index !== undefined);
    const fixed = await practitioner.agent.post(url, { ...LETTER, fixes: token(stopped.body), fix: index });
    assert.equal(fixed.statusCode, 200, fixed.body.slice(0, 2000));
    assert.match(fixed.body, /Changed ‘her’ to ‘their’ \(line 5\)\. Nothing is saved until you press Save/);
    assert.match(textarea(fixed.body), /we talked about their plans for college\. Their father said he has been driving Robin/);
    assert.match(fixed.body, /value="Dr A Patel, Riverside Surgery"/, 'the recipient is kept');
    assert.doesNotMatch(fixed.body, /The language guard found/, 'nothing left to look at');
    assert.equal((await ctx.db.selectFrom('record_entries').selectAll().where('person_id', '=', person.id).execute()).length, 0, 'nothing saved');
    const saved = await practitioner.agent.post(url, { ...LETTER, body: LETTER.body.replace('her plans', 'their plans') });
    assert.equal(saved.statusCode, 303);
  });

  void test('a previous name: shown only as [name removed], replaced by the name used now where the guard says it is safe, and never in the fixes the form carries', async () => {
    const { person, practitioner } = await robin();
    assert.equal((await person.agent.post('/me/previous-names', { previousName: 'Joanna Bloggs' })).statusCode, 303);
    const url = `/people/${person.id}/record?kind=note`;
    const form = { title: 'Clinic', body: 'Joanna Bloggs came to clinic with their father. We talked about her plans for college.' };
    const stopped = await practitioner.agent.post(url, form);
    assert.equal(stopped.statusCode, 400);
    assert.doesNotMatch(stopped.body, /Joanna|Bloggs/);
    assert.doesNotMatch(Buffer.from(token(stopped.body).split('.')[0]!, 'base64url').toString(), /Joanna|Bloggs/);
    assert.match(stopped.body, /Change \[name removed\] to ‘Robin Hale’ \(line 1\)/);
    assert.match(stopped.body, /<button[^>]*name="fix"[^>]*value="all"[^>]*>\s*Make all 2 safe changes/);
    // Both at once, on the text as the page showed it.
    const all = await practitioner.agent.post(url, { title: 'Clinic', body: textarea(stopped.body), fixes: token(stopped.body), fix: 'all' });
    assert.equal(all.statusCode, 200, all.body.slice(0, 1500));
    assert.equal(textarea(all.body), 'Robin Hale came to clinic with their father. We talked about their plans for college.');
    assert.doesNotMatch(all.body, /Joanna|Bloggs/);
  });

  void test('changing a saved entry: the fix is made in that entry’s editor only, what changed and why is kept, and the version saved is the one after Save', async () => {
    const { person, practitioner } = await robin();
    const first = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Clinic', body: 'Robin came to clinic with their father. We talked about the plans for college.' });
    const second = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Phone call', body: 'Robin rang about the plans for college.' });
    const [a, b] = [first.headers.location!, second.headers.location!];
    const changed = { title: 'Clinic', body: 'Robin came to clinic with their father. We talked about her plans for college.', changeReason: 'Added what we talked about' };
    const stopped = await practitioner.agent.post(a, changed);
    assert.equal(stopped.statusCode, 400);
    assert.match(stopped.body, /Change ‘her’ to ‘their’ \(line 1\)/);
    // The same fix sent to the other entry's editor, whose text has the same words at that place, is refused.
    const other = await practitioner.agent.post(b, { ...changed, fixes: token(stopped.body), fix: '0' });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /We could not make that change/);
    assert.match(textarea(other.body), /about her plans/);
    const fixed = await practitioner.agent.post(a, { ...changed, revision: '1', fixes: token(stopped.body), fix: '0' });
    assert.equal(fixed.statusCode, 200, fixed.body.slice(0, 1500));
    assert.match(textarea(fixed.body), /about their plans for college/);
    assert.match(fixed.body, /Added what we talked about/, 'what changed and why is kept');
    assert.match(fixed.body, /name="revision" value="1"/, 'still based on the version the editor showed');
    const rows = await ctx.db.selectFrom('record_entries').select(['title', 'revision', 'body']).where('person_id', '=', person.id).orderBy('title').execute();
    assert.deepEqual(rows.map((r) => [r.title, r.revision]), [['Clinic', 1], ['Phone call', 1]], 'nothing saved by the fix');
    assert.equal((await practitioner.agent.post(a, { ...changed, body: textarea(fixed.body).replace(/&#39;|&quot;/g, ''), revision: '1' })).statusCode, 303);
  });

  void test('a forged, out-of-range or moved fix, or another entry’s: a clear message, the text as typed, never a 500', async () => {
    const { person, practitioner } = await robin();
    const url = `/people/${person.id}/record?kind=letter`;
    const stopped = await practitioner.agent.post(url, LETTER);
    const fixes = token(stopped.body);
    for (const [form, message] of [
      [{ fixes, fix: '99' }, /We could not make that change: it was not one this page offered/],
      [{ fixes: 'forged.token', fix: '0' }, /We could not make that change/],
      [{ fix: '0' }, /We could not make that change/],
      [{ fixes, fix: '0', body: `P.S. Robin asked me to write.\n${LETTER.body}` }, /The text changed after it was checked, so we did not change ‘her’ \(line 5\)/],
    ] as const) {
      const res = await practitioner.agent.post(url, { ...LETTER, ...form });
      assert.equal(res.statusCode, 400, JSON.stringify(form));
      assert.match(res.body, message);
      assert.match(textarea(res.body), /we talked about her plans/, 'the text is as typed');
      assert.match(res.body, /Change ‘her’ to ‘their’/, 'checked again: the button is offered at the new place');
    }
    // Another entry's fixes on this person's saved note: refused, and the note is unchanged.
    const note = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Phone call', body: 'Robin rang. We talked about the plans for college.' });
    assert.equal(note.statusCode, 303);
    const noteUrl = note.headers.location!;
    const edit = await practitioner.agent.post(noteUrl, { title: 'Phone call', body: 'Robin rang. We talked about the plans for college.', changeReason: 'Typo', fixes, fix: '0' });
    assert.equal(edit.statusCode, 400);
    assert.match(edit.body, /We could not make that change/);
    assert.equal((await ctx.db.selectFrom('record_entries').select('revision').where('person_id', '=', person.id).execute())[0]?.revision, 1);
  });
});
