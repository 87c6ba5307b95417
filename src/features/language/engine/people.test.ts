// A varied test set of notes about people: neopronouns, several people in one note, quotes,
// possessives, accents, curly apostrophes, names inside other words. In each case text, {…}
// marks a pronoun that is wrong for the person it refers to and [[…]] a previous name. The
// checks: every previous name is caught (block, exact span) and nothing else is; no pronoun
// finding ever lands on an unmarked word (a correct pronoun); every marked pronoun is found.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, compileGuide, compileProfile, type PersonProfile } from './index.ts';
import { languageGuide } from '../guide-data.ts';

interface Case {
  name: string;
  people: PersonProfile[];
  text: string;
  subject?: number;
}

const sam: PersonProfile = { name: 'Sam Rivera', title: 'Mx', pronouns: ['they/them'], previousNames: ['Jamie Rivera'] };
const alex: PersonProfile = { name: 'Alex Kim', title: 'Ms', pronouns: ['she/her'], previousNames: ['Daniel Kim'] };
const kai: PersonProfile = { name: 'Kai Ndlovu', pronouns: ['xe/xem'], previousNames: ['Katherine Ndlovu'] };
const ash: PersonProfile = { name: 'Ash Patel', pronouns: ['he/they'], previousNames: ['Asha Patel'] };
const zoe: PersonProfile = { name: 'Zoë Martín', pronouns: ['she/her'], previousNames: ['José Martín'] };
const ren: PersonProfile = { name: 'Ren', pronouns: ['ze/hir'], previousNames: ['Renée'] };
const eli: PersonProfile = { name: 'Eli', pronouns: ['fae/faer'], previousNames: ['Elijah'] };
const bo: PersonProfile = { name: 'Bo', pronouns: ['ey/em'], previousNames: ['Bobby'] };
const rowan: PersonProfile = { name: 'Rowan Hale', pronouns: [], previousNames: ['Robert Hale'] };
const dan: PersonProfile = { name: 'Dan Okafor', pronouns: ['he/him'], previousNames: ['Danielle Okafor'] };
const al: PersonProfile = { name: 'Al', pronouns: ['he/him'], previousNames: ['Alison'] };

const cases: Case[] = [
  { name: 'singular they, all forms', people: [sam], text: 'Sam attended. They said their plan suits them; they’re happier and they\'ve kept it up themselves.' },
  { name: 'misgendering with he', people: [sam], text: 'Sam attended. {He} said {his} plan helps. We gave {him} a leaflet.' },
  { name: 'she/her, they is never wrong', people: [alex], text: 'Alex came in. She said her partner helps. They both attended; they said it was useful for her.' },
  { name: 'she/her misgendered', people: [alex], text: 'Alex came in. {He} said the plan helps {him}.' },
  { name: 'neopronoun xe', people: [kai], text: 'Kai arrived early. Xe said xyr sleep is better and asked us to call xem. Xe manages it xemself.' },
  { name: 'neopronoun misgendered', people: [kai], text: 'Kai arrived early. {She} said {her} sleep is better.' },
  { name: 'several sets', people: [ash], text: 'Ash came. He said they like their new job; his manager is supportive of him and them.' },
  { name: 'ze/hir', people: [ren], text: 'Ren rang. Ze said hir letter arrived and asked us to send hirs too.' },
  { name: 'fae/faer', people: [eli], text: 'Eli phoned. Fae said faer appointment suits faerself.' },
  { name: 'ey/em', people: [bo], text: 'Bo phoned. Ey said eir appointment suits em.' },
  { name: 'name only', people: [rowan], text: 'Rowan came. {He} said Rowan’s plan helps.' },
  { name: 'two people, each their own pronouns', people: [sam, alex], text: 'Sam and Alex came together. Alex said she was tired. Sam said they were fine. She left first.' },
  { name: 'two people, he and she', people: [dan, alex], text: 'Dan met Alex. He said the group helped; she agreed with him.' },
  { name: 'relative mentioned', people: [sam], text: 'Sam came with their mother. She said Sam is doing well and her support helps.' },
  { name: 'staff mentioned', people: [sam], text: 'Sam saw Dr Patel. He explained the options to Sam and they agreed.' },
  { name: 'quoted speech', people: [sam], text: 'Sam said “my dad calls me his son, and he is wrong”. They were upset.' },
  { name: 'quoted speech, straight quotes', people: [alex], text: 'Alex said "he never listens" about her brother.' },
  { name: 'possessives and curly apostrophes', people: [sam], text: 'Sam’s GP wrote. [[Jamie’s]] old records were corrected. [[Jamie Rivera]]\'s letter was destroyed.' },
  { name: 'previous name in any case, with accents', people: [zoe], text: 'Zoë came. Records for [[JOSÉ]] and [[jose martin]] and [[José Martín’s]] file. She is pleased.' },
  { name: 'accents stripped in text', people: [zoe], text: 'Zoe came. [[Jose]] is no longer used. Josefina is her friend.' },
  { name: 'names inside other words', people: [al], text: 'Al rang. He said [[Alisons]] (a stray s) is caught, Alisonian is not a name; [[Alison]] is. [[Alison]]-like too? No. Al’s fine.' },
  { name: 'name inside words, short name', people: [bo], text: 'Bo came. Ey said Bobbyish is a word, but [[Bobby]] is not used. [[Bobby]]-pins? Ey laughed.' },
  { name: 'hyphenated previous name', people: [kai], text: 'Kai wrote. [[Katherine]]-era forms and [[Katherine Ndlovu]] on the file were removed.' },
  { name: 'previous name across a line break', people: [sam], text: 'Letter addressed to [[Jamie\nRivera]] in error.' },
  { name: 'previous name in markdown and html', people: [sam], text: '# Note\n\nSam came. See `[[jamie]]` and <a title="[[Jamie Rivera]]">link</a> and mailto:[[jamie]].x@nhs.net.' },
  { name: 'subject of a note without the name', people: [dan], subject: 0, text: 'Attended clinic. He said his mood is better. His partner came; she drove.' },
  { name: 'subject misgendered without the name', people: [dan], subject: 0, text: 'Attended clinic. {She} said {her} mood is better.' },
  { name: 'three people', people: [sam, dan, kai], text: 'Sam, Dan and Kai met. Dan said he liked it. Kai said xe did too. Sam said they would come back.' },
  { name: 'it used of things', people: [sam], text: 'Sam came. It was raining. They said it helped and its timing was good.' },
  { name: 'it used of the person', people: [sam], text: 'Sam came. {It} said no.' },
  { name: 'title and names', people: [sam], text: 'Dear Mx Rivera, thank you. Mx Sam Rivera attended with their friend Jo.' },
];

