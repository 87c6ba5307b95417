// Previous names written so as to slip past a word match: look-alike letters from other scripts,
// invisible and bidirectional controls, a right-to-left override, letters spaced out, a
// hyphenated line break, a stray "s". Every case runs twice: with the name in plain text (the
// CLI) and as keyed hashes (the web app), which must agree. Findings must cover the whole
// disguised spelling in the original text, and say nothing of the name.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  applyFixes, check, compileProfile, normaliseNameWords, previousNameHashInputs, type Finding, type PersonProfile,
} from './index.ts';
import { foldConfusables } from './confusables.ts';

const hmac = (s: string): string => createHmac('sha256', 'test-secret').update(s).digest('hex');

function hashedProfile(profile: PersonProfile) {
  const hashes = new Set<string>();
  const wordHashes = new Set<string>();
  let maxWords = 0;
  for (const name of profile.previousNames ?? []) {
    const inputs = previousNameHashInputs(name, profile.name);
    for (const s of inputs.sequences) hashes.add(hmac(s));
    for (const w of inputs.words) wordHashes.add(hmac(w));
    maxWords = Math.max(maxWords, inputs.maxWords);
  }
  const { previousNames: _drop, ...rest } = profile;
  return compileProfile(rest, { hashes, wordHashes, hash: hmac, maxWords });
}

const robin: PersonProfile = { name: 'Robin Hale', pronouns: ['they/them'], previousNames: ['Jordan Hale'] };

/** Previous-name findings, in both modes (asserting they agree). */
function found(text: string, profile: PersonProfile = robin): Finding[] {
  const plain = check(text, { people: [compileProfile(profile)] }).filter((f) => f.category === 'previous-name');
  const hashed = check(text, { people: [hashedProfile(profile)] }).filter((f) => f.category === 'previous-name');
  assert.deepEqual(hashed.map((f) => [f.start, f.end, f.severity, f.message]), plain.map((f) => [f.start, f.end, f.severity, f.message]), `plain and hashed differ for ${JSON.stringify(text)}`);
  for (const f of plain) {
    const said = [f.message, f.reason, ...f.suggestions, f.fix?.replacement ?? ''].join(' ').toLowerCase();
    assert.ok(!said.includes('jordan'), said);
  }
  return plain;
}

/** The one finding must cover exactly `span` (a substring of text) and block. */
function blocksExactly(text: string, span: string, profile?: PersonProfile): Finding {
  const fs = found(text, profile);
  assert.equal(fs.length, 1, `one finding in ${JSON.stringify(text)}: ${JSON.stringify(fs.map((f) => text.slice(f.start, f.end)))}`);
  const f = fs[0]!;
  assert.equal(f.severity, 'block');
  assert.equal(text.slice(f.start, f.end), span, JSON.stringify(text));
  return f;
}

describe('look-alike letters (a test per script)', () => {
  const cases: [string, string][] = [
    ['Cyrillic small o', 'J\u043erdan'],
    ['Cyrillic capitals', '\u0408\u041eRD\u0410N'],
    ['Cyrillic a, o, and j', '\u0458\u043erd\u0430n'],
    ['Greek omicron and alpha', 'J\u03bfrd\u03b1n'],
    ['Greek capitals', 'JORD\u0391\u039d'],
    ['Armenian o', 'J\u0585rdan'],
    ['Armenian n (vo)', 'Jorda\u0578'],
    ['Cherokee capitals', '\u13ab\u13be'.slice(0, 1) + 'ORDAN'],
    ['Lisu capitals', '\ua4d9\ua4f3RDAN'],
    ['Latin small capitals', 'J\u1d0f\u0280\u1d05\u1d00\u0274'],
    ['fullwidth', '\uff2a\uff4f\uff52\uff44\uff41\uff4e'],
    ['mathematical bold', '\u{1d409}\u{1d428}\u{1d42b}\u{1d41d}\u{1d41a}\u{1d427}'],
    ['mathematical script and double-struck', '\u{1d4a5}\u{1d560}\u{1d563}\u{1d555}\u{1d552}\u{1d55f}'],
    ['o with stroke and dotless i', 'J\u00f8rdan'],
    ['accents', 'J\u00f3rd\u00e1n'],
  ];
  for (const [name, spelling] of cases) {
    it(name, () => {
      const text = `Letter for ${spelling} and the GP.`;
      blocksExactly(text, spelling);
    });
  }

  it('folds only letters that look Latin, and never an ASCII word', () => {
    assert.equal(foldConfusables('J\u043erd\u0430n'), 'Jordan');
    assert.equal(foldConfusables('\u0397\u03b7'), 'Hn'); // capital Eta looks like H, small eta like n
    assert.equal(foldConfusables('plain ascii'), 'plain ascii');
  });
});

