// Property tests: whatever the text, the engine does not throw, its spans and positions are
// right, its fixes remove what they fix, and it never repeats a previous name.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyFixes, check, compileGuide, compileProfile, normaliseNameWords, previousNameVariants, type Finding,
} from './index.ts';
import { languageGuide } from '../guide-data.ts';
import { setFullResolution } from './reference.ts';

const guide = compileGuide(languageGuide);

const words = [
  'Sam', 'Rivera', 'Jamie', 'jamie', 'JAMIE', 'Jamie’s', 'Zoë', 'Zoe', 'he', 'He', 'she', 'her', 'him', 'his',
  'they', 'them', 'xe', 'xem', 'it', 'Mr', 'Mrs', 'Mx', 'Dr', 'man', 'woman', 'is', 'a', 'the', 'and', 'refused',
  'complains', 'of', 'sex', 'change', 'sex-change', 'transgendered', 'transgender', 'preferred', 'pronouns',
  'breasts', 'breast', 'failed', 'to', 'attend', 'FTA', 'c/o', 'denies', 'claims', 'insurance', 'an', 'alcoholic',
  'diabetic', 'committed', 'suicide', 'wheelchair-bound', 'he/she', 'his/her', 'ladies', 'gentlemen', 'said',
  'mother', 'friend', 'Patel', 'called', 'named', 'patient', 'cross-sex', 'hormones', 'you', 'should', 'self-mutilation',
];
const seps = [' ', ' ', ' ', '. ', ', ', '\n', '\n\n', '"', '“', '”', '‘', '’', "'", '`', '```\n', '<b>', '</b>', '<!-- withme-ignore -->',
  '<!-- withme-ignore-next-line -->\n', '-', '/', '(', ')', 'https://x.org/', '@', '&amp;', '&rsquo;', '\u00ad', '\r\n', '\u2028'];

const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...seps), fc.string({ maxLength: 4 })), { maxLength: 80 }).map((a) => a.join(' ')) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...seps)), { maxLength: 80 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
);

const sam = compileProfile({
  name: 'Sam Rivera', title: 'Mx', pronouns: ['they/them'], genderWords: ['person'],
  avoid: [{ word: 'breasts', instead: ['chest'] }], previousNames: ['Jamie Rivera', 'Zoë'],
});
const alex = compileProfile({ name: 'Alex', pronouns: ['xe/xem'], previousNames: ['Alexander'] });
const rules = { guide, people: [sam, alex] };

/** Line and column computed independently from the engine. */
function position(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') {
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}

function assertWellFormed(text: string, findings: Finding[]): void {
  for (const f of findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end));
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `span ${f.start}-${f.end} of ${text.length}`);
    assert.deepEqual([f.line, f.column], position(text, f.start));
    assert.ok(['block', 'warn', 'info'].includes(f.severity));
    assert.ok(f.message.length > 0);
    if (f.fix) assert.ok(f.fix.start >= f.start && f.fix.end <= f.end);
  }
}

