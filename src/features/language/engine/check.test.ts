import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  applyFixes, check, compileGuide, compileProfile, normaliseNameWords, previousNameHashInputs,
  type Finding, type GuideEntry, type PersonProfile,
} from './index.ts';

const entry = (over: Partial<GuideEntry> & Pick<GuideEntry, 'id' | 'terms'>): GuideEntry => ({
  category: 'clinical-documentation',
  suggestions: ['declined'],
  reason: 'Test reason.',
  source: ['T'],
  severity: 'warn',
  ...over,
});

const guide = compileGuide([
  entry({ id: 'refused', terms: ['refused', 'refuses', 'refusing'], fixes: { refused: 'declined', refuses: 'declines' } }),
  entry({ id: 'complains-of', terms: ['complains of', 'complained of', 'complaining of'], suggestions: ['reports'] }),
  entry({ id: 'sex-change', terms: ['sex change', 'sex changes'], suggestions: ['transition'] }),
  entry({ id: 'transgendered', terms: ['transgendered'], suggestions: ['transgender'], fixes: { transgendered: 'transgender' } }),
  entry({ id: 'transgender-noun', terms: ['transgenders', 'a transgender'], noun: true, suggestions: ['trans people'] }),
  entry({ id: 'he-or-she', terms: ['he or she', 'his/her', 's/he', '(s)he'], scope: 'service-document', suggestions: ['they'] }),
  entry({ id: 'claims', terms: ['claims'], severity: 'info', exceptBefore: ['insurance', 'the'], suggestions: ['reports'] }),
  entry({ id: 'alcoholic', terms: ['an alcoholic'], noun: true, exceptAfter: ['liver'], suggestions: ['person with alcohol dependence'] }),
  entry({ id: 'autistic-person', terms: ['autistic person'], severity: 'info', suggestions: ['person with autism'] }),
]);

const sam: PersonProfile = {
  name: 'Sam Rivera',
  title: 'Mx',
  pronouns: ['they/them'],
  genderWords: ['person'],
  avoid: [{ word: 'breasts', instead: ['chest'] }],
  previousNames: ['Jamie Rivera'],
};

function run(text: string, people: PersonProfile[] = [], options = {}): Finding[] {
  return check(text, { guide, people: people.map((p) => compileProfile(p)) }, options);
}
const spans = (text: string, fs: Finding[]): string[] => fs.map((f) => text.slice(f.start, f.end));
const ids = (fs: Finding[]): string[] => fs.map((f) => f.ruleId);

