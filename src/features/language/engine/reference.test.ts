// Reference that follows the text: who a pronoun, a gendered noun or a title refers to in
// letters about several people, and the person's own word in the right form.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixes, check, compileProfile, type Finding, type PersonProfile } from './index.ts';
import { setFullResolution } from './reference.ts';
import { corpus } from './corpus/index.ts';
import { parseMarks } from './corpus/score.ts';

const robin: PersonProfile = { name: 'Robin Hale', title: 'Mx', pronouns: ['they/them'], genderWords: ['person'] };
const ezra: PersonProfile = { name: 'Ezra', pronouns: ['ze/zir'] };
const mika: PersonProfile = { name: 'Mika', pronouns: ['he/they'] };

function run(text: string, people: PersonProfile[], options = {}): Finding[] {
  return check(text, { people: people.map((p) => compileProfile(p)) }, options);
}
/** [word, severity] of each person finding. */
const seen = (text: string, fs: Finding[]): [string, string][] =>
  fs.filter((f) => f.category !== 'guide').map((f) => [text.slice(f.start, f.end), f.severity]);

describe('the person is the plausible referent: warn', () => {
  it('the only person in the text, across sentences', () => {
    const text = 'I saw Robin Hale in clinic today. Robin is a thoughtful young person and we talked about her plans for college.';
    assert.deepEqual(seen(text, run(text, [robin])), [['her', 'warn']]);
  });

  it('"his GP": a possessor is not the thing possessed, and the GP comes after', () => {
    const text = 'Ezra attended. He described his week and said the letter to his GP had come.';
    assert.deepEqual(seen(text, run(text, [ezra])), [['He', 'warn'], ['his', 'warn'], ['his', 'warn']]);
  });

  it('a person named after the pronoun is not its antecedent', () => {
    const text = 'Mika came and went through the plan. She agreed that we write to the GP.';
    assert.deepEqual(seen(text, run(text, [mika])), [['She', 'warn']]);
  });

  it('the GP mentioned in every other sentence does not silence it', () => {
    const text = [
      'Robin attended with a letter from the GP. She said the GP had been supportive.',
      'We discussed her mood. A copy of this letter goes to the GP, and she knows how to reach us.',
    ].join('\n\n');
    assert.deepEqual(seen(text, run(text, [robin])), [['She', 'warn'], ['her', 'warn'], ['she', 'warn']]);
  });

  it('reported speech: the speaker is the antecedent', () => {
    const text = 'The GP referred Robin. Robin told us that she has felt low since March.';
    assert.deepEqual(seen(text, run(text, [robin])), [['she', 'warn']]);
  });

  it('a fronted clause: the person named right after', () => {
    const text = 'When she arrived, Robin was anxious.';
    assert.deepEqual(seen(text, run(text, [robin])), [['she', 'warn']]);
  });

  it('a letter: salutation, subject line and signature', () => {
    const text = [
      'Dear Dr Okafor,',
      'Re: Robin Hale, DOB 01/02/1999',
      'Thank you for referring this patient. He is doing well and his mood has lifted.',
      'Yours sincerely,',
      'Dr Ama Lee (she/her)',
      'Consultant',
    ].join('\n');
    // Dr Okafor is "you"; the subject line makes Robin the subject; Dr Lee signs
    assert.deepEqual(seen(text, run(text, [robin])), [['He', 'warn'], ['his', 'warn']]);
  });

  it('the subject of a note, without the name', () => {
    assert.deepEqual(seen('He said it helped.', run('He said it helped.', [robin], { subject: 0 })), [['He', 'warn']]);
  });
});

