// Reading the corpus marks and scoring the engine against them (used by corpus.test.ts and by
// `npm run bench:language`).
//
// Marks in a case's text (removed before checking):
//   [[…]]    a previous name: must be blocked, with exactly this span
//   {p:…}    a pronoun that misgenders the person: must be a warning
//   {g:…}    a gendered noun that does not fit the person: must be a warning
//   {t:…}    a title that is not the person's: must be a warning
//   {a:…}    a word the person asked to avoid: must be a warning
//   {?…}     genuinely ambiguous: any finding here (info or warning) is acceptable, none too
// A detection is a `warn` or `block` finding with the mark's category and exact span; `info`
// never counts as one. A warn or block finding on unmarked text is a false positive. Guide
// findings (the service's word list) are not scored here: the guide has tests of its own.

import { check, compileProfile, type CompiledGuide, type Finding, type FindingCategory, type PersonProfile } from '../index.ts';

export interface CorpusCase {
  id: string;
  /** The people the text is checked with; the first is the subject unless `subject` says. */
  people: PersonProfile[];
  text: string;
  /** Index of the person the text is about (default 0, as the app checks); null: none. */
  subject?: number | null;
  /** false: a known limitation, counted in the totals but not asserted case by case. */
  mustPass?: boolean;
  /** Why the case is here (or why it is not must-pass). */
  note?: string;
}

export interface Expected {
  category: FindingCategory | null;
  start: number;
  end: number;
  ambiguous: boolean;
}

const CATEGORY: Record<string, FindingCategory> = { p: 'pronoun', g: 'gendered-word', t: 'title', a: 'avoided-word' };

/** The text without marks, and what the marks expect. */
export function parseMarks(marked: string): { text: string; expected: Expected[] } {
  let text = '';
  const expected: Expected[] = [];
  let i = 0;
  while (i < marked.length) {
    if (marked.startsWith('[[', i)) {
      const end = marked.indexOf(']]', i);
      if (end < 0) throw new Error(`unclosed [[ in: ${marked}`);
      const inner = marked.slice(i + 2, end);
      expected.push({ category: 'previous-name', start: text.length, end: text.length + inner.length, ambiguous: false });
      text += inner;
      i = end + 2;
    } else if (marked[i] === '{' && (marked[i + 2] === ':' || marked[i + 1] === '?')) {
      const end = marked.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in: ${marked}`);
      const ambiguous = marked[i + 1] === '?';
      const inner = ambiguous ? marked.slice(i + 2, end) : marked.slice(i + 3, end);
      const category = ambiguous ? null : CATEGORY[marked[i + 1]!];
      if (category === undefined) throw new Error(`unknown mark {${marked[i + 1]}: in: ${marked}`);
      expected.push({ category, start: text.length, end: text.length + inner.length, ambiguous });
      text += inner;
      i = end + 1;
    } else text += marked[i++];
  }
  return { text, expected };
}

export interface CaseResult {
  id: string;
  text: string;
  /** Marks found (category and span), by category. */
  found: Expected[];
  missed: Expected[];
  /** warn/block findings on unmarked text. */
  wrong: Finding[];
  /** info findings on unmarked text (reported, not counted against precision). */
  infoNoise: Finding[];
  findings: Finding[];
}

const detects = (f: Finding): boolean => f.severity === 'warn' || f.severity === 'block';

export function runCase(c: CorpusCase, guide: CompiledGuide | undefined): CaseResult {
  const { text, expected } = parseMarks(c.text);
  const people = c.people.map((p) => compileProfile(p));
  const subject = c.subject === undefined ? 0 : c.subject;
  const findings = check(text, guide === undefined ? { people } : { guide, people }, subject === null ? { documentKind: 'person' } : { documentKind: 'person', subject });
  const person = findings.filter((f) => f.category !== 'guide');
  const found: Expected[] = [];
  const missed: Expected[] = [];
  for (const e of expected) {
    if (e.ambiguous) continue;
    if (person.some((f) => detects(f) && f.category === e.category && f.start === e.start && f.end === e.end)) found.push(e);
    else missed.push(e);
  }
  const marked = (f: Finding): boolean => expected.some((e) => (e.ambiguous ? f.start < e.end && f.end > e.start : f.category === e.category && f.start === e.start && f.end === e.end));
  const wrong = person.filter((f) => detects(f) && !marked(f));
  const infoNoise = person.filter((f) => !detects(f) && !marked(f));
  return { id: c.id, text, found, missed, wrong, infoNoise, findings };
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface CorpusScore {
  cases: number;
  results: CaseResult[];
  byCategory: Map<FindingCategory, Tally>;
  overall: Tally;
  infoNoise: number;
  ambiguousMarks: number;
}

export function scoreCorpus(cases: readonly CorpusCase[], guide: CompiledGuide | undefined): CorpusScore {
  const byCategory = new Map<FindingCategory, Tally>();
  const tally = (c: FindingCategory): Tally => {
    let t = byCategory.get(c);
    if (t === undefined) byCategory.set(c, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const results: CaseResult[] = [];
  let infoNoise = 0;
  let ambiguousMarks = 0;
  for (const c of cases) {
    const r = runCase(c, guide);
    results.push(r);
    for (const e of r.found) tally(e.category!).tp++;
    for (const e of r.missed) tally(e.category!).fn++;
    for (const f of r.wrong) tally(f.category).fp++;
    infoNoise += r.infoNoise.length;
    ambiguousMarks += parseMarks(c.text).expected.filter((e) => e.ambiguous).length;
  }
  for (const t of byCategory.values()) {
    overall.tp += t.tp;
    overall.fp += t.fp;
    overall.fn += t.fn;
  }
  return { cases: cases.length, results, byCategory, overall, infoNoise, ambiguousMarks };
}

export const precision = (t: Tally): number => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
export const recall = (t: Tally): number => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