describe('normaliseNameWords', () => {
  it('leaves plain ASCII input exactly as before (stored hashes stay valid)', () => {
    // what the previous normaliser returned for these (ASCII) inputs
    const before: [string, string][] = [
      ['Jordan Hale', 'jordan hale'],
      ['  JORDAN   hale ', 'jordan hale'],
      ["O'Brien's", "o'brien"],
      ['Mary-Jane Smith', 'mary jane smith'],
      ['Jo', 'jo'],
      ['Al-Amin bin Said', 'al amin bin said'],
      ['A. J. Smith', 'a j smith'],
      ['x123 y', 'x123 y'],
    ];
    for (const [input, output] of before) assert.equal(normaliseNameWords(input), output, input);
  });

  it('folds look-alikes and invisible characters the same way on both sides', () => {
    assert.equal(normaliseNameWords('\u0408\u043erd\u0430n'), 'jordan');
    assert.equal(normaliseNameWords('Jor\u200bdan\u200e Hale\u202c'), 'jordan hale');
    assert.equal(normaliseNameWords('Zoë-Jane O’Brien’s'), "zoe jane o'brien");
  });

  it('still finds a name saved before look-alikes were folded', () => {
    // a Cyrillic name hashed by the earlier normaliser (no look-alike fold): "дмитрии"
    const legacy = 'дмитрии';
    const profile = compileProfile({ name: 'Dee' }, { hashes: new Set([hmac(legacy)]), wordHashes: new Set([hmac(legacy)]), hash: hmac, maxWords: 1 });
    const fs = check('Letter for Дмитрий today.', { people: [profile] });
    assert.equal(fs.filter((f) => f.category === 'previous-name').length, 1);
  });
});

describe('invisible and bidirectional characters', () => {
  for (const [name, ch] of [
    ['zero-width space', '\u200b'], ['zero-width non-joiner', '\u200c'], ['zero-width joiner', '\u200d'],
    ['left-to-right mark', '\u200e'], ['right-to-left mark', '\u200f'], ['embedding', '\u202a'], ['pop', '\u202c'],
    ['isolate', '\u2066'], ['pop isolate', '\u2069'], ['word joiner', '\u2060'], ['byte order mark', '\ufeff'],
    ['soft hyphen', '\u00ad'], ['Mongolian vowel separator', '\u180e'], ['Hangul filler', '\u3164'],
    ['tag character', '\u{e0041}'], ['two in a row', '\u200b\u200e'],
  ] as const) {
    it(name, () => {
      const spelling = `Jor${ch}dan`;
      blocksExactly(`Seen: ${spelling} today.`, spelling);
    });
  }

  it('reads text reversed by a right-to-left override as it is displayed, covering the controls', () => {
    const hidden = '\u202enadroJ\u202c';
    const f = blocksExactly(`Letter for ${hidden} today.`, hidden);
    assert.equal(f.fix?.replacement ?? 'Robin Hale', 'Robin Hale');
    blocksExactly('Letter for Jor\u202enad\u202c today.', 'Jor\u202enad\u202c');
    const both = '\u202eelaH nadroJ\u202c';
    blocksExactly(`Re: ${both}`, both);
    // an override that is never closed runs to the end of the line
    blocksExactly('Name: \u202enadroJ\nNext line.', '\u202enadroJ');
    // a reversed override with nothing hidden in it is nothing
    assert.deepEqual(found('Seen \u202eolleh\u202c today.'), []);
  });

  it('finds a reversed name deep in a long letter, and the plain names on lines with no override', () => {
    // the display-order pass reads only near the lines holding a control: far from them the
    // main pass finds names in the same words
    const paragraph = 'We talked about work, housing and support from friends, and agreed to review the plan together in six weeks.';
    const before = Array.from({ length: 40 }, () => paragraph).join('\n');
    const text = `${before}\nJordan Hale came to clinic.\n${before}\nLetter for \u202enadroJ\u202c today.\n${before}\nJ o r d a n rang.`;
    const spans = found(text).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(spans, ['Jordan Hale', '\u202enadroJ\u202c', 'J o r d a n']);
  });
});

