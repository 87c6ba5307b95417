// check(): one tokenisation pass, then one pass over the words doing every look-up (guide trie,
// the person's avoided words, names, pronouns, titles, gendered words), then a short pass over
// the few candidates that need context (pronouns, titles, gendered words).

import type { CheckOptions, Finding, Severity } from './types.ts';
import type { CompiledGuide, CompiledProfile, CompiledRule, TermMatch, TrieNode } from './compile.ts';
import { vocabularyFor, type Vocabulary, type WordInfo } from './vocab.ts';
import { longestAt, maxNameTokens, mayStart, scanPreviousNames, tightLink, widenRuns, type PreviousHit } from './previous.ts';
import { visualOrder } from './visual.ts';
import { EV_NAME, EV_NAMED, EV_NOUN, EV_PRONOUN, EV_SUBJECT_NOUN, EV_TITLE, EV_TITLE_PERSON, lineAt, namedVerbs, pushEvent, resetEvents, resolveReferences } from './reference.ts';
import {
  SEP_COMMA, SEP_DOT, SEP_HYPHEN, SEP_NEWLINE, SEP_PARAGRAPH, SEP_PUNCT, SEP_QUOTE, SEP_REGION, SEP_SENTENCE,
  SEP_SLASH, SEP_SPACE, TF_ALLCAPS, TF_APOSTROPHE, TF_CAPITAL, TF_LEGACY, TF_ODD, TF_QUOTED, TF_SINGLE, keyOf, tokenise, type TokenStream, type Tokenised,
} from './tokenise.ts';
import { functionWords, stripClitic } from './lexicon.ts';

export interface Rules {
  guide?: CompiledGuide;
  people?: readonly CompiledProfile[];
}

const FLEX_BAD = ~(SEP_SPACE | SEP_NEWLINE | SEP_HYPHEN);

const flexOk = (sep: number): boolean => (sep & FLEX_BAD) === 0;
const slashOk = (sep: number): boolean => (sep & SEP_SLASH) !== 0 && (sep & ~(SEP_SPACE | SEP_SLASH)) === 0;
const gluedOk = (sep: number): boolean =>
  (sep & SEP_PUNCT) !== 0 && (sep & (SEP_SPACE | SEP_NEWLINE | SEP_SENTENCE | SEP_PARAGRAPH | SEP_REGION)) === 0;

// Scratch space reused between calls (check is synchronous).
let mentionOf = new Int32Array(1024);
let previousOf = new Int32Array(1024);

const PREVIOUS_MESSAGE = 'A name this person no longer uses.';
const PREVIOUS_REASON =
  'Using a name someone no longer uses can out them and cause real harm; it must not appear in what the service writes.';

interface Ctx {
  text: string;
  tk: Tokenised;
  people: readonly CompiledProfile[];
  findings: Finding[];
  serviceDocument: boolean;
  subject: number;
  /** Hashed previous names: which words of this text could be part of one. */
  wordCache: Map<string, boolean>;
  /** Previous-name findings of the display-order pass. */
  visual: Finding[];
}

function blankFinding(
  ruleId: string, category: Finding['category'], severity: Severity, start: number, end: number,
  message: string, reason: string, suggestions: string[],
): Finding {
  return { ruleId, category, severity, start, end, line: 0, column: 0, message, reason, suggestions };
}

