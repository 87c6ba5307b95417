// Finding previous names in a token stream, including spellings meant to slip past a word match:
// look-alike letters (folded by the tokeniser, see confusables.ts), invisible characters (dropped
// by the tokeniser), letters split by spaces, dots, hyphens or line breaks ("J o r d a n",
// "J.o.r.d.a.n", "Jor-\ndan"), a stray "s" ("Jordans records"), digits or a capital I for letters
// ("J0rdan", "AIex"). Every candidate is a normalised word sequence, compared as a keyed hash
// (or as plain text for the CLI), exactly as the app hashed the name when it was saved.

import type { PreviousMatcher } from './compile.ts';
import { everydayNameWords } from './compile.ts';
import {
  SEP_COMMA, SEP_HYPHEN, SEP_NEWLINE, SEP_PARAGRAPH, SEP_PUNCT, SEP_QUOTE, SEP_REGION, SEP_SENTENCE, SEP_SLASH,
  SEP_SPACE, TF_ALLCAPS, TF_APOSTROPHE, TF_CAPITAL, TF_LEGACY, TF_ODD, foldWord, hashKey, keyOf, type TokenStream,
} from './tokenise.ts';

export interface PreviousHit {
  /** First and last token. */
  first: number;
  last: number;
  /** Number of name words matched. */
  words: number;
  /** The engine could not decide exactly (letters spelled out that only partly match): block
   * with a neutral message and no fix. */
  neutral: boolean;
}

/** A separator that ends a name: a name never runs across it. */
const PREVIOUS_BREAK = SEP_PUNCT | SEP_SENTENCE | SEP_PARAGRAPH | SEP_QUOTE | SEP_REGION | SEP_SLASH | SEP_COMMA;
/** A separator that never joins two pieces into one word. */
const HARD_BREAK = SEP_SENTENCE | SEP_PARAGRAPH | SEP_QUOTE | SEP_REGION | SEP_COMMA;
const MAX_JOIN_TOKENS = 40;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const MAX_JOIN_CHARS = 48;

function wordCouldBe(m: PreviousMatcher, key: string, cache: Map<string, boolean>, fnv = -1): boolean {
  if (m.plainWords !== null && m.plainWords.has(key)) return true;
  const h = m.hashed;
  if (h === null) return false;
  if (h.wordHashes === undefined) return true;
  if (fnv === -1) fnv = hashKey(key);
  if (m.notNameWords.has(key, fnv)) return false;
  if (cache.size > 0 && cache.get(key) === true) return true;
  const known = h.wordHashes.has(h.hash(key));
  if (known) cache.set(key, true);
  else {
    if (m.notNameWords.size > 50000) m.notNameWords.clear();
    m.notNameWords.add(key, fnv);
  }
  return known;
}

/** wordCouldBe for token i's own key: a word already known not to be a name word is answered
 * by the tokeniser's hash, without making its key into a string. */
function tokenCouldBe(m: PreviousMatcher, s: TokenStream, i: number, cache: Map<string, boolean>): boolean {
  if (m.plainWords === null && m.notNameWords.at(s, i)) return false;
  return wordCouldBe(m, keyOf(s, i), cache, s.hash[i]);
}

function isPrevious(m: PreviousMatcher, seq: string): boolean {
  if (m.plain !== null && m.plain.has(seq)) return true;
  return m.hashed !== null && m.hashed.hashes.has(m.hashed.hash(seq));
}

/** Length of token j's key (without materialising short ASCII keys). */
function keyLength(s: TokenStream, j: number): number {
  const k = s.keys[j];
  return k !== undefined ? k.length : s.keyEnd[j]! - s.start[j]!;
}

/** "a" and "I" are words on their own: a single letter that is one is not joined to a word. */
function oneLetterWord(s: TokenStream, j: number): boolean {
  const k = keyOf(s, j);
  return k === 'a' || k === 'i';
}

/**
 * Are tokens j-1 and j pieces of one word? Glued by a hyphen, dot, underscore, slash or other
 * mark with no space; a hyphen at a line break; a bare line break inside a word; single letters
 * spaced out ("J o r d a n"); a single letter spaced off a word ("J ordan").
 */