describe('guide', () => {
  it('finds a term with its span, position, reason, sources and safe fix', () => {
    const text = 'Plan agreed.\nSam refused the bloods.';
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.ruleId, 'guide/refused');
    assert.equal(f.category, 'guide');
    assert.equal(f.severity, 'warn');
    assert.equal(text.slice(f.start, f.end), 'refused');
    assert.equal(f.line, 2);
    assert.equal(f.column, 5);
    assert.equal(f.reason, 'Test reason.');
    assert.deepEqual(f.sources, ['T']);
    assert.deepEqual(f.fix, { start: f.start, end: f.end, replacement: 'declined' });
    assert.equal(applyFixes(text, [f]), 'Plan agreed.\nSam declined the bloods.');
  });

  it('matches any case and keeps the capital in the fix', () => {
    const fs = run('REFUSED. Refuses.');
    assert.deepEqual(ids(fs), ['guide/refused', 'guide/refused']);
    assert.equal(fs[1]!.fix?.replacement, 'Declines');
  });

  it('matches inflections listed in the entry, not other words', () => {
    assert.deepEqual(spans('Complained of pain; complaining of pain; complainant of note', run('Complained of pain; complaining of pain; complainant of note')), ['Complained of', 'complaining of']);
  });

  it('treats a hyphen, a space and a line break between words alike', () => {
    const text = 'a sex-change, a sex change, a sex\nchange, sex changes';
    assert.equal(run(text).length, 4);
  });

  it('does not match across sentence or clause punctuation', () => {
    assert.equal(run('It was about sex. Change is hard. Sex, change.').length, 0);
  });

  it('respects word boundaries', () => {
    assert.deepEqual(spans('transgendered transgender transgenderedness', run('transgendered transgender transgenderedness')), ['transgendered']);
    assert.equal(run('unrefused refusedly').length, 0);
  });

  it('handles curly apostrophes and possessives', () => {
    const text = 'The transgendered person’s file; the transgendered’s view';
    assert.equal(run(text).length, 2);
    const f = run('an alcoholic’s')[0]!;
    assert.equal('an alcoholic’s'.slice(f.start, f.end), 'an alcoholic');
  });

  it('applies noun-only terms only where the phrase ends', () => {
    assert.equal(run('He is an alcoholic.').length, 1);
    assert.equal(run('an alcoholic and a smoker').length, 1);
    assert.equal(run('an alcoholic drink').length, 0);
    assert.equal(run('a transgender woman').length, 0);
    assert.equal(run('a transgender who spoke').length, 1);
  });

  it('drops a match after or before an excepted word', () => {
    assert.equal(run('insurance claims and the claims process').length, 0);
    assert.equal(run('Sam claims it hurts').length, 1);
    assert.equal(run('an alcoholic liver').length, 0);
  });

  it('applies service-document rules only to service documents', () => {
    const text = 'Each patient should bring his/her letter; he or she may call. S/he or (s)he.';
    assert.deepEqual(ids(run(text)), Array(4).fill('guide/he-or-she'));
    assert.equal(run(text, [], { documentKind: 'person' }).length, 0);
    assert.equal(run(text, [sam]).filter((f) => f.category === 'guide').length, 0);
  });

  it('finds terms after Unicode normalisation, with offsets into the original', () => {
    // decomposed é, full-width letters and a soft hyphen inside a word
    const text = 'Café: ＲＥＦＵＳＥＤ and re\u00adfused.';
    const fs = run(text);
    assert.deepEqual(spans(text, fs), ['ＲＥＦＵＳＥＤ', 're\u00adfused']);
    const nfd = 'Zoe\u0301 refused';
    assert.equal(nfd.slice(run(nfd)[0]!.start, run(nfd)[0]!.end), 'refused');
  });

  it('lets a person allow a guide word they use for themself', () => {
    assert.equal(run('Sam is an autistic person.').length, 1);
    assert.equal(run('Sam is an autistic person.', [{ name: 'Sam', allow: ['autistic person'] }]).length, 0);
    assert.equal(run('Sam is an autistic person.', [{ name: 'Sam', allow: ['autistic-person'] }]).length, 0);
    assert.equal(run('Sam is an autistic person.', [{ name: 'Sam', allow: ['autistic'] }]).length, 1);
  });
});

describe('quoted speech', () => {
  it('lowers guide findings inside quotation marks to info', () => {
    for (const text of ['She said "I refused it"', 'She said “I refused it”', 'She said ‘I refused it’ and left', "She said 'I refused it' and left"]) {
      const [f] = run(text);
      assert.equal(f?.severity, 'info', text);
    }
    assert.equal(run('She refused. "Fine," she said.')[0]!.severity, 'warn');
  });

  it('still blocks a previous name inside quotes', () => {
    const fs = run('Sam said “call me Jamie no more”.', [sam]);
    assert.deepEqual(fs.map((f) => [f.category, f.severity]), [['previous-name', 'block']]);
  });

  it('does not treat an apostrophe as a quote', () => {
    assert.equal(run("Sam's view: they'd refused. It's Sam's choice").find((f) => f.ruleId === 'guide/refused')?.severity, 'warn');
  });
});