describe('letters split apart', () => {
  const cases: [string, string][] = [
    ['spaces', 'J o r d a n'],
    ['dots', 'J.o.r.d.a.n'],
    ['dots and spaces', 'J. O. R. D. A. N.'.slice(0, -1)],
    ['hyphens', 'J-o-r-d-a-n'],
    ['underscores', 'J_o_r_d_a_n'],
    ['middle dots', 'J\u00b7o\u00b7r\u00b7d\u00b7a\u00b7n'],
    ['a hyphenated line break', 'Jor-\ndan'],
    ['a hyphenated line break with spaces', 'Jor- \n  dan'],
    ['a bare line break', 'Jor\ndan'],
    ['a hyphen', 'Jor-dan'],
    ['a dot', 'Jor.dan'],
    ['one letter spaced off', 'J ordan'],
    ['both names spelled out', 'J o r d a n  H a l e'],
    ['spelled out then written', 'J o r d a n Hale'],
    ['Cyrillic letters spelled out', 'J \u043e r d \u0430 n'],
  ];
  for (const [name, spelling] of cases) {
    it(name, () => {
      blocksExactly(`Letter to ${spelling}, copied to the GP.`, spelling);
    });
  }

  it('blocks a run of letters that only partly spells a name, neutrally and without a fix', () => {
    const text = 'Code: x J o r d a n q today.';
    const f = blocksExactly(text, 'x J o r d a n q');
    assert.equal(f.fix, undefined);
    assert.match(f.message, /letters/);
  });
});

describe('a stray s', () => {
  it('catches "Jordans records" and "Jordan Hales"', () => {
    blocksExactly('We found Jordans records.', 'Jordans');
    blocksExactly('We found JORDANS file.', 'JORDANS');
    blocksExactly('Letter for Jordan Hales.', 'Jordan Hales');
  });

  it('never applies to the name the person uses now', () => {
    // previously Nichola, now Nicholas: "Nicholas" is not "Nichola" with a stray s
    const nicholas: PersonProfile = { name: 'Nicholas', pronouns: ['he/him'], previousNames: ['Nichola'] };
    const text = 'Nicholas attended.';
    assert.deepEqual(check(text, { people: [compileProfile(nicholas)] }).filter((f) => f.category === 'previous-name'), []);
    assert.deepEqual(check(text, { people: [hashedProfile(nicholas)] }).filter((f) => f.category === 'previous-name'), []);
  });
});

describe('digits and a capital I for letters', () => {
  it('catches J0rdan, JORD4N and AIex', () => {
    blocksExactly('Seen: J0rdan.', 'J0rdan');
    blocksExactly('Seen: JORD4N.', 'JORD4N');
    blocksExactly('Seen: AIex today.', 'AIex', { name: 'Sam', previousNames: ['Alex'] });
  });
});

describe('everyday words that share letters with a name stay clean', () => {
  const clean: [string, PersonProfile, string][] = [
    ['I hope', { name: 'Sam', previousNames: ['Hope'] }, 'I hope the plan helps. We hope so.'],
    ['Hope you are well', { name: 'Sam', previousNames: ['Hope'] }, 'Hope you are well.'],
    ['Will you…', { name: 'Sam', previousNames: ['Will'] }, 'Will you call us? Will we see you in May? We will.'],
    ['Jo inside Joe and jot', { name: 'Sam', previousNames: ['Jo'] }, 'Joe came; jot it down. Joanna rang.'],
    ['Al in also', { name: 'Sam', previousNames: ['Al'] }, 'Also, Alan and Alice called. We also wrote.'],
    ['a name that starts another word', { name: 'Sam', previousNames: ['Chris'] }, 'Christmas and Christian names; Christine came.'],
    ['"a" and "I" are not letters of a name', { name: 'Sam', previousNames: ['Adam', 'Ivan'] }, 'We built a dam. I van-pooled. A daily plan.'],
    ['plural everyday words', { name: 'Sam', previousNames: ['Mark'] }, 'Marks were good; they work at Marks and Spencer? No: marks.'],
    ['hyphenated words', { name: 'Sam', previousNames: ['Will'] }, 'A follow-up with will-power.'],
  ];
  for (const [name, profile, text] of clean) {
    it(name, () => {
      assert.deepEqual(found(text, profile).map((f) => text.slice(f.start, f.end)), []);
    });
  }

  it('still finds the everyday word used as a name', () => {
    const will: PersonProfile = { name: 'Sam', previousNames: ['Will'] };
    assert.equal(found('Will said hello. We saw Will.', will).length, 2);
    assert.equal(found('Letter from H o p e.', { name: 'Sam', previousNames: ['Hope'] }).length, 1);
  });
});

describe('what the app does with the findings', () => {
  it('replacing the span leaves no trace of the name or its controls', () => {
    for (const text of ['To \u202enadroJ\u202c.', 'To J o r d a n.', 'To Jor-\ndan.', 'To J\u043erdan.', 'To Jordans file.']) {
      const fs = found(text);
      const out = applyFixes(text, fs.map((f) => ({ ...f, fix: { start: f.start, end: f.end, replacement: '[name removed]' } })));
      assert.ok(!/[\u202a-\u202e]/.test(out), JSON.stringify(out));
      assert.deepEqual(found(out), [], JSON.stringify(out));
    }
  });
});