describe('someone else is as likely: info; clearly someone else: nothing', () => {
  it('"Robin and her mother came; she said…": she fits the mother', () => {
    const text = 'Robin and her mother came; she said it had been a hard month.';
    assert.deepEqual(seen(text, run(text, [robin])), [['her', 'warn'], ['she', 'info']]);
  });

  it('a gender-marked person just mentioned takes the pronoun', () => {
    for (const text of ['Robin came with their dad. He drove.', 'Robin met Mr Shah. He explained the plan.', 'Robin saw Dr Patel. He explained the options to Robin.']) {
      assert.deepEqual(seen(text, run(text, [robin])), [], text);
    }
  });

  it('an object pronoun right after a subject is someone else', () => {
    const text = 'Robin asked him to wait outside.';
    assert.deepEqual(seen(text, run(text, [robin])), []);
  });

  it('a reflexive is its clause subject', () => {
    assert.deepEqual(seen('Robin blamed herself.', run('Robin blamed herself.', [robin])), [['herself', 'warn']]);
    assert.deepEqual(seen('Robin said their mother blamed herself.', run('Robin said their mother blamed herself.', [robin])), []);
  });

  it('a group takes "they"', () => {
    const kai: PersonProfile = { name: 'Kai', pronouns: ['xe/xem'] };
    assert.deepEqual(seen('Kai came with xyr parents. They were supportive.', run('Kai came with xyr parents. They were supportive.', [kai])), []);
  });

  it('two profiled people, each their own', () => {
    const alex: PersonProfile = { name: 'Alex Kim', pronouns: ['she/her'] };
    const text = 'Robin and Alex came. Alex said she was tired; Robin said they were fine.';
    assert.deepEqual(seen(text, run(text, [robin, alex])), []);
  });
});

describe('gendered nouns and titles follow the same reference', () => {
  it('a noun before the name ("This young man … Robin")', () => {
    const text = 'This young man was seen today in clinic. Robin is doing well.';
    assert.deepEqual(seen(text, run(text, [robin])), [['man', 'warn']]);
  });

  it('a definite noun referring back', () => {
    const text = 'Robin attended alone. The young woman was articulate about the plan.';
    assert.deepEqual(seen(text, run(text, [robin])), [['woman', 'warn']]);
  });

  it('an apposition ("her son Robin") and a predicate', () => {
    // Mrs Hale, by the surname alone, may be Robin's mother: "her" is hers, the title uncertain
    assert.deepEqual(seen('Mrs Hale rang about her son Robin.', run('Mrs Hale rang about her son Robin.', [robin])), [['Mrs', 'info'], ['son', 'warn']]);
    assert.deepEqual(seen('Robin is a delightful young lady.', run('Robin is a delightful young lady.', [robin])), [['lady', 'warn']]);
  });

  it('another person\'s gendered noun is not the person\'s', () => {
    const text = 'Robin came with a man from the housing team. The man explained the tenancy.';
    assert.deepEqual(seen(text, run(text, [robin])), []);
  });

  it('a title with the first name is certainly them; with the surname and a relative about, uncertain', () => {
    assert.deepEqual(seen('Letter to Mr Robin Hale.', run('Letter to Mr Robin Hale.', [robin])), [['Mr', 'warn']]);
    assert.deepEqual(seen('Robin came with their mother. Mrs Hale waited outside.', run('Robin came with their mother. Mrs Hale waited outside.', [robin])), [['Mrs', 'info']]);
  });
});