/** Strips the {…} and [[…]] marks, returning the text and the marked spans. */
function parse(marked: string): { text: string; wrong: [number, number][]; previous: [number, number][] } {
  let text = '';
  const wrong: [number, number][] = [];
  const previous: [number, number][] = [];
  let i = 0;
  while (i < marked.length) {
    if (marked.startsWith('[[', i)) {
      const end = marked.indexOf(']]', i);
      const inner = marked.slice(i + 2, end);
      previous.push([text.length, text.length + inner.replace(/[’']s$/, '').length]);
      text += inner;
      i = end + 2;
    } else if (marked[i] === '{') {
      const end = marked.indexOf('}', i);
      const inner = marked.slice(i + 1, end);
      wrong.push([text.length, text.length + inner.length]);
      text += inner;
      i = end + 1;
    } else text += marked[i++];
  }
  return { text, wrong, previous };
}

const guide = compileGuide(languageGuide);

describe('varied test set', () => {
  let previousCaught = 0;
  let wrongCaught = 0;
  for (const c of cases) {
    it(c.name, () => {
      const { text, wrong, previous } = parse(c.text);
      const people = c.people.map((p) => compileProfile(p));
      const findings = check(text, { guide, people }, c.subject === undefined ? {} : { subject: c.subject });

      const prev = findings.filter((f) => f.category === 'previous-name');
      assert.deepEqual(prev.map((f) => [f.start, f.end]), previous, `previous names in: ${text}`);
      assert.ok(prev.every((f) => f.severity === 'block'));
      previousCaught += prev.length;

      const pron = findings.filter((f) => f.category === 'pronoun');
      for (const f of pron) {
        assert.ok(wrong.some(([s, e]) => s === f.start && e === f.end), `correct pronoun flagged: “${text.slice(f.start, f.end)}” in: ${text}`);
      }
      for (const [s, e] of wrong) {
        assert.ok(pron.some((f) => f.start === s && f.end === e), `wrong pronoun missed: “${text.slice(s, e)}” in: ${text}`);
      }
      wrongCaught += wrong.length;

      for (const f of findings) {
        const said = [f.message, f.reason, ...f.suggestions, f.fix?.replacement ?? ''].join('\n');
        for (const p of c.people) {
          for (const old of p.previousNames ?? []) {
            for (const word of old.split(' ')) {
              if (p.name.includes(word)) continue;
              assert.ok(!said.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}]+/u).includes(word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()), `previous name repeated in: ${said}`);
            }
          }
        }
      }
    });
  }
  it('covers enough ground', () => {
    assert.ok(cases.length >= 30);
    assert.ok(previousCaught >= 15, String(previousCaught));
    assert.ok(wrongCaught >= 10, String(wrongCaught));
  });
});