describe('Markdown and HTML', () => {
  it('ignores code, URLs, e-mail addresses and tags', () => {
    const text = [
      'Use `refused` in code and <span title="refused">ok</span>.',
      '```',
      'refused',
      '```',
      'See https://example.org/refused and www.refused.org or refused@example.org.',
      '<code>refused</code> <!-- refused --> [text](refused.html)',
    ].join('\n');
    assert.deepEqual(run(text), []);
  });

  it('reads prose between tags and decodes entities', () => {
    const text = '<p>Sam <b>refused</b>.</p><p>A sex <em>change</em>, don&rsquo;t &ldquo;refused&rdquo;</p>';
    const fs = run(text);
    assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.severity]), [['refused', 'warn'], ['sex <em>change', 'warn'], ['refused', 'info']]);
  });

  it('finds a previous name in code, links and attributes too', () => {
    const text = 'Contact `jamie.rivera@example.org` or <img alt="Jamie Rivera"> https://x.org/jamie-rivera';
    assert.equal(run(text, [sam]).filter((f) => f.category === 'previous-name').length, 3);
  });
});

describe('ignore markers', () => {
  it('ignores the next line, the same line or a block, optionally by rule', () => {
    const text = [
      '<!-- withme-ignore-next-line -->',
      'refused',
      'refused <!-- withme-ignore -->',
      'refused',
      '<!-- withme-ignore-start guide/refused -->',
      'refused, sex change',
      '<!-- withme-ignore-end -->',
      'refused',
    ].join('\n');
    const fs = run(text);
    assert.deepEqual(fs.map((f) => [f.line, f.ruleId]), [[4, 'guide/refused'], [6, 'guide/sex-change'], [8, 'guide/refused']]);
  });

  it('never hides a previous name', () => {
    const fs = run('<!-- withme-ignore-next-line -->\nJamie attended', [sam]);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'block');
  });
});

describe('previous names', () => {
  it('blocks in any case, with or without accents and possessives, whole words only', () => {
    const p = { ...sam, previousNames: ['Zoë Rivera'] };
    const text = 'Zoe said. ZOË’s plan. zoë\'s. Zoey and Zoella came. Zoe Rivera.';
    const fs = run(text, [p]).filter((f) => f.category === 'previous-name');
    assert.deepEqual(spans(text, fs), ['Zoe', 'ZOË', 'zoë', 'Zoe Rivera']);
    assert.ok(fs.every((f) => f.severity === 'block'));
  });

  it('does not block a surname the person still uses', () => {
    assert.equal(run('Mx Rivera attended.', [sam]).filter((f) => f.category === 'previous-name').length, 0);
  });

  it('never repeats the previous name in what it says', () => {
    for (const f of run('Jamie Rivera and Jamie.', [sam])) {
      const said = [f.message, f.reason, ...f.suggestions, f.fix?.replacement ?? ''].join(' ').toLowerCase();
      assert.ok(!said.includes('jamie'), said);
    }
  });

  it('offers the full name as a fix for a full previous name only', () => {
    const text = 'Jamie Rivera attended; Jamie left.';
    const fs = run(text, [sam]).filter((f) => f.category === 'previous-name');
    assert.equal(fs[0]!.fix?.replacement, 'Sam Rivera');
    assert.equal(fs[1]!.fix, undefined);
    assert.deepEqual(fs[1]!.suggestions, ['Sam Rivera', 'Sam']);
  });

  it('matches everyday words used as names only when capitalised', () => {
    const p = { name: 'Sam', previousNames: ['Will'] };
    assert.equal(run('We will meet. Will said hello.', [p]).filter((f) => f.category === 'previous-name').length, 1);
  });

  it('works from keyed hashes of normalised names, never seeing the names', () => {
    const key = 'server-secret';
    const hash = (s: string) => createHmac('sha256', key).update(s).digest('hex');
    const inputs = previousNameHashInputs('Zoë-Jane O’Brien', 'Sam O’Brien');
    assert.deepEqual(inputs.sequences.sort(), ['zoe', 'zoe jane', 'zoe jane o\'brien', 'jane', 'jane o\'brien'].sort());
    const profile = compileProfile({ name: 'Sam O’Brien', pronouns: ['they/them'] }, {
      hashes: new Set(inputs.sequences.map(hash)),
      wordHashes: new Set(inputs.words.map(hash)),
      hash,
      maxWords: inputs.maxWords,
    });
    const text = "Zoe-Jane O'Brien's letter; ZOË JANE; Jane. Sam O’Brien attended.";
    const fs = check(text, { people: [profile] }).filter((f) => f.category === 'previous-name');
    assert.deepEqual(spans(text, fs), ["Zoe-Jane O'Brien", 'ZOË JANE', 'Jane']);
  });

  it('exports the normaliser the app hashes with', () => {
    assert.equal(normaliseNameWords('  Zoë-Jane   O’Brien’s '), "zoe jane o'brien");
    assert.equal(normaliseNameWords('ＪＡＭＩＥ\u00a0Rivera'), 'jamie rivera');
  });
});