/** Keeps the capital of the original's first letter. */
function matchCase(original: string, replacement: string): string {
  if (replacement.length === 0) return replacement;
  const o = original.charAt(0);
  if (o !== o.toLowerCase() && o === o.toUpperCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

// ---------------------------------------------------------------------------------------------
// Previous names

const NEUTRAL_MESSAGE = 'These letters may spell a name this person no longer uses: write words in full, without spacing letters out.';

function previousFinding(ctx: Ctx, s: TokenStream, prose: boolean, k: number, hit: PreviousHit, span?: [number, number]): void {
  const p = ctx.people[k]!;
  const { first: i, last, words, neutral } = hit;
  const start = span?.[0] ?? s.start[i]!;
  const end = span?.[1] ?? s.keyEnd[last]!;
  // overlaps come from the display-order pass or from two people's names on the same words:
  // look at those and at the last few findings only (a long text stays linear)
  const all = ctx.findings;
  const nv = all.length > 8 ? ctx.visual.length : 0;
  for (let x = all.length > 8 ? -nv : 0; x < all.length; x++) {
    if (x === 0 && all.length > 8) x = all.length - 8;
    const g = x < 0 ? ctx.visual[x + nv]! : all[x]!;
    if (g.category === 'previous-name' && g.start < end && g.end > start) {
      // already found (the visual pass, or another person's): widen, never duplicate
      g.start = Math.min(g.start, start);
      g.end = Math.max(g.end, end);
      if (g.fix !== undefined) g.fix = { ...g.fix, start: g.start, end: g.end };
      if (prose) for (let j = i; j <= last; j++) previousOf[j] = k + 1;
      return;
    }
  }
  const f = blankFinding('previous-name', 'previous-name', 'block', start, end,
    neutral ? NEUTRAL_MESSAGE : `${PREVIOUS_MESSAGE} Use ${p.name === p.firstName || words > 1 ? p.name : 'their name'}.`, PREVIOUS_REASON,
    p.name === p.firstName ? [p.name] : [p.name, p.firstName]);
  // Replacing a whole name, or a one-word name with a one-word name, cannot pick the wrong part.
  if (!neutral && (words > 1 || p.name === p.firstName)) f.fix = { start: f.start, end: f.end, replacement: p.name };
  f.person = k;
  ctx.findings.push(f);
  if (prose) for (let j = i; j <= last; j++) previousOf[j] = k + 1;
}

const PREVIOUS_FLAGS = TF_ODD | TF_APOSTROPHE | TF_LEGACY;

/** A previous name starting at prose token i: plain names are in the vocabulary (with a stray
 * "s"); hashed ones are tested word by word; disguised spellings by their marks. */
function proseHitAt(ctx: Ctx, s: TokenStream, i: number, info: WordInfo | undefined, previousPeople: readonly number[], proseHits: PreviousHit[][]): void {
  const people = ctx.people;
  const n = s.count;
  let odd = (s.flags[i]! & PREVIOUS_FLAGS) !== 0;
  if (!odd && i + 1 < n) {
    const sepN = s.sep[i + 1]!;
    odd = sepN !== SEP_SPACE ? (sepN & (SEP_SENTENCE | SEP_COMMA | SEP_PARAGRAPH)) === 0 && tightLink(s, i + 1) : tightLink(s, i + 1);
  }
  for (let q = 0; q < previousPeople.length; q++) {
    const k = previousPeople[q]!;
    const P = people[k]!;
    const m = P.previous!;
    const could = odd || (info !== undefined && info.previous !== null && info.previous.includes(k)) || (m.hashed !== null && mayStart(m, s, i, P.nameWords, ctx.wordCache));
    if (!could) continue;
    const best = longestAt(m, s, i, P.nameWords, ctx.wordCache);
    if (best === null) continue;
    proseHits[k]!.push({ first: i, last: best.last, words: best.words, neutral: false });
    for (let j = i; j <= best.last; j++) previousOf[j] = k + 1;
    return;
  }
}

const hitScratch: PreviousHit[] = [];

/** Every previous name of person k in a stream. */
function scanPrevious(ctx: Ctx, s: TokenStream, prose: boolean, k: number): void {
  const p = ctx.people[k]!;
  hitScratch.length = 0;
  scanPreviousNames(p.previous!, s, p.nameWords, ctx.wordCache, hitScratch);
  for (const h of hitScratch) previousFinding(ctx, s, prose, k, h);
}

/**
 * Text shown right to left by a bidirectional override (U+202E) is read in the order it is
 * displayed: "\u202Enadroj\u202C" shows as "jordan". The display order is checked for previous
 * names; a finding covers the whole override in the original text.
 */
function scanVisual(ctx: Ctx, text: string, markup: boolean): void {
  const v = visualOrder(text);
  if (v === null) return;
  const tk = tokenise(v.text, markup);
  // Only lines holding a bidirectional control are reordered, and a finding here must cover a
  // reordered position: names are looked for from twice the most tokens a name can cover before
  // the first such line to the last (the main pass finds the others, in the same words).
  const controls = /[\u202a-\u202e\u2066-\u2069]/g;
  let lo = -1;
  let hi = -1;
  for (let m = controls.exec(text); m !== null; m = controls.exec(text)) {
    if (lo < 0) lo = m.index;
    hi = m.index;
  }
  lo = text.lastIndexOf('\n', lo) + 1;
  const nl = text.indexOf('\n', hi);
  hi = nl < 0 ? text.length : nl;
  for (let k = 0; k < ctx.people.length; k++) {
    const p = ctx.people[k]!;
    if (p.previous === null) continue;
    const margin = 2 * maxNameTokens(p.previous);
    for (const s of [tk.prose, tk.other]) {
      let first = 0;
      while (first < s.count && s.end[first]! <= lo) first++;
      let last = first;
      while (last < s.count && s.start[last]! < hi) last++;
      hitScratch.length = 0;
      scanPreviousNames(p.previous, s, p.nameWords, ctx.wordCache, hitScratch, first - margin, last);
      for (const h of hitScratch) {
        const span = v.original(s.start[h.first]!, s.keyEnd[h.last]!);
        if (span !== null) {
          previousFinding(ctx, s, false, k, h, span);
          ctx.visual = ctx.findings.filter((f) => f.category === 'previous-name');
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Phrase matching

function walk(first: TrieNode, s: TokenStream, i: number): { match: TermMatch; last: number } | null {
  let node = first;
  let best: TermMatch | null = node.match;
  let bestLast = i;
  let j = i;
  const n = s.count;
  while (node.children !== null && j + 1 < n) {
    const sep = s.sep[j + 1]!;
    let c: TrieNode | null | undefined = node.children.get(s.hash[j + 1]!);
    if (c === undefined) break;
    const key = keyOf(s, j + 1);
    let next: TrieNode | undefined;
    for (; c !== undefined && c !== null; c = c.alt) {
      if (c.word === key && (c.join === ' ' ? flexOk(sep) : c.join === '/' ? slashOk(sep) : gluedOk(sep))) {
        next = c;
        break;
      }
    }
    if (next === undefined) break;
    node = next;
    j++;
    if (node.match !== null) {
      best = node.match;
      bestLast = j;
    }
  }
  return best === null ? null : { match: best, last: bestLast };
}

function looksLikeVerb(key: string): boolean {
  const l = key.length;
  if (l < 3) return false;
  if (key.endsWith('ed')) return true;
  return key.charCodeAt(l - 1) === 115 && !key.endsWith('ss') && !key.endsWith('is') && !key.endsWith('us');
}

function ruleApplies(ctx: Ctx, rule: CompiledRule, m: TermMatch, s: TokenStream, i: number, last: number): boolean {
  if (rule.serviceOnly && !ctx.serviceDocument) return false;
  if (rule.exceptBefore !== null && i > 0 && flexOk(s.sep[i]!) && rule.exceptBefore.has(keyOf(s, i - 1))) return false;
  const after = last + 1 < s.count && flexOk(s.sep[last + 1]!) && (s.sep[last + 1]! & SEP_NEWLINE) === 0 ? keyOf(s, last + 1) : null;
  if (after !== null && rule.exceptAfter !== null) {
    if (rule.exceptAfter.has(after)) return false;
    // "victim of an assault": look past an article
    if ((after === 'a' || after === 'an' || after === 'the') && last + 2 < s.count && flexOk(s.sep[last + 2]!) && rule.exceptAfter.has(keyOf(s, last + 2))) return false;
  }
  if (m.nounCheck && after !== null && !functionWords.has(after) && !looksLikeVerb(after)) return false;
  if (rule.category === 'guide') {
    for (const p of ctx.people) if (p.allow.size > 0 && (p.allow.has(rule.id) || p.allow.has(m.phrase))) return false;
  }
  return true;
}

function phraseFinding(ctx: Ctx, m: TermMatch, s: TokenStream, i: number, last: number, person: number): void {
  const rule = m.rule;
  const start = s.start[i]!;
  const end = s.keyEnd[last]!;
  const quoted = (s.flags[i]! & TF_QUOTED) !== 0;
  const matched = ctx.text.slice(start, end);
  const f = blankFinding(
    rule.ruleId, rule.category, quoted ? 'info' : rule.severity, start, end,
    `“${matched}”: ${rule.message}${quoted ? ' (In quoted speech: keep the person’s own words if they are theirs.)' : ''}`,
    rule.reason, [...rule.suggestions],
  );
  if (m.fix !== undefined) f.fix = { start, end, replacement: matchCase(matched, m.fix) };
  if (rule.sources !== undefined) f.sources = [...rule.sources];
  if (person >= 0) f.person = person;
  ctx.findings.push(f);
}

// ---------------------------------------------------------------------------------------------
// Mentions of people

/** A capitalised word in the middle of a sentence that is probably someone's name. */
function nameLike(s: TokenStream, i: number, vocab: Vocabulary): boolean {
  const sep = s.sep[i]!;
  if (i === 0 || (sep & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_NEWLINE | SEP_QUOTE | SEP_REGION)) !== 0) {
    // at the start of a sentence every word has a capital: a name only if a person's verb or a
    // possessive follows ("Priti said", "Marcus's")
    if (s.keyEnd[i]! < s.end[i]!) return true;
    return i + 1 < s.count && flexOk(s.sep[i + 1]!) && namedVerbs.has(keyOf(s, i + 1));
  }
  if ((sep & SEP_PUNCT) !== 0 && (sep & SEP_COMMA) === 0) return false;
  // part of a run of capitalised words naming a place or an organisation?
  for (let j = i + 1; j < s.count && j <= i + 4; j++) {
    if ((s.flags[j]! & TF_CAPITAL) === 0 || !flexOk(s.sep[j]!)) break;
    if (vocab.lookup(s, j)?.organisation === true) return false;
  }
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if ((s.flags[j]! & TF_CAPITAL) === 0 || !flexOk(s.sep[j + 1]!)) break;
    if (vocab.lookup(s, j)?.organisation === true) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Ignore markers, positions, redaction

function lineIndex(tk: Tokenised, offset: number): number {
  let lo = 0;
  let hi = tk.lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tk.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function applyIgnores(ctx: Ctx): Finding[] {
  const tk = ctx.tk;
  if (tk.markers.length === 0) return ctx.findings;
  const regions: { from: number; to: number; rules: string[] }[] = [];
  const lineEnd = (line: number): number => (line + 1 < tk.lineCount ? tk.lineStarts[line + 1]! : ctx.text.length);
  let open: { from: number; rules: string[] } | null = null;
  for (const m of tk.markers) {
    const line = lineIndex(tk, m.at);
    if (m.kind === 'line') regions.push({ from: tk.lineStarts[line]!, to: lineEnd(line), rules: m.rules });
    else if (m.kind === 'next-line') {
      const next = lineIndex(tk, m.after) + 1;
      if (next < tk.lineCount) regions.push({ from: tk.lineStarts[next]!, to: lineEnd(next), rules: m.rules });
    } else if (m.kind === 'start') open ??= { from: m.after, rules: m.rules };
    else if (open !== null) {
      regions.push({ from: open.from, to: m.at, rules: open.rules });
      open = null;
    }
  }
  if (open !== null) regions.push({ from: open.from, to: ctx.text.length, rules: open.rules });
  return ctx.findings.filter((f) => {
    if (f.severity === 'block') return true;
    for (const r of regions) {
      if (f.start >= r.from && f.start < r.to && (r.rules.length === 0 || r.rules.includes(f.ruleId) || r.rules.includes(f.category))) return false;
    }
    return true;
  });
}

function containsPrevious(p: CompiledProfile, str: string, cache: Map<string, boolean>, wordCache: Map<string, boolean>): boolean {
  let hit = cache.get(str);
  if (hit !== undefined) return hit;
  const t = tokenise(str, false).prose;
  hitScratch.length = 0;
  scanPreviousNames(p.previous!, t, p.nameWords, wordCache, hitScratch);
  hit = hitScratch.length > 0;
  if (!hit && str.includes('\u202e')) {
    const v = visualOrder(str);
    if (v !== null) scanPreviousNames(p.previous!, tokenise(v.text, false).prose, p.nameWords, wordCache, hitScratch);
    hit = hitScratch.length > 0;
  }
  cache.set(str, hit);
  return hit;
}

const FALLBACK_PREVIOUS = [PREVIOUS_MESSAGE, 'Not a name to use.', 'Do not use this.', '✖'];
const FALLBACK_MESSAGE = ['Review this wording.', 'Review this.', '✖'];
const FALLBACK_REASON = ['Wording to review.', 'See the language guide.', '✖'];

/** Nothing the engine says may repeat a previous name, whatever the rules and names contain:
 * any text that would is replaced by the first fallback that does not (the last has no words). */
function redact(findings: Finding[], people: readonly CompiledProfile[]): void {
  for (const p of people) {
    const m = p.previous;
    if (m === null) continue;
    if (m.checkedText.size > 20000) m.checkedText.clear();
    const words = new Map<string, boolean>();
    const bad = (x: string): boolean => containsPrevious(p, x, m.checkedText, words);
    const safe = (options: string[]): string => options.find((o) => !bad(o)) ?? '✖';
    for (const f of findings) {
      if (bad(f.message)) f.message = safe(f.category === 'previous-name' ? FALLBACK_PREVIOUS : FALLBACK_MESSAGE);
      if (bad(f.reason)) f.reason = safe(FALLBACK_REASON);
      if (f.suggestions.some(bad)) f.suggestions = f.suggestions.filter((x) => !bad(x));
      if (f.fix !== undefined && bad(f.fix.replacement)) delete f.fix;
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Checks `text` against a compiled guide and compiled person profiles. Never throws on any
 * string. Findings are sorted by position.
 */
export function check(text: string, rules: Rules, options: CheckOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const people = rules.people ?? [];
  const guide = rules.guide;
  const ctx: Ctx = {
    text,
    tk: null as unknown as Tokenised,
    people,
    findings: [],
    serviceDocument: options.documentKind !== undefined ? options.documentKind === 'service-document' : people.length === 0,
    subject: options.subject ?? -1,
    wordCache: new Map(),
    visual: [],
  };
  // before the main tokenisation: the visual pass tokenises a text of its own
  if (people.some((p) => p.previous !== null)) scanVisual(ctx, text, options.markup !== false);
  const tk = tokenise(text, options.markup !== false);
  ctx.tk = tk;
  const s = tk.prose;
  const n = s.count;
  if (mentionOf.length < n) {
    mentionOf = new Int32Array(n * 2);
    previousOf = new Int32Array(n * 2);
  } else {
    mentionOf.fill(0, 0, n);
    previousOf.fill(0, 0, n);
  }
  resetEvents();

  const vocab = vocabularyFor(guide, people);
  // previous names: the markup stream here, the prose in the main pass below
  const previousPeople: number[] = [];
  for (let k = 0; k < people.length; k++) {
    if (people[k]!.previous === null) continue;
    previousPeople.push(k);
    scanPrevious(ctx, tk.other, false, k);
  }
  const proseHits: PreviousHit[][] = previousPeople.length > 0 ? people.map(() => []) : [];
  const nPrevious = previousPeople.length;
  let anyHashed = false;
  for (const k of previousPeople) if (people[k]!.previous!.hashed !== null) anyHashed = true;

  const soleSubject = people.length === 1;
  // pronouns matter only when someone's pronouns are known and not "any"
  const anyPronounRules = people.some((p) => !p.pronouns.unknown && !p.pronouns.any);
  let guideFrom = 0;
  const avoidFrom: number[] = people.map(() => 0);
  for (let i = 0; i < n; i++) {
    const flags = s.flags[i]!;
    const sepI = s.sep[i]!;
    const sent = s.sentence[i]!;
    if (i === 0 || (sepI & (SEP_NEWLINE | SEP_PARAGRAPH)) !== 0) lineAt(i, i > 0 && (sepI & SEP_PARAGRAPH) !== 0);
    const info = vocab.lookup(s, i);
    // a previous name starting here? (cheap tests inline; the search in a function of its own)
    if (nPrevious > 0 && previousOf[i] === 0 && (anyHashed || (flags & PREVIOUS_FLAGS) !== 0 || (info !== undefined && info.previous !== null) ||
      (i + 1 < n && (s.sep[i + 1]! !== SEP_SPACE || ((flags | s.flags[i + 1]!) & TF_SINGLE) !== 0)))) {
      proseHitAt(ctx, s, i, info, previousPeople, proseHits);
    }
    if (info === undefined && (flags & TF_APOSTROPHE) !== 0) {
      const base = stripClitic(keyOf(s, i));
      const b = vocab.get(base);
      if (b !== undefined && b.pronoun !== null && previousOf[i] === 0) {
        pushEvent(i, EV_PRONOUN, -1, 0, b.pronoun, b.pronoun.mismatch, sent);
        continue;
      }
    }
    if (info === undefined) {
      if (previousOf[i] !== 0) {
        mentionOf[i] = previousOf[i]!;
        pushEvent(i, EV_NAME, previousOf[i]! - 1, 0, null, false, sent);
      } else if ((flags & TF_CAPITAL) !== 0 && (flags & TF_ALLCAPS) === 0 && nameLike(s, i, vocab)) {
        pushEvent(i, EV_NAMED, -1, 0, null, false, sent);
      }
      continue;
    }
    if (info.guide !== undefined && i >= guideFrom) {
      const w = walk(info.guide, s, i);
      if (w !== null && ruleApplies(ctx, w.match.rule, w.match, s, i, w.last)) {
        phraseFinding(ctx, w.match, s, i, w.last, -1);
        guideFrom = w.last + 1;
      }
    }
    if (info.avoid !== null) {
      for (let k = 0; k < info.avoid.length; k++) {
        const node = info.avoid[k];
        if (node === undefined || i < avoidFrom[k]!) continue;
        const w = walk(node, s, i);
        if (w !== null) {
          phraseFinding(ctx, w.match, s, i, w.last, k);
          avoidFrom[k] = w.last + 1;
        }
      }
    }
    if (previousOf[i] !== 0) {
      mentionOf[i] = previousOf[i]!;
      pushEvent(i, EV_NAME, previousOf[i]! - 1, 0, null, false, sent);
      continue;
    }
    if (info.names !== null && (flags & TF_CAPITAL) !== 0) {
      const k = info.names[0]!;
      mentionOf[i] = k + 1;
      pushEvent(i, EV_NAME, k, 0, null, false, sent);
      continue;
    }
    if (info.pronoun !== null) {
      if (!anyPronounRules) continue;
      pushEvent(i, EV_PRONOUN, -1, 0, info.pronoun, info.pronoun.mismatch, sent);
      continue;
    }
    const title = info.title;
    if (title !== undefined) {
      if (i + 1 < n && (s.sep[i + 1]! & ~(SEP_SPACE | SEP_DOT)) === 0 && (s.flags[i + 1]! & TF_CAPITAL) !== 0) {
        const next = vocab.lookup(s, i + 1);
        if (previousOf[i + 1] !== 0 || (next !== undefined && next.names !== null)) pushEvent(i, EV_TITLE_PERSON, -1, title.gender, null, true, sent);
        else pushEvent(i, EV_TITLE, -1, title.gender, null, false, sent);
      }
      continue;
    }
    if (info.gendered !== undefined) {
      pushEvent(i, EV_NOUN, -1, info.gendered.gender, null, true, sent);
      continue;
    }
    const serviceUser = info.user && i > 0 && keyOf(s, i - 1) === 'service' && flexOk(s.sep[i]!);
    if (soleSubject && (info.subjectNoun || serviceUser)) {
      mentionOf[i] = 1;
      pushEvent(i, EV_SUBJECT_NOUN, 0, 0, null, false, sent);
      continue;
    }
    if (info.personNoun) {
      pushEvent(i, EV_NOUN, -1, 0, null, false, sent);
      continue;
    }
    if ((flags & TF_CAPITAL) !== 0 && (flags & TF_ALLCAPS) === 0 && !info.notName && nameLike(s, i, vocab)) pushEvent(i, EV_NAMED, -1, 0, null, false, sent);
  }

  for (const k of previousPeople) {
    const hits = proseHits[k]!;
    if (hits.length === 0) continue;
    widenRuns(s, hits, 0);
    for (const h of hits) previousFinding(ctx, s, true, k, h);
  }

  if (people.length > 0) {
    resolveReferences({ text, s, people, findings: ctx.findings, subject: ctx.subject, mentionOf, previousOf });
  }

  const findings = applyIgnores(ctx);
  for (const f of findings) {
    const line = lineIndex(tk, f.start);
    f.line = line + 1;
    f.column = f.start - tk.lineStarts[line]! + 1;
  }
  redact(findings, people);
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return findings;
}
