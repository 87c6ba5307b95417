import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRiskPhrases, riskMatches } from './risk.ts';

test('risk phrases match whatever the case, curly quotes or hyphens', () => {
  assert.deepEqual(riskMatches('I WANT TO END IT ALL'), ['suicide']);
  assert.deepEqual(riskMatches('i don’t want to be here anymore'), ['wanting to die']);
  assert.deepEqual(riskMatches('been self harming, self-harm, selfharm'), ['self-harm']);
  assert.deepEqual(riskMatches('thinking about an overdose'), ['method']);
});

test('phrases match whole words only', () => {
  assert.deepEqual(riskMatches('The overdosed plant'), ['method']);
  assert.deepEqual(riskMatches('cutting myselfie sticks'), []);
  assert.deepEqual(riskMatches('self harmony choir'), []);
  assert.deepEqual(riskMatches('Reception was friendly and kind.'), []);
});

test('the list is data: a new phrase from the group works without code changes', () => {
  const compiled = compileRiskPhrases([{ phrase: 'test', variants: ['no way out'] }]);
  assert.deepEqual(riskMatches('there is No   way-out for me', compiled), ['test']);
});