export function tightLink(s: TokenStream, j: number): boolean {
  const sep = s.sep[j]!;
  if ((sep & HARD_BREAK) !== 0) return false;
  if (sep === SEP_SPACE && s.keyEnd[j]! - s.start[j]! > 3 && s.keyEnd[j - 1]! - s.start[j - 1]! > 3) return false;
  if ((sep & (SEP_SPACE | SEP_NEWLINE)) === 0) return true;
  if ((sep & SEP_NEWLINE) !== 0 && ((sep & SEP_HYPHEN) !== 0 || (sep & ~(SEP_SPACE | SEP_NEWLINE)) === 0)) return true;
  const a = keyLength(s, j - 1);
  const b = keyLength(s, j);
  if (a > 1 && b > 1) return false;
  if (a === 1 && b === 1) return true;
  return (a === 1 && !oneLetterWord(s, j - 1)) || (b === 1 && !oneLetterWord(s, j));
}

const leet: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '2': 'z', '6': 'b' };

/** Other spellings of token i's word the writer may have meant (see the file comment). */
function variantsOf(s: TokenStream, i: number, out: string[]): void {
  const key = keyOf(s, i);
  const flags = s.flags[i]!;
  if ((flags & TF_LEGACY) !== 0) out.push(s.legacy[i]!);
  if ((flags & TF_APOSTROPHE) !== 0 && key.includes("'")) out.push(key.replace(/'/g, ''));
  if ((flags & TF_ODD) !== 0) {
    const raw = s.text.slice(s.start[i], s.keyEnd[i]);
    if (/\d/.test(key)) {
      const a = key.replace(/\d/g, (d) => leet[d] ?? d);
      out.push(a);
      if (key.includes('1')) out.push(a.replace(/l/g, (_l, at: number) => (key[at] === '1' ? 'i' : 'l')));
    }
    if (/.I/.test(raw)) out.push(foldWord(raw.charAt(0) + raw.slice(1).replace(/I/g, 'l'), false));
    if (/[\u04c0\u04cf\u01c0]/.test(raw)) out.push(foldWord(raw.replace(/[\u04c0\u04cf\u01c0]/g, 'i'), false));
  }
}

/** The key without a stray final "s" ("jordans"), or null. Never for a word of the name the
 * person uses now, nor for everyday words ("Marks", "Hopes"). */
function stemOf(key: string, current: ReadonlySet<string>): string | null {
  const l = key.length;
  if (l < 4 || key.charCodeAt(l - 1) !== 115 || key.charCodeAt(l - 2) === 115 || key.charCodeAt(l - 2) === 39) return null;
  const stem = key.slice(0, l - 1);
  if (everydayNameWords.has(stem) || current.has(key)) return null;
  return stem;
}

/** Words that, after a capitalised everyday word at the start of a sentence, show it is used as
 * the everyday word ("Will you…", "Hope you are well", "Mark the date"). */
const everydayFollowers = new Set([
  'you', 'we', 'i', 'they', 'he', 'she', 'it', 'me', 'us', 'them', 'him', 'her', 'the', 'a', 'an', 'this', 'that',
  'these', 'those', 'my', 'your', 'our', 'their', 'his', 'its', 'some', 'any', 'all', 'every', 'no', 'not', 'there',
  'to', 'be', 'have', 'everyone', 'everything', 'someone', 'anyone', 'this', 'so', 'and', 'or', 'for',
]);

/** Is the one-word match at i the everyday word rather than a name? */
function everydayUse(s: TokenStream, i: number): boolean {
  const flags = s.flags[i]!;
  if ((flags & TF_CAPITAL) === 0) return true;
  const sep = s.sep[i]!;
  const starts = i === 0 || (sep & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_QUOTE)) !== 0 || (flags & TF_ALLCAPS) !== 0;
  if (!starts) return false;
  if (i + 1 >= s.count) return false;
  const next = s.sep[i + 1]!;
  if ((next & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_PUNCT)) !== 0) return false;
  return everydayFollowers.has(keyOf(s, i + 1));
}

interface Cand {
  last: number;
  key: string;
  /** Made by joining pieces, or by a variant spelling (not the word as written). */
  made: boolean;
}

