// Searching a caseload: by the name the person uses, only within the practitioner's own
// caseload, never by a previous name, and not at all for a group member or the service lead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { addPreviousName, saveAboutMe } from './service/about-me.ts';
import * as repo from './repository.ts';
import { signedIn } from './test-builders.ts';

const names = (body: string) => [...body.matchAll(/<a href="\/people\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]);

forEachDialect('searching a caseload', (ctx) => {
  const about = (nameToUse: string) => ({ nameToUse, pronouns: ['they/them'], nameOnly: false, title: '', genderWords: [], avoid: [], communicationNeeds: [], communicationOther: '', goals: '' });

  test('finds people on the caseload by the name they use, never by a previous name, never beyond the caseload', async () => {
    const priya = await signedIn(ctx, ['practitioner'], 'Priya Shah');
    const other = await signedIn(ctx, ['practitioner'], 'Oscar Field');
    const sam = await signedIn(ctx, ['person'], 'Sam Rivera');
    const kit = await signedIn(ctx, ['person'], 'Kit Marsh');
    const elsewhere = await signedIn(ctx, ['person'], 'Sam Jones');
    await saveAboutMe(ctx.db, sam.id, about('Sam Rivera'));
    await addPreviousName(ctx.db, ctx.config, sam.id, 'Sam Rivera', 'Samantha Oldfield');
    await saveAboutMe(ctx.db, kit.id, about('Kit Marsh'));
    await saveAboutMe(ctx.db, elsewhere.id, about('Sam Jones'));
    for (const p of [sam, kit]) await repo.addToCaseload(ctx.db, priya.id, p.id, null);
    await repo.addToCaseload(ctx.db, other.id, elsewhere.id, null);

    const search = async (q: string) => (await priya.agent.get(`/people?q=${encodeURIComponent(q)}`)).body;
    assert.deepEqual(names(await search('sam')), ['Sam Rivera'], 'only the Sam on her own caseload');
    assert.deepEqual(names(await search('riv')), ['Sam Rivera'], 'the start of a name');
    assert.deepEqual(names(await search('Kit')), ['Kit Marsh']);
    assert.deepEqual(names(await search('jones')), [], 'someone on another caseload is not found');
    // The attacker knows the old name: nothing, not even a count that would tell.
    for (const q of ['Samantha', 'Oldfield', 'Samantha Oldfield', 'samanth']) {
      const body = await search(q);
      assert.deepEqual(names(body), [], `the previous name “${q}” finds nothing`);
      assert.match(body, /0 people match/);
    }
    assert.match(await search('sam'), /value="sam"/, 'what was typed stays in the box');
    assert.deepEqual(names((await priya.agent.get('/people')).body), ['Kit Marsh', 'Sam Rivera'], 'no search: the whole caseload');
  });

  test('the index follows About me: a new name is found and the old one no longer is', async () => {
    const priya = await signedIn(ctx, ['practitioner'], 'Priya Shah');
    const person = await signedIn(ctx, ['person'], 'Robin Vale');
    await saveAboutMe(ctx.db, person.id, about('Robin Vale'));
    await repo.addToCaseload(ctx.db, priya.id, person.id, null);
    assert.deepEqual(names((await priya.agent.get('/people?q=robin')).body), ['Robin Vale']);
    await saveAboutMe(ctx.db, person.id, about('Ren Vale'));
    assert.deepEqual(names((await priya.agent.get('/people?q=robin')).body), [], 'the name no longer used is not found');
    assert.equal(names((await priya.agent.get('/people?q=ren')).body).length, 1);
  });

  test('a group member and the service lead cannot search people at all', async () => {
    const member = await signedIn(ctx, ['group'], 'Jordan Ellis');
    const lead = await signedIn(ctx, ['lead'], 'Morgan Lee');
    for (const who of [member, lead]) {
      const response = await who.agent.get('/people?q=sam');
      assert.ok([403, 404].includes(response.statusCode), `refused: ${response.statusCode}`);
      assert.doesNotMatch(response.body, /Sam Rivera|people match/);
    }
  });
});
