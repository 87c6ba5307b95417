import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { RISK_CORPUS } from './risk-corpus.ts';
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

test('the corpus: every disclosure reaches the duty team, and no everyday idiom does', () => {
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  for (const c of RISK_CORPUS) {
    const alerts = riskMatches(c.text).length > 0;
    if (c.expect === 'alert' && !alerts) missed.push(`${c.kind}: ${c.text}`);
    if (c.expect === 'calm' && alerts) falseAlarms.push(`${c.kind}: ${c.text}`);
  }
  assert.ok(RISK_CORPUS.filter((c) => c.expect === 'alert').length >= 30 && RISK_CORPUS.filter((c) => c.kind === 'idiom').length >= 12, 'a corpus worth the name');
  assert.deepEqual(missed, [], 'disclosures missed');
  assert.deepEqual(falseAlarms, [], 'false alarms');
});

test('the list says where it comes from and when it was last reviewed', () => {
  const file = JSON.parse(readFileSync(new URL('./data/risk-phrases.json', import.meta.url), 'utf8')) as { sources: string[]; reviewed: string };
  assert.ok(file.sources.length >= 2);
  assert.match(file.reviewed, /^\d{4}-\d{2}-\d{2}$/);
});