/** Scratch for candidates (a small pool, reused). */
const pool: Cand[][] = [];

function consider(out: Cand[], m: PreviousMatcher, k: string, last: number, made: boolean, current: ReadonlySet<string>, cache: Map<string, boolean>): void {
  if (wordCouldBe(m, k, cache)) {
    let dup = false;
    for (const c of out) if (c.key === k && c.last === last) dup = true;
    if (!dup) out.push({ last, key: k, made });
  }
  const stem = stemOf(k, current);
  if (stem !== null && wordCouldBe(m, stem, cache)) out.push({ last, key: stem, made: true });
}

/**
 * Candidate name words starting at token i: the word, its variants, its stem without a stray
 * "s", and words made by joining it with the pieces after it. Only those that could be part of a
 * previous name.
 */
function candidatesAt(m: PreviousMatcher, s: TokenStream, i: number, current: ReadonlySet<string>, cache: Map<string, boolean>, depth: number): Cand[] {
  const out = (pool[depth] ??= []);
  out.length = 0;
  const key = keyOf(s, i);
  consider(out, m, key, i, false, current, cache);
  const flags = s.flags[i]!;
  if ((flags & (TF_ODD | TF_APOSTROPHE | TF_LEGACY)) !== 0) {
    const vs: string[] = [];
    variantsOf(s, i, vs);
    for (const v of vs) if (v !== key) consider(out, m, v, i, true, current, cache);
  }
  // joined pieces
  const n = s.count;
  if (i + 1 < n && tightLink(s, i + 1)) {
    // plain names: hash the pieces as they are joined and make a string only where the joined
    // word (or it without a final "s") is a name word
    const plain = m.hashed === null;
    let h = plain ? feed(FNV_OFFSET, key) : 0;
    let joined = key.includes("'") ? key.replace(/'/g, '') : key;
    let length = joined.length;
    for (let j = i + 1; j < n && j - i < MAX_JOIN_TOKENS && tightLink(s, j); j++) {
      const piece = keyOf(s, j);
      length += piece.length;
      if (length > MAX_JOIN_CHARS) break;
      if (plain) {
        const before = h;
        h = feed(h, piece);
        const lastS = piece.charCodeAt(piece.length - 1) === 115;
        const stemHash = lastS ? (piece.length > 1 ? feed(before, piece.slice(0, -1)) : before) : 0;
        if (!m.plainWordHashes.has(h) && !(lastS && m.plainWordHashes.has(stemHash))) {
          joined = '';
          continue;
        }
        joined = '';
        for (let t = i; t <= j; t++) joined += keyOf(s, t).replace(/'/g, '');
      } else joined += piece.includes("'") ? piece.replace(/'/g, '') : piece;
      consider(out, m, joined, j, true, current, cache);
    }
  }
  return out;
}

/** The FNV-1a hash of `h`'s string followed by `key` without apostrophes (see hashKey). */
function feed(h: number, key: string): number {
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c !== 39) h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h;
}

/** Can a previous name start at token i? A cheap test before the full search. */
export function mayStart(m: PreviousMatcher, s: TokenStream, i: number, current: ReadonlySet<string>, cache: Map<string, boolean>): boolean {
  if ((s.flags[i]! & (TF_ODD | TF_APOSTROPHE | TF_LEGACY)) !== 0) return true;
  if (m.hashed === null) {
    if (m.plainWordHashes.has(s.hash[i]!)) return true;
  } else if (tokenCouldBe(m, s, i, cache)) return true;
  if (i + 1 < s.count && tightLink(s, i + 1)) return true;
  // a stray final "s"
  const start = s.start[i]!;
  const end = s.keyEnd[i]!;
  if (end - start >= 4 && (s.text.charCodeAt(end - 1) | 32) === 115) {
    if (m.hashed === null && s.keys[i] === undefined) {
      // a plain ASCII word: hash the stem from the text, making no string unless it matches
      let h = FNV_OFFSET;
      for (let j = start; j < end - 1; j++) h = Math.imul(h ^ (s.text.charCodeAt(j) | 32), FNV_PRIME);
      if (!m.plainWordHashes.has(h)) return false;
    }
    // hashed names: a stem already known not to be a name word, without making it a string
    if (m.plainWords === null && m.notNameWords.stemAt(s, i)) return false;
    const key = keyOf(s, i);
    const stem = stemOf(key, current);
    if (stem !== null && (m.hashed === null ? m.plainWordHashes.has(hashKey(stem)) : wordCouldBe(m, stem, cache))) return true;
  }
  return false;
}

/** The longest previous name starting at token i: [last token, words, made] or null. */
export function longestAt(m: PreviousMatcher, s: TokenStream, i: number, current: ReadonlySet<string>, cache: Map<string, boolean>): { last: number; words: number } | null {
  let bestLast = -1;
  let bestWords = 0;
  const n = s.count;
  const search = (at: number, seq: string, w: number): void => {
    const cands = candidatesAt(m, s, at, current, cache, w);
    for (const c of cands) {
      const sq = w === 1 ? c.key : seq + ' ' + c.key;
      const oneWordEveryday = w === 1 && !c.made && c.last === at && everydayNameWords.has(c.key) && everydayUse(s, at);
      if (!oneWordEveryday && isPrevious(m, sq) && c.last > bestLast) {
        bestLast = c.last;
        bestWords = w;
      }
      const next = c.last + 1;
      if (w < m.maxWords && next < n && (s.sep[next]! & PREVIOUS_BREAK) === 0) search(next, sq, w + 1);
    }
  };
  search(i, '', 1);
  return bestLast < 0 ? null : { last: bestLast, words: bestWords };
}

/** Is token j a single letter? */
function single(s: TokenStream, j: number): boolean {
  return keyLength(s, j) === 1 || keyOf(s, j).length === 1;
}

/** The most tokens a previous name can cover: a hit touching token t starts at or after
 * t - MAX_NAME_TOKENS. */
export function maxNameTokens(m: PreviousMatcher): number {
  return m.maxWords * MAX_JOIN_TOKENS;
}

/**
 * Every previous name in a stream starting at tokens [startFrom, startTo) (all by default). A run of three or more
 * single letters that a match covers only in part ("x J o r d a n") is widened to the whole run
 * and marked neutral: the engine cannot tell what the letters spell, only that a name is in them.
 */
export function scanPreviousNames(m: PreviousMatcher, s: TokenStream, current: ReadonlySet<string>, cache: Map<string, boolean>, hits: PreviousHit[], startFrom = 0, startTo = s.count): void {
  const n = Math.min(s.count, startTo);
  const from = hits.length;
  for (let i = Math.max(0, startFrom); i < n; i++) {
    if (!mayStart(m, s, i, current, cache)) continue;
    const best = longestAt(m, s, i, current, cache);
    if (best === null) continue;
    hits.push({ first: i, last: best.last, words: best.words, neutral: false });
    i = best.last;
  }
  widenRuns(s, hits, from);
}

/** Widens matches inside runs of three or more spelled-out letters to the whole run, marked
 * neutral, merging the hits the run then overlaps. */
export function widenRuns(s: TokenStream, hits: PreviousHit[], from: number): void {
  const n = s.count;
  for (let h = from; h < hits.length; h++) {
    const hit = hits[h]!;
    let a = hit.first;
    let b = hit.last;
    if (!single(s, a) && !single(s, b)) continue;
    while (a > 0 && single(s, a - 1) && single(s, a) && tightLink(s, a)) a--;
    while (b + 1 < n && single(s, b + 1) && single(s, b) && tightLink(s, b + 1)) b++;
    if (a === hit.first && b === hit.last) continue;
    let letters = 0;
    for (let j = a; j <= b; j++) if (single(s, j)) letters++;
    if (letters < 3) continue;
    hit.first = a;
    hit.last = b;
    hit.neutral = true;
    for (let g = from; g < hits.length; g++) {
      if (g === h) continue;
      const o = hits[g]!;
      if (o.first <= b && o.last >= a) {
        hit.first = Math.min(hit.first, o.first);
        hit.last = Math.max(hit.last, o.last);
        hits.splice(g, 1);
        if (g < h) h--;
        g--;
      }
    }
  }
}
