// The corpus of letters and notes (corpus/): every case runs; a must-pass case must produce
// exactly its marked findings (as warnings or blocks, with the marked spans) and no other
// warning or block; over the whole corpus recall must be at least 0.95 at precision at least
// 0.98. Each case also runs with the previous names as keyed hashes (as the web app holds
// them), which must find exactly what the plain names find.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { check, compileGuide, compileProfile, previousNameHashInputs, type PersonProfile } from './index.ts';
import { languageGuide } from '../guide-data.ts';
import { corpus } from './corpus/index.ts';
import { heldOut } from './corpus/heldout.ts';
import { parseMarks, precision, recall, runCase, scoreCorpus } from './corpus/score.ts';

const guide = compileGuide(languageGuide);
const hmac = (s: string): string => createHmac('sha256', 'corpus-secret').update(s).digest('hex');

function hashed(p: PersonProfile) {
  const hashes = new Set<string>();
  const wordHashes = new Set<string>();
  let maxWords = 0;
  for (const name of p.previousNames ?? []) {
    const inputs = previousNameHashInputs(name, p.name);
    for (const s of inputs.sequences) hashes.add(hmac(s));
    for (const w of inputs.words) wordHashes.add(hmac(w));
    maxWords = Math.max(maxWords, inputs.maxWords);
  }
  const { previousNames: _plain, ...rest } = p;
  return compileProfile(rest, { hashes, wordHashes, hash: hmac, maxWords });
}

describe('corpus of letters and notes', () => {
  it('is big and varied enough', () => {
    assert.ok(corpus.length >= 200, String(corpus.length));
    const ids = new Set(corpus.map((c) => c.id));
    assert.equal(ids.size, corpus.length, 'ids are unique');
    const marks = corpus.flatMap((c) => parseMarks(c.text).expected);
    for (const category of ['pronoun', 'gendered-word', 'title', 'previous-name'] as const) {
      assert.ok(marks.filter((m) => m.category === category).length >= 8, category);
    }
    // clean letters as well as ones with findings
    assert.ok(corpus.filter((c) => parseMarks(c.text).expected.length === 0).length >= 60);
    assert.ok(corpus.filter((c) => c.text.includes('\n\n')).length >= 25, 'letters of several paragraphs');
  });

  for (const c of [...corpus, ...heldOut]) {
    if (c.mustPass === false) continue;
    it(c.id, () => {
      const r = runCase(c, guide);
      const show = (s: number, e: number): string => JSON.stringify(r.text.slice(Math.max(0, s - 20), e + 20));
      assert.deepEqual(r.missed.map((m) => `${m.category} ${show(m.start, m.end)}`), [], 'missed');
      assert.deepEqual(r.wrong.map((f) => `${f.category}/${f.severity} ${JSON.stringify(r.text.slice(f.start, f.end))} in ${show(f.start, f.end)}`), [], 'not marked');
    });
  }

  it('finds the same previous names from keyed hashes as from plain names', () => {
    for (const c of corpus) {
      if (!c.people.some((p) => p.previousNames !== undefined)) continue;
      const { text } = parseMarks(c.text);
      const options = { documentKind: 'person' as const, ...(c.subject === null ? {} : { subject: c.subject ?? 0 }) };
      const spans = (people: ReturnType<typeof compileProfile>[]): string[] =>
        check(text, { guide, people }, options).filter((f) => f.category === 'previous-name').map((f) => `${f.start}-${f.end} ${f.severity}`);
      assert.deepEqual(spans(c.people.map(hashed)), spans(c.people.map((p) => compileProfile(p))), c.id);
    }
  });

  it('reaches recall ≥ 0.95 at precision ≥ 0.98 overall, and in each category', () => {
    const score = scoreCorpus(corpus, guide);
    const { overall } = score;
    assert.ok(recall(overall) >= 0.95, `recall ${recall(overall).toFixed(3)}`);
    assert.ok(precision(overall) >= 0.98, `precision ${precision(overall).toFixed(3)}`);
    for (const [category, t] of score.byCategory) {
      assert.ok(recall(t) >= 0.9, `${category} recall ${recall(t).toFixed(3)}`);
      assert.ok(precision(t) >= 0.95, `${category} precision ${precision(t).toFixed(3)}`);
    }
  });

  it('never says a previous name in a message, reason, suggestion or fix', () => {
    for (const c of corpus) {
      const r = runCase(c, guide);
      for (const f of r.findings) {
        const said = [f.message, f.reason, ...f.suggestions, f.fix?.replacement ?? ''].join(' ').toLowerCase();
        for (const p of c.people) {
          for (const old of p.previousNames ?? []) {
            for (const word of old.toLowerCase().split(/\s+/)) {
              if (p.name.toLowerCase().split(/\s+/).includes(word)) continue;
              assert.ok(!said.split(/[^\p{L}’']+/u).includes(word), `${c.id}: ${said}`);
            }
          }
        }
      }
    }
  });
});