describe('pronouns', () => {
  it('warns for a pronoun that is not the person’s, with a grammar-safe fix only', () => {
    const text = 'Sam came in. He said his meds help. We saw him. Sam washed herself.';
    const fs = run(text, [sam]).filter((f) => f.category === 'pronoun');
    assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.severity, f.fix?.replacement]), [
      ['He', 'warn', 'They'], // "said" agrees with "they" too
      ['his', 'warn', 'their'], // a determiner here: "meds" follows
      ['him', 'warn', 'them'],
      ['herself', 'warn', 'themself'],
    ]);
  });

  it('offers no fix where the grammar would change or the form is uncertain', () => {
    const text = 'Sam came in. He is tired and she has a cold. We told her. Her quietly waiting mattered.';
    const fs = run(text, [sam]).filter((f) => f.category === 'pronoun');
    assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.fix?.replacement]), [
      ['He', undefined], // "they is"
      ['she', undefined], // "they has"
      ['her', 'them'], // object: a full stop follows
      ['Her', undefined], // object or determiner: not decided by "quietly"
    ]);
    assert.deepEqual(fs[3]!.suggestions, ['them', 'their']);
  });

  it('never flags the person’s own pronouns, including contractions', () => {
    assert.deepEqual(run('Sam came. They said their meds help them; they’re fine and they\'ll return themselves.', [sam]), []);
  });

  it('never flags "they" for someone who uses he or she', () => {
    const p = { name: 'Alex Kim', pronouns: ['she/her'] };
    assert.deepEqual(run('Alex came. They said their plan works for them.', [p]), []);
  });

  it('lowers to info when someone else is mentioned nearby', () => {
    const fs = run('Sam came with a friend. He said it helped.', [sam]);
    assert.equal(fs[0]?.severity, 'info');
  });

  it('says nothing when the pronoun fits someone else named nearby', () => {
    assert.deepEqual(run('Sam came with their mother. She said it helped.', [sam]), []);
    assert.deepEqual(run('Sam met Mr Patel. He said it helped.', [sam]), []);
  });

  it('needs the person named, or to be the subject of the text', () => {
    assert.deepEqual(run('He said it helped.', [sam]), []);
    assert.equal(run('He said it helped.', [sam], { subject: 0 })[0]?.severity, 'warn');
  });

  it('ignores pronouns in quoted speech and in compounds', () => {
    assert.deepEqual(run('Sam said "he is my brother". Pronouns: he/him for the GP.', [sam]), []);
  });

  it('handles neopronouns and several sets', () => {
    const kai = { name: 'Kai', pronouns: ['xe/xem'] };
    assert.deepEqual(run('Kai came. Xe said xyr plan suits xem and xemself.', [kai]), []);
    assert.equal(run('Kai came. She said her plan helps.', [kai]).length, 2);
    const ash = { name: 'Ash', pronouns: ['he/they'] };
    assert.deepEqual(run('Ash came. He said they like their plan.', [ash]), []);
    assert.equal(run('Ash came. She left.', [ash]).length, 1);
    const ren = { name: 'Ren', pronouns: ['ze/hir'] };
    assert.deepEqual(run('Ren came. Ze said hir plan works.', [ren]), []);
    const eli = { name: 'Eli', pronouns: ['fae/faer'] };
    assert.deepEqual(run('Eli came. Fae said faer plan works.', [eli]), []);
    const bo = { name: 'Bo', pronouns: ['ey/em'] };
    assert.deepEqual(run('Bo came. Ey said eir plan works for em.', [bo]), []);
    const ne = { name: 'Nova', pronouns: ['ne/nem'] };
    assert.deepEqual(run('Nova came. Ne said it works for nem.', [ne]), []);
    assert.equal(run('Nova came. He said it works.', [ne])[0]?.severity, 'warn');
  });

  it('flags "they" for a neopronoun user as info at most', () => {
    const fs = run('Kai came. They said it helped.', [{ name: 'Kai', pronouns: ['xe/xem'] }]);
    assert.equal(fs[0]?.severity, 'info');
  });

  it('asks for the name for a name-only person', () => {
    const fs = run('Rowan came. She said it helped.', [{ name: 'Rowan', pronouns: [] }]);
    assert.equal(fs[0]?.severity, 'warn');
    assert.deepEqual(fs[0]?.suggestions, ['Rowan']);
  });

  it('treats "it" as a pronoun only when used of a person', () => {
    assert.equal(run('Sam came. It said no.', [sam])[0]?.category, 'pronoun');
    assert.deepEqual(run('Sam came. It was raining and it helped.', [sam]), []);
    assert.deepEqual(run('Sam came. It said no.', [{ name: 'Sam', pronouns: ['it/its'] }]), []);
  });
});

