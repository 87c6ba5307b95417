import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestThemes, terms } from './suggest.ts';

const examples = [
  { text: 'The waiting list is far too long, I have waited two years for a first appointment', themeIds: ['waiting'] },
  { text: 'Waiting times are awful, years on the waiting list', themeIds: ['waiting'] },
  { text: 'Still waiting for my first appointment after a long wait', themeIds: ['waiting'] },
  { text: 'The letter used my old name and the wrong pronouns', themeIds: ['letters'] },
  { text: 'Letters keep arriving with the wrong title and name', themeIds: ['letters'] },
  { text: 'My GP will not prescribe hormones without a letter from the clinic', themeIds: ['hormones', 'letters'] },
];

test('terms drop stop words and light suffixes', () => {
  assert.deepEqual(terms("I've been waiting, waited and waits for hormones"), ['wait', 'wait', 'wait', 'hormon']);
});

test('similar feedback suggests the theme its neighbours carry, best first', () => {
  const suggestions = suggestThemes('I have been on the waiting list for years without an appointment', examples);
  assert.equal(suggestions[0]?.themeId, 'waiting');
  assert.ok((suggestions[0]?.score ?? 0) > 0.2);
  assert.ok(!suggestions.some((s) => s.themeId === 'hormones'));
});

test('letters about names suggest the letters theme', () => {
  const suggestions = suggestThemes('Another letter came with my old name on it', examples);
  assert.equal(suggestions[0]?.themeId, 'letters');
});

test('unrelated text, excluded themes and no examples suggest nothing', () => {
  assert.deepEqual(suggestThemes('Parking was fine', examples), []);
  assert.deepEqual(suggestThemes('waiting list years', examples, { exclude: new Set(['waiting']) }).map((s) => s.themeId), []);
  assert.deepEqual(suggestThemes('waiting list', []), []);
});