describe('properties', () => {
  it('never throws, and every span lies inside the text with the right line and column', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom<object>({}, { subject: 0 }, { markup: false }, { documentKind: 'service-document' }), (text, options) => {
        const findings = check(text, rules, options);
        assertWellFormed(text, findings);
        assertWellFormed(text, check(text, { guide }, options));
      }),
      { numRuns: 400 },
    );
  });

  it('copes with huge inputs', () => {
    const unit = 'Sam refused the sex-change; he said “Jamie’s” <b>x</b> `code` https://a.b/c \ud800 ';
    const text = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const findings = check(text, rules);
    assert.ok(findings.length > 10_000);
    assertWellFormed(text.slice(0, 10_000), findings.filter((f) => f.end <= 10_000));
    assert.ok(findings.every((f) => f.end <= text.length));
    assert.doesNotThrow(() => check('\ud800'.repeat(100_000) + '“'.repeat(100_000) + '<'.repeat(50_000), rules));
  });

  it('applying the fixes and checking again leaves none of the fixed findings', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const findings = check(text, rules);
        const fixed = findings.filter((f) => f.fix !== undefined).sort((a, b) => a.fix!.start - b.fix!.start);
        const applied: { at: number; length: number; ruleId: string }[] = [];
        let delta = 0;
        let last = 0;
        for (const f of fixed) {
          if (f.fix!.start < last) continue;
          applied.push({ at: f.fix!.start + delta, length: f.fix!.replacement.length, ruleId: f.ruleId });
          delta += f.fix!.replacement.length - (f.fix!.end - f.fix!.start);
          last = f.fix!.end;
        }
        const after = applyFixes(text, findings);
        const again = check(after, rules);
        for (const a of applied) {
          const back = again.find((g) => g.ruleId === a.ruleId && g.start >= a.at && g.start < a.at + Math.max(1, a.length));
          assert.equal(back, undefined, `fix for ${a.ruleId} did not hold in: ${JSON.stringify(after)}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('no message, reason, suggestion or fix ever contains a previous name', () => {
    const nameWord = fc.oneof(
      fc.constantFrom('Jamie', 'Refused', 'Claims', 'He', 'They', 'Sam', 'Person', 'Chest', 'Declined', 'Mx', 'Use', 'Name', 'Zoë', 'Transition', 'Reports', 'Rivera'),
      fc.stringMatching(/^[A-Z][a-z]{1,7}$/),
    );
    const fullName = fc.array(nameWord, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fullName, fc.array(fullName, { minLength: 1, maxLength: 2 }), textArb, (name, previousNames, filler) => {
        const profile = compileProfile({ name, title: 'Mx', pronouns: ['they/them'], genderWords: ['person'], avoid: [{ word: 'breasts', instead: ['chest'] }], previousNames });
        const text = `${previousNames.join(' and ')} ${filler} ${name} refused; he said ${previousNames[0]}’s plan. Mr ${name}.`;
        const variants = previousNames.flatMap((p) => previousNameVariants(p, name));
        for (const f of check(text, { guide, people: [profile] }, { subject: 0 })) {
          for (const said of [f.message, f.reason, ...f.suggestions, f.fix?.replacement ?? '']) {
            const norm = ` ${normaliseNameWords(said)} `;
            for (const v of variants) assert.ok(!norm.includes(` ${v} `), `“${v}” in ${f.ruleId}: ${said}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never flags a pronoun that is the person’s own, in letters about several people with any pronoun sets', () => {
    const sets = ['they/them', 'he/him', 'she/her', 'he/they', 'she/they', 'xe/xem', 'ze/hir', 'ze/zir', 'ey/em', 'fae/faer', 've/ver', 'it/its', 'ne/nem', 'any'];
    const letterWords = [
      'Dear', 'Dr', 'Okafor', ',', 'Re:', 'Robin', 'Hale', 'Kai', 'GP', 'mother', 'father', 'partner', 'consultant', 'Mr', 'Mrs',
      'Ms', 'Mx', 'Shah', 'said', 'told', 'the', 'a', 'and', 'that', 'with', 'to', 'her', 'his', 'he', 'she', 'they', 'them',
      'their', 'him', 'himself', 'herself', 'xe', 'xem', 'xyr', 'ze', 'hir', 'zir', 'ey', 'em', 'eir', 'fae', 'faer', 've',
      'ver', 'vis', 'it', 'its', 'ne', 'nem', 'man', 'woman', 'young', 'this', 'person', 'Yours', 'sincerely', 'attended',
    ];
    const letter = fc.array(fc.oneof(fc.constantFrom(...letterWords), fc.constantFrom(' ', ' ', '. ', ', ', '; ', '\n', '\n\n', '"')), { maxLength: 120 }).map((a) => a.join(' '));
    fc.assert(
      fc.property(fc.constantFrom(...sets), fc.constantFrom(...sets), letter, fc.constantFrom<object>({}, { subject: 0 }, { subject: 1 }), (a, b, text, options) => {
        const people = [compileProfile({ name: 'Robin Hale', pronouns: [a] }), compileProfile({ name: 'Kai', pronouns: [b] })];
        const own = people.map((p) => p.pronouns);
        for (const f of check(text, { people }, options)) {
          if (f.category !== 'pronoun' || f.person === undefined) continue;
          const word = normaliseNameWords(text.slice(f.start, f.end));
          const mine = own[f.person]!;
          assert.ok(!mine.any && !mine.forms.has(word), `${a}/${b}: own pronoun “${word}” of person ${f.person} flagged in ${JSON.stringify(text)}`);
          if (mine.usesHeOrShe) assert.notEqual(word, 'they', 'they is never wrong for a he or she user');
          // what it suggests is theirs
          for (const x of f.suggestions) if (x !== 'Robin' && x !== 'Kai' && !x.includes('/')) assert.ok(mine.forms.has(x), `suggested “${x}” for ${f.person}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same findings whether it resolves every word or only those near a possible finding', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const windowed = check(text, rules, { subject: 0 });
        setFullResolution(true);
        try {
          assert.deepEqual(check(text, rules, { subject: 0 }), windowed);
        } finally {
          setFullResolution(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never flags a pronoun that is the person’s own', () => {
    const own = ['they', 'them', 'their', 'theirs', 'themself', 'themselves', 'xe', 'xem', 'xyr', 'xyrs', 'xemself'];
    fc.assert(
      fc.property(textArb, (text) => {
        for (const f of check(text, rules)) {
          if (f.category !== 'pronoun') continue;
          const word = normaliseNameWords(text.slice(f.start, f.end));
          const owner = f.person === 0 ? own.slice(0, 6) : own.slice(6);
          assert.ok(!owner.includes(word), `own pronoun “${word}” flagged`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