describe('titles, gendered words, avoided words', () => {
  it('warns for a title that is not theirs, with a fix; Dr is neutral', () => {
    const text = 'Dear Mr Rivera, Mr. Sam Rivera and Dr Rivera and Mx Rivera.';
    const fs = run(text, [sam]).filter((f) => f.category === 'title');
    assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.fix?.replacement]), [['Mr', 'Mx'], ['Mr', 'Mx']]);
  });

  it('makes no title judgement when the profile has none, and none for other people', () => {
    assert.deepEqual(run('Mr Rivera came.', [{ name: 'Sam Rivera' }]), []);
    assert.deepEqual(run('Sam met Mrs Patel.', [sam]), []);
  });

  it('warns for gendered words said of the person that are not theirs', () => {
    const text = 'Sam is a young man. Sam, a 30-year-old woman, came. A lady called Sam rang. Sam met a man.';
    const fs = run(text, [sam]).filter((f) => f.category === 'gendered-word');
    assert.deepEqual(spans(text, fs), ['man', 'woman', 'lady']);
    assert.deepEqual(run('Sam is a young man.', [{ name: 'Sam', genderWords: ['man'] }]), []);
    assert.deepEqual(run('Sam is a young man.', [{ name: 'Sam' }]), []);
  });

  it('warns for avoided words with what the person asked for, in any inflection', () => {
    const text = 'Examined breasts; left breast normal.';
    const fs = run(text, [sam]).filter((f) => f.category === 'avoided-word');
    assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.suggestions[0], f.fix?.replacement]), [['breasts', 'chest', 'chest'], ['breast', 'chest', undefined]]);
  });
});

describe('robustness', () => {
  it('returns nothing for empty text and handles a lone surrogate', () => {
    assert.deepEqual(run(''), []);
    assert.deepEqual(run('\ud800refused\udc00'), run('\ud800refused\udc00'));
    assert.equal(run('\ud800refused\udc00').length, 1);
  });

  it('keeps working after a different call (shared scratch space)', () => {
    const a = run('Sam refused.', [sam]);
    run('x '.repeat(5000) + 'refused', [sam]);
    assert.deepEqual(run('Sam refused.', [sam]), a);
  });
});