describe('suggestions in the right form', () => {
  // [pronouns, text with the wrong word in {…}, the suggestions expected, the fix expected]
  const table: [string, string, string[], string | undefined][] = [
    ['they/them', 'Robin came. {She} said hello.', ['they'], 'They'],
    ['they/them', 'Robin came. {She} is well.', ['they'], undefined],
    ['they/them', 'Robin came. We saw {her}.', ['them'], 'them'],
    ['they/them', 'Robin came. We saw {her} mother.', ['their'], 'their'],
    ['they/them', 'Robin came. The choice is {his}.', ['theirs'], 'theirs'],
    ['they/them', 'Robin came. Robin dressed {himself}.', ['themself', 'themselves'], 'themself'],
    ['xe/xem', 'Robin came. {He} said hello.', ['xe'], 'Xe'],
    ['xe/xem', 'Robin came. We saw {him}.', ['xem'], 'xem'],
    ['xe/xem', 'Robin came. We read {his} letter.', ['xyr'], 'xyr'],
    ['xe/xem', 'Robin came. The letter is {hers}.', ['xyrs'], 'xyrs'],
    ['xe/xem', 'Robin came. Robin hurt {herself}.', ['xemself'], 'xemself'],
    ['ze/hir', 'Robin came. We read {his} letter.', ['hir'], 'hir'],
    ['ze/zir', 'Robin came. We read {his} letter.', ['zir'], 'zir'],
    ['ze/zir', 'Robin came. We called {him}.', ['zir'], 'zir'],
    ['ey/em', 'Robin came. We read {her} letter.', ['eir'], 'eir'],
    ['ey/em', 'Robin came. We called {her}.', ['em'], 'em'],
    ['fae/faer', 'Robin came. {She} said hello.', ['fae'], 'Fae'],
    ['fae/faer', 'Robin came. We read {his} letter.', ['faer'], 'faer'],
    ['ve/ver', 'Robin came. We read {his} letter.', ['vis'], 'vis'],
    ['ve/ver', 'Robin came. We called {him}.', ['ver'], 'ver'],
    ['he/him', 'Robin came. {She} said hello.', ['he'], 'He'],
    ['she/her', 'Robin came. We read {his} letter.', ['her'], 'her'],
    ['it/its', 'Robin came. We read {his} letter.', ['its'], 'its'],
    ['he/they', 'Robin came. {She} said hello.', ['he', 'they'], 'He'],
    ['he/they', 'Robin came. We saw {her}.', ['him', 'them'], 'him'],
    ['ne/nem', 'Robin came. {He} said hello.', ['ne'], 'Ne'],
    ['ne/nem', 'Robin came. We saw {him}.', ['nem'], 'nem'],
    // a custom set given with two forms: what is known, and no fix
    ['ne/nem', 'Robin came. We read {his} letter.', ['ne/nem'], undefined],
    // "her" before a word that does not decide it: both forms, no fix
    ['they/them', 'Robin came. We let {her} settle.', ['them', 'their'], undefined],
  ];
  for (const [pronouns, marked, suggestions, fix] of table) {
    it(`${pronouns}: ${marked}`, () => {
      const at = marked.indexOf('{');
      const text = marked.replace(/[{}]/g, '');
      const word = marked.slice(at + 1, marked.indexOf('}'));
      const fs = run(text, [{ name: 'Robin', pronouns: [pronouns] }]).filter((f) => f.category === 'pronoun');
      assert.equal(fs.length, 1, JSON.stringify(fs.map((f) => text.slice(f.start, f.end))));
      const f = fs[0]!;
      assert.equal(text.slice(f.start, f.end), word);
      assert.deepEqual(f.suggestions, suggestions);
      assert.equal(f.fix?.replacement, fix);
      if (fix !== undefined) assert.equal(run(applyFixes(text, fs), [{ name: 'Robin', pronouns: [pronouns] }]).filter((g) => g.category === 'pronoun').length, 0);
    });
  }
});

describe('resolving only near possible findings', () => {
  it('gives exactly what resolving every word gives, on every corpus text and on a long note', () => {
    const texts = corpus.map((c) => ({ text: parseMarks(c.text).text, people: c.people, subject: c.subject === null ? undefined : c.subject ?? 0 }));
    const long = texts.slice(0, 60).map((t) => t.text).join('\n\n');
    texts.push({ text: long, people: [robin], subject: 0 }, { text: long + ' She said he was fine.', people: [robin, ezra], subject: 0 });
    for (const t of texts) {
      const people = t.people.map((p) => compileProfile(p));
      const options = t.subject === undefined ? {} : { subject: t.subject };
      const windowed = check(t.text, { people }, options);
      setFullResolution(true);
      try {
        assert.deepEqual(check(t.text, { people }, options), windowed, t.text.slice(0, 80));
      } finally {
        setFullResolution(false);
      }
    }
  });
});
