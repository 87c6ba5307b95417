// One pass over the text: words with their offsets in the ORIGINAL string, a folded key for each
// (lower case, accents and compatibility forms folded, curly apostrophes straightened, a
// possessive 's removed), what separates each word from the one before, the sentence it is in,
// whether it is inside quotation marks, and where lines start. Markdown/HTML syntax (fenced and
// inline code, URLs, e-mail addresses, tags, comments, entities) is recognised: its words go to a
// second stream that only the previous-name check reads.

/** Separator flags: what lies between a word and the word before it in the same stream. */
export const SEP_SPACE = 1;
export const SEP_NEWLINE = 2;
export const SEP_HYPHEN = 4;
export const SEP_SLASH = 8;
/** A full stop that does not end a sentence ("Dr. Lee", "jamie.rivera@"), or an underscore. */
export const SEP_DOT = 16;
export const SEP_PUNCT = 32;
export const SEP_SENTENCE = 64;
export const SEP_PARAGRAPH = 128;
export const SEP_QUOTE = 256;
/** Code, a URL or a block-level tag lies in between. */
export const SEP_REGION = 512;
/** A comma or semicolon (always together with SEP_PUNCT). */
export const SEP_COMMA = 1024;

/** Token flags. */
export const TF_QUOTED = 1;
/** The first character is upper case (or title case). */
export const TF_CAPITAL = 2;
/** The key contains an apostrophe (contractions: "he'll", "they're"). */
export const TF_APOSTROPHE = 4;
/** Every cased character is upper case and there are at least two letters ("FTA", "NHS"). */
export const TF_ALLCAPS = 8;
/** Digits mixed with letters ("J0rdan"), or a capital after the first letter of a word that has
 * small letters ("AIex"): a possible disguise the previous-name check looks at. */
export const TF_ODD = 16;
/** The look-alike fold changed the word: `legacy` holds the key as folded before it existed
 * (read it only when this flag is set). */
export const TF_LEGACY = 32;
/** A single letter or digit ("J o r d a n" is six). */
export const TF_SINGLE = 64;

export interface TokenStream {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** End of the word without a possessive 's. */
  keyEnd: Int32Array;
  sep: Int32Array;
  sentence: Int32Array;
  flags: Uint8Array;
  /** FNV-1a hash of each key (see hashKey). */
  hash: Int32Array;
  /** Keys, filled lazily for plain ASCII words: read them with keyOf(). */
  keys: (string | undefined)[];
  /** For words flagged TF_LEGACY: the key as folded before look-alikes were folded. */
  legacy: (string | undefined)[];
  text: string;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash the tokeniser gives a key (FNV-1a over UTF-16 code units). */
export function hashKey(key: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), FNV_PRIME);
  return h;
}

/** The folded key of token i. */
export function keyOf(s: TokenStream, i: number): string {
  let k = s.keys[i];
  if (k === undefined) {
    k = s.text.slice(s.start[i], s.end[i]).toLowerCase();
    s.keys[i] = k;
  }
  return k;
}

export interface IgnoreMarker {
  kind: 'line' | 'next-line' | 'start' | 'end';
  /** Offset of the comment holding the marker. */
  at: number;
  /** Offset just after the comment. */
  after: number;
  /** Rule ids or categories the marker is limited to; empty means all. */
  rules: string[];
}

export interface Tokenised {
  prose: TokenStream;
  other: TokenStream;
  /** Offsets at which lines start; lineStarts[0] is 0. */
  lineStarts: Int32Array;
  lineCount: number;
  markers: IgnoreMarker[];
  sentenceCount: number;
}

function newStream(capacity: number): TokenStream {
  return {
    count: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    keyEnd: new Int32Array(capacity),
    sep: new Int32Array(capacity),
    sentence: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    hash: new Int32Array(capacity),
    keys: [],
    legacy: [],
    text: '',
  };
}

function grow(s: TokenStream): void {
  const n = s.start.length * 2;
  const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
    b.set(a);
    return b;
  };
  s.start = copy(s.start, new Int32Array(n));
  s.end = copy(s.end, new Int32Array(n));
  s.keyEnd = copy(s.keyEnd, new Int32Array(n));
  s.sep = copy(s.sep, new Int32Array(n));
  s.sentence = copy(s.sentence, new Int32Array(n));
  s.flags = copy(s.flags, new Uint8Array(n));
  s.hash = copy(s.hash, new Int32Array(n));
}

import { foldConfusables } from './confusables.ts';

// ---------------------------------------------------------------------------------------------
// Character classes

const C_WORD = 1;
const C_UPPER = 2;
const C_SPACE = 4;
const ascii = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ascii[c] = C_WORD;
for (let c = 65; c <= 90; c++) ascii[c] = C_WORD | C_UPPER;
for (let c = 97; c <= 122; c++) ascii[c] = C_WORD;
for (const c of [9, 11, 12, 32]) ascii[c] = C_SPACE;
/** For TF_ODD: digit 1, capital 2, small letter 4. */
const oddCls = new Uint8Array(128);
for (let c = 48; c <= 57; c++) oddCls[c] = 1;
for (let c = 65; c <= 90; c++) oddCls[c] = 2;
for (let c = 97; c <= 122; c++) oddCls[c] = 4;

const wordRe = /^[\p{L}\p{M}\p{N}]$/u;
const upperRe = /^[\p{Lu}\p{Lt}]$/u;

/** Invisible characters (format controls, bidirectional controls, fillers): nothing inside a
 * word, nothing between words. Soft hyphen, Arabic letter mark, Hangul fillers, Mongolian vowel
 * separator, zero-width space/non-joiner/joiner, LRM/RLM, embeddings and overrides (U+202A–E),
 * word joiner and invisible operators, isolates (U+2066–9) and deprecated format controls, BOM. */
export function isFormatJoiner(c: number): boolean {
  if (c < 0xad) return false;
  return c === 0xad || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x180e || (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206f) || c === 0x3164 ||
    c === 0xfeff || c === 0xffa0;
}

/** The end of a run of invisible characters starting at i (i itself if there is none). */
function invisibleRun(text: string, i: number, to: number): number {
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (isFormatJoiner(c)) j++;
    else {
      const w = astralInvisible(text, j, c);
      if (w === 0) break;
      j += w;
    }
  }
  return j;
}

/** Width of an invisible astral character at i (tag characters, shorthand and musical format
 * controls), or 0. */
function astralInvisible(text: string, i: number, c: number): number {
  if (c !== 0xdb40 && c !== 0xd82f && c !== 0xd834) return 0;
  const cp = text.codePointAt(i)!;
  return (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) ? 2 : 0;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x02bc || c === 0x2018 || c === 0xff07;
}

function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680;
}

/** Width in UTF-16 units of the word character at i, or 0 if it is not a word character. */
function wordCharWidth(text: string, i: number, c: number): number {
  if (c < 128) return (ascii[c]! & C_WORD) !== 0 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return wordRe.test(text.slice(i, i + 2)) ? 2 : 0;
    return 0;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return wordRe.test(text[i]!) ? 1 : 0;
}

function isUpperAt(text: string, i: number, c: number): boolean {
  if (c < 128) return (ascii[c]! & C_UPPER) !== 0;
  if (c >= 0xd800 && c <= 0xdbff) return upperRe.test(text.slice(i, i + 2));
  return upperRe.test(text[i]!);
}

// ---------------------------------------------------------------------------------------------
// HTML entities (only what matters for words, quotes and spaces)

const namedEntities: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  quot: '"', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  apos: "'", lsquo: '‘', rsquo: '’',
  amp: '&', lt: '<', gt: '>', shy: '\u00ad', ndash: '–', mdash: '—', hellip: '…',
  szlig: 'ß', aelig: 'æ', AElig: 'Æ', oelig: 'œ', OElig: 'Œ', eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ',
};
const accentedEntity = /^([A-Za-z])(acute|grave|circ|uml|tilde|ring|cedil|slash|caron)$/;
const entityRe = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** The character an entity at `i` stands for, and its length; undefined if none. */
function entityAt(text: string, i: number): { ch: string; len: number } | undefined {
  entityRe.lastIndex = i;
  const m = entityRe.exec(text);
  if (!m) return undefined;
  const body = m[1]!;
  let ch: string | undefined;
  if (body.charCodeAt(0) === 35) {
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) ch = String.fromCodePoint(cp);
  } else {
    ch = namedEntities[body];
    if (ch === undefined) {
      const a = accentedEntity.exec(body);
      if (a) ch = a[1]!;
    }
  }
  return ch === undefined ? undefined : { ch, len: m[0].length };
}

function decodeEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, _b, offset: number) => {
    const e = entityAt(s, offset);
    return e ? e.ch : whole;
  });
}

const marksRe = /[\p{M}\p{Cf}\u115f\u1160\u3164\uffa0]/gu;
const apostrophesRe = /[\u2019\u02bc\u2018\uff07]/g;

/** Set by foldWord: whether folding look-alikes changed the word. */
let foldChanged = false;

/** Folds a word: NFKD, Latin look-alikes from other scripts folded to Latin (confusables.ts),
 * combining marks and invisible characters removed, lower case, apostrophes straightened. Used
 * for every non-ASCII word and by the name normaliser. ASCII words are never changed. */
export function foldWord(raw: string, entities: boolean): string {
  const n = (entities && raw.includes('&') ? decodeEntities(raw) : raw).normalize('NFKD');
  const f = foldConfusables(n);
  foldChanged = f !== n;
  return finishFold(f);
}

function finishFold(s: string): string {
  s = s.replace(marksRe, '').toLowerCase().replace(apostrophesRe, "'");
  // lower-casing can itself produce combining marks (U+0130 → i + U+0307)
  if (s.normalize('NFKD') !== s) s = s.normalize('NFKD').replace(marksRe, '');
  return s;
}

/** The fold as it was before look-alikes were folded (names hashed then are still found). */
export function foldWordLegacy(raw: string, entities: boolean): string {
  return finishFold((entities && raw.includes('&') ? decodeEntities(raw) : raw).normalize('NFKD'));
}

// ---------------------------------------------------------------------------------------------
// Scanner state (module level: the engine is synchronous, so one scan runs at a time)

const proseStream = newStream(1024);
const otherStream = newStream(256);
let lineStarts = new Int32Array(256);
let lineCount = 0;
let markers: IgnoreMarker[] = [];
let sentence = 0;
let pendingSep = 0;
let inDouble = false;
let inSingle = false;
let singleCloseAt = -1;
/** Offset where the current run of non-space characters began, and the prose count then. */
let chunkStart = 0;
let chunkProseCount = 0;

const abbreviations = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'rev', 'sr', 'jr', 'vs', 'etc', 'approx', 'dept', 'no', 'tel', 'ref',
  'cf', 'fig', 'mt', 'hon', 'capt', 'col', 'gen', 'sgt', 'lt', 'mg', 'ml', 'wk', 'wks', 'yr', 'yrs', 'inc', 'ltd',
]);

const rawTags = new Set(['code', 'pre', 'script', 'style', 'kbd', 'samp', 'textarea', 'var']);
const blockTags = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'table', 'thead', 'tbody',
  'blockquote', 'section', 'article', 'header', 'footer', 'hr', 'dd', 'dt', 'dl', 'main', 'nav', 'aside', 'form',
  'fieldset', 'legend', 'label', 'caption', 'figure', 'figcaption', 'html', 'head', 'body', 'title', 'option',
]);

function addLine(at: number): void {
  if (lineCount === lineStarts.length) {
    const b = new Int32Array(lineStarts.length * 2);
    b.set(lineStarts);
    lineStarts = b;
  }
  lineStarts[lineCount++] = at;
}

function pushToken(
  s: TokenStream,
  text: string,
  start: number,
  end: number,
  slow: boolean,
  upper: number,
  letters: number,
  lastApos: number,
  entities: boolean,
  quoted: boolean,
  firstUpper: boolean,
): void {
  if (s.count === s.start.length) grow(s);
  const raw = text.slice(start, end);
  let key = slow ? foldWord(raw, entities) : upper > 0 ? raw.toLowerCase() : raw;
  let legacy = slow && foldChanged ? foldWordLegacy(raw, entities) : undefined;
  if (legacy === key) legacy = undefined;
  let keyEnd = end;
  let flags = quoted ? TF_QUOTED : 0;
  if (firstUpper) flags |= TF_CAPITAL;
  if (upper > 1 && upper === letters) flags |= TF_ALLCAPS;
  if (slow && (/\p{N}/u.test(raw) ? /\p{L}/u.test(raw) : upper > (firstUpper ? 1 : 0) && upper < letters) && /\p{L}/u.test(raw)) flags |= TF_ODD;
  if (slow && /[\u04c0\u04cf\u01c0]/.test(raw)) flags |= TF_ODD;
  if (lastApos >= 0) {
    const kl = key.length;
    if (kl > 2 && key.charCodeAt(kl - 1) === 115 && key.charCodeAt(kl - 2) === 39) {
      key = key.slice(0, kl - 2);
      keyEnd = lastApos;
      if (legacy !== undefined && legacy.endsWith("'s")) legacy = legacy.slice(0, -2);
    }
    if (key.includes("'")) flags |= TF_APOSTROPHE;
  }
  if (key.length === 1) flags |= TF_SINGLE;
  const n = s.count++;
  s.start[n] = start;
  s.end[n] = end;
  s.keyEnd[n] = keyEnd;
  s.sep[n] = pendingSep;
  s.sentence[n] = sentence;
  s.flags[n] = flags;
  s.keys[n] = key;
  if (legacy !== undefined) {
    s.legacy[n] = legacy;
    s.flags[n] = flags | TF_LEGACY;
  }
  s.hash[n] = hashKey(key);
  pendingSep = 0;
}

/** An ASCII word with digits and letters mixed, or a capital after the first letter while it
 * has small letters (TF_ODD). */
function oddWord(text: string, from: number, to: number): boolean {
  let o = 0;
  let rest = 0;
  for (let k = from; k < to; k++) {
    const c = oddCls[text.charCodeAt(k)]!;
    o |= c;
    if (k > from) rest |= c;
  }
  return ((o & 1) !== 0 && (o & 6) !== 0) || ((rest & 2) !== 0 && (o & 4) !== 0);
}

/** Two or more letters, all upper case (an ASCII word). */
function allCaps(text: string, from: number, to: number): boolean {
  let letters = 0;
  for (let k = from; k < to; k++) {
    const d = text.charCodeAt(k);
    if (d >= 97) return false;
    if (d >= 65) letters++;
  }
  return letters > 1;
}

/** After a word ending at i: a URL or e-mail address starting in this chunk? Returns where to
 * continue. */
function maybeUrl(text: string, i: number, to: number, d: number): number {
  const isUrl =
    (d === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) ||
    (d === 46 && chunkProseCount === proseStream.count - 1 && keyOf(proseStream, proseStream.count - 1) === 'www') ||
    (d === 64 && wordCharWidth(text, i + 1, text.charCodeAt(i + 1)) > 0);
  if (!isUrl) return i;
  const e = Math.max(urlEnd(text, i, to), i + 1);
  demoteChunk();
  scanRegion(text, i, e);
  return e;
}

/** Moves the prose tokens of the current chunk (a URL or e-mail address found late) to `other`. */
function demoteChunk(): void {
  const p = proseStream;
  const o = otherStream;
  for (let k = chunkProseCount; k < p.count; k++) {
    if (o.count === o.start.length) grow(o);
    const n = o.count++;
    o.start[n] = p.start[k]!;
    o.end[n] = p.end[k]!;
    o.keyEnd[n] = p.keyEnd[k]!;
    o.sep[n] = k === chunkProseCount ? SEP_REGION : p.sep[k]!;
    o.sentence[n] = p.sentence[k]!;
    o.flags[n] = p.flags[k]!;
    o.keys[n] = p.keys[k];
    o.legacy[n] = p.legacy[k];
    o.hash[n] = p.hash[k]!;
  }
  if (p.count > chunkProseCount) {
    pendingSep |= SEP_REGION;
    p.count = chunkProseCount;
  }
}

function urlEnd(text: string, from: number, to: number): number {
  let j = from;
  let parens = 0;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c === 60 || c === 62 || c === 34 || c === 96 || c === 0x201c || c === 0x201d || c === 0xa0) break;
    if (c === 40) parens++;
    else if (c === 41) {
      if (parens === 0) break;
      parens--;
    }
    j++;
  }
  while (j > from) {
    const c = text.charCodeAt(j - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 39 || c === 0x2019) j--;
    else break;
  }
  return j;
}

function parseMarker(comment: string, at: number, after: number): void {
  const m = /withme-ignore(-next-line|-start|-end|-line)?(?![\w-])([^]*)$/.exec(comment);
  if (!m) return;
  const kind = m[1] === '-next-line' ? 'next-line' : m[1] === '-start' ? 'start' : m[1] === '-end' ? 'end' : 'line';
  const rules = m[2]!.replace(/-->\s*$/, '').split(/[\s,]+/).filter((r) => r.length > 0);
  markers.push({ kind, at, after, rules });
}

/** At a line start (offset i, just after a newline): a fence, list item or heading? Returns the
 * offset to continue from (past a fenced block) or -1. */
function lineStartSyntax(text: string, i: number, to: number): number {
  let j = i;
  while (j < to && j - i < 4 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (j >= to) return -1;
  const c = text.charCodeAt(j);
  if ((c === 96 || c === 126) && text.charCodeAt(j + 1) === c && text.charCodeAt(j + 2) === c) {
    let len = 3;
    while (text.charCodeAt(j + len) === c) len++;
    // find a closing fence line: same character, at least as long
    let p = text.indexOf('\n', j);
    while (p !== -1 && p < to) {
      let q = p + 1;
      while (q < to && q - p - 1 < 4 && text.charCodeAt(q) === 32) q++;
      let run = 0;
      while (text.charCodeAt(q + run) === c) run++;
      if (run >= len) {
        let e = q + run;
        while (e < to && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        return e;
      }
      p = text.indexOf('\n', p + 1);
    }
    return to;
  }
  if (c === 35 || c === 62 || c === 124 || ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9))) {
    breakSentence(true);
  } else if (c >= 48 && c <= 57) {
    let k = j;
    while (k < to && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    const d = text.charCodeAt(k);
    if ((d === 46 || d === 41) && (text.charCodeAt(k + 1) === 32 || text.charCodeAt(k + 1) === 9)) breakSentence(true);
  }
  return -1;
}

/** [from, to) of the last search for a closing single quote that found none: a later search
 * starting inside it need not look there again (candidates do not depend on the opener). */
let noCloseFrom = -1;
let noCloseTo = -1;

/** A closing single quote for an opening one at `from`, before the paragraph ends? */
function findSingleClose(text: string, from: number, to: number): number {
  const limit = Math.min(to, from + 4000);
  let j = from + 1;
  if (from >= noCloseFrom && from < noCloseTo) j = Math.max(j, noCloseTo);
  for (; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 && (text.charCodeAt(j + 1) === 10 || (text.charCodeAt(j + 1) === 13 && text.charCodeAt(j + 2) === 10))) break;
    if (c === 39 || c === 0x2019) {
      const prev = text.charCodeAt(j - 1);
      const next = j + 1 < to ? text.charCodeAt(j + 1) : 32;
      const prevIsSpace = prev === 32 || prev === 10 || prev === 9;
      if (!prevIsSpace && wordCharWidth(text, j + 1, next) === 0) return j;
    }
  }
  noCloseFrom = from;
  noCloseTo = j;
  return -1;
}

function newlineAt(text: string, i: number, c: number): number {
  // returns the width of a line terminator at i, or 0
  if (c === 10 || c === 0x2028 || c === 0x2029) return 1;
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? 2 : 1;
  return 0;
}

/**
 * Scans [from, to). `markup`: recognise Markdown/HTML. `prose`: words go to the prose stream
 * (otherwise to the other stream, with no quote handling).
 */
function scan(text: string, from: number, to: number, markup: boolean, prose: boolean): void {
  const out = prose ? proseStream : otherStream;
  let i = from;
  let newlinesInGap = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const cls = ascii[c]!;
      if ((cls & C_SPACE) !== 0) {
        pendingSep |= SEP_SPACE;
        i++;
        chunkStart = i;
        chunkProseCount = proseStream.count;
        continue;
      }
      if ((cls & C_WORD) !== 0) {
        // fast path: a word of ASCII letters and digits only
        let j = i + 1;
        let h = Math.imul(FNV_OFFSET ^ (c | 32), FNV_PRIME);
        let d = 32;
        // AND of the characters after the first: bit 0x20 clear means a capital, 0x40 clear a digit
        let acc = 0x7f;
        while (j < to) {
          d = text.charCodeAt(j);
          if (d >= 128 || (ascii[d]! & C_WORD) === 0) break;
          h = Math.imul(h ^ (d | 32), FNV_PRIME);
          acc &= d;
          j++;
        }
        if (j >= to || (d < 128 && d !== 39 && d !== 38)) {
          newlinesInGap = 0;
          if (out.count === out.start.length) grow(out);
          let flags = prose && (inDouble || inSingle) ? TF_QUOTED : 0;
          if ((cls & C_UPPER) !== 0) {
            flags |= TF_CAPITAL;
            if (allCaps(text, i, j)) flags |= TF_ALLCAPS;
          }
          if ((acc & 0x60) !== 0x60 && oddWord(text, i, j)) flags |= TF_ODD;
          if (j - i === 1) flags |= TF_SINGLE;
          const n = out.count++;
          out.start[n] = i;
          out.end[n] = j;
          out.keyEnd[n] = j;
          out.sep[n] = pendingSep;
          out.sentence[n] = sentence;
          out.flags[n] = flags;
          out.keys[n] = undefined;
          out.hash[n] = h;
          pendingSep = 0;
          i = j;
          if (markup && prose && i < to && (d === 58 || d === 46 || d === 64)) i = maybeUrl(text, i, to, d);
          continue;
        }
      }
    }
    const w = wordCharWidth(text, i, c);
    if (w > 0 || (markup && c === 38 && isEntityLetterAt(text, i))) {
      // ---- a word
      const start = i;
      let slow = c >= 128;
      let upper = 0;
      let letters = 0;
      let lastApos = -1;
      let entities = false;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (d < 128 && d !== 38 && d !== 39) {
          const cls = ascii[d]!;
          if ((cls & C_WORD) === 0) break;
          if ((cls & C_UPPER) !== 0) upper++;
          if (d >= 65) letters++;
          i++;
          continue;
        }
        const dw = wordCharWidth(text, i, d);
        if (dw > 0) {
          slow = true;
          if (isUpperAt(text, i, d)) upper++;
          letters++;
          i += dw;
          continue;
        }
        if (markup && d === 38) {
          const e = entityAt(text, i);
          if (!e) break;
          const ec = e.ch.charCodeAt(0);
          if (wordCharWidth(e.ch, 0, ec) > 0) {
            slow = entities = true;
            letters++;
            i += e.len;
            continue;
          }
          if ((isApostrophe(ec) || isFormatJoiner(ec)) && wordCharWidth(text, i + e.len, text.charCodeAt(i + e.len)) > 0) {
            slow = entities = true;
            if (isApostrophe(ec)) lastApos = i;
            i += e.len;
            continue;
          }
          break;
        }
        if (isApostrophe(d) && i + 1 < to && wordCharWidth(text, i + 1, text.charCodeAt(i + 1)) > 0) {
          if (d !== 39) slow = true;
          lastApos = i;
          i++;
          continue;
        }
        // a run of invisible characters followed by more of the word: part of the word
        const inv = invisibleRun(text, i, to);
        if (inv > i && inv < to && wordCharWidth(text, inv, text.charCodeAt(inv)) > 0) {
          slow = true;
          i = inv;
          continue;
        }
        break;
      }
      newlinesInGap = 0;
      pushToken(out, text, start, i, slow, upper, letters, lastApos, entities, prose && (inDouble || inSingle), isUpperAt(text, start, c));
      if (markup && prose && i < to) i = maybeUrl(text, i, to, text.charCodeAt(i));
      continue;
    }
    // ---- not a word character
    const nl = newlineAt(text, i, c);
    if (nl > 0) {
      i += nl;
      addLine(i);
      newlinesInGap++;
      pendingSep |= SEP_SPACE | SEP_NEWLINE;
      chunkStart = i;
      chunkProseCount = proseStream.count;
      if (newlinesInGap >= 2) {
        pendingSep |= SEP_PARAGRAPH;
        breakSentence(prose);
        if (prose) inDouble = inSingle = false;
      }
      if (markup && prose) {
        const skipTo = lineStartSyntax(text, i, to);
        if (skipTo > i) {
          scanRegion(text, i, skipTo);
          i = skipTo;
        }
      }
      continue;
    }
    if (c < 128 ? (ascii[c]! & C_SPACE) !== 0 : isUnicodeSpace(c)) {
      pendingSep |= SEP_SPACE;
      i++;
      chunkStart = i;
      chunkProseCount = proseStream.count;
      continue;
    }
    // a blank line made of spaces keeps counting newlines; anything else resets
    newlinesInGap = 0;
    if (markup && prose) {
      if (c === 96) {
        // inline code: a run of n backticks up to the next run of exactly n, within the paragraph
        let n = 1;
        while (text.charCodeAt(i + n) === 96) n++;
        const close = findBackticks(text, i + n, to, n);
        if (close >= 0) {
          scanRegion(text, i, close + n);
          i = close + n;
          continue;
        }
        pendingSep |= SEP_PUNCT;
        i += n;
        continue;
      }
      if (c === 60) {
        const e = tagAt(text, i, to);
        if (e > 0) {
          i = e;
          continue;
        }
      }
      if (c === 93 && text.charCodeAt(i + 1) === 40) {
        // a Markdown link destination: "](…)" on one line
        let close = -1;
        for (let j = i + 2, limit = Math.min(to, i + 2000); j < limit; j++) {
          const d = text.charCodeAt(j);
          if (d === 41) {
            close = j;
            break;
          }
          if (d === 10 || d === 13 || d === 32) break;
        }
        if (close > 0) {
          scanRegion(text, i + 1, close + 1);
          i = close + 1;
          continue;
        }
      }
      if (c === 38) {
        const e = entityAt(text, i);
        if (e) {
          const ec = e.ch.charCodeAt(0);
          if (e.ch === ' ') pendingSep |= SEP_SPACE;
          else if (ec === 34 || ec === 0x201c || ec === 0x201d) quoteMark(text, i, ec, to, e.len);
          else if (!isFormatJoiner(ec)) pendingSep |= SEP_PUNCT;
          i += e.len;
          continue;
        }
      }
    }
    if (prose && (c === 34 || c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb)) {
      quoteMark(text, i, c, to, 1);
      i++;
      continue;
    }
    if (prose && (c === 39 || c === 0x2018 || c === 0x2019)) {
      if (inSingle && i === singleCloseAt) {
        inSingle = false;
        pendingSep |= SEP_QUOTE;
      } else if (!inSingle && !inDouble && (c === 39 || c === 0x2018)) {
        const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
        if (wordCharWidth(text, i - 1, prev) === 0 && wordCharWidth(text, i + 1, text.charCodeAt(i + 1)) > 0) {
          const close = findSingleClose(text, i, to);
          if (close > 0) {
            inSingle = true;
            singleCloseAt = close;
            pendingSep |= SEP_QUOTE;
          }
        }
      }
      pendingSep |= SEP_PUNCT;
      i++;
      continue;
    }
    if (isHyphen(c)) pendingSep |= SEP_HYPHEN;
    else if (c === 47) pendingSep |= SEP_SLASH;
    else if (c === 46 || c === 33 || c === 63 || c === 0x2026) {
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 32;
      const ends =
        wordCharWidth(text, i + 1, next) === 0 &&
        next !== 46 &&
        next !== 44 &&
        !(c === 46 && out.count > 0 && isAbbreviation(keyOf(out, out.count - 1)));
      if (ends) breakSentence(prose);
      else pendingSep |= c === 46 ? SEP_DOT : SEP_PUNCT;
    } else if (c === 95) pendingSep |= SEP_DOT;
    else if (c === 42 || c === 126) {
      // Markdown emphasis: transparent
    } else if (isFormatJoiner(c) || astralInvisible(text, i, c) > 0) {
      // invisible
    } else pendingSep |= c === 44 || c === 59 ? SEP_PUNCT | SEP_COMMA : SEP_PUNCT;
    i += c >= 0xd800 && c <= 0xdbff && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff ? 2 : 1;
  }
}

function isAbbreviation(key: string): boolean {
  if (key.length === 1) return key >= 'a' && key <= 'z';
  return abbreviations.has(key);
}

/** Ends the current sentence (once, however many marks end it). */
function breakSentence(prose: boolean): void {
  if ((pendingSep & SEP_SENTENCE) !== 0) return;
  pendingSep |= SEP_SENTENCE;
  if (prose) sentence++;
}

function isEntityLetterAt(text: string, i: number): boolean {
  const e = entityAt(text, i);
  return e !== undefined && wordCharWidth(e.ch, 0, e.ch.charCodeAt(0)) > 0;
}

function quoteMark(text: string, i: number, c: number, to: number, len: number): void {
  pendingSep |= SEP_QUOTE | SEP_PUNCT;
  if (c === 0x201c || c === 0x201e || c === 0xab) inDouble = true;
  else if (c === 0x201d || c === 0xbb) inDouble = false;
  else {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    const next = i + len < to ? text.charCodeAt(i + len) : 32;
    const prevOpen = prev === 32 || prev === 10 || prev === 13 || prev === 9 || prev === 40 || prev === 91 || prev === 123 || prev === 0xa0 || i === 0;
    const nextSpace = next === 32 || next === 10 || next === 13 || next === 9;
    if (!inDouble && prevOpen && !nextSpace) inDouble = true;
    else if (inDouble) inDouble = false;
  }
}

/** Inline code: the next run of exactly n backticks in the same paragraph, within 10,000
 * characters (scanning each character once). */
function findBackticks(text: string, from: number, to: number, n: number): number {
  const limit = Math.min(to, from + 10000);
  for (let j = from; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 && text.charCodeAt(j + 1) === 10) return -1;
    if (c !== 96) continue;
    let run = 1;
    while (text.charCodeAt(j + run) === 96) run++;
    if (run === n) return j;
    j += run - 1;
  }
  return -1;
}

/** Scans a region of code, a URL or a tag: its words go to the other stream. */
function scanRegion(text: string, from: number, to: number): void {
  const saved = pendingSep;
  pendingSep = SEP_REGION;
  scanNonProse(text, from, to);
  pendingSep = saved | SEP_REGION;
}

function scanNonProse(text: string, from: number, to: number): void {
  // newlines inside the region still count as lines
  const savedChunk = chunkStart;
  const savedChunkCount = chunkProseCount;
  scan(text, from, to, false, false);
  chunkStart = savedChunk;
  chunkProseCount = savedChunkCount;
}

/** A tag, comment or autolink at `i`? Returns the offset after it (and scans it), or 0. */
function tagAt(text: string, i: number, to: number): number {
  const n1 = text.charCodeAt(i + 1);
  const isLetter = (x: number) => (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  if (n1 === 33 && text.startsWith('!--', i + 1)) {
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 || close + 3 > to ? to : close + 3;
    parseMarker(text.slice(i + 4, end), i, end);
    scanRegion(text, i, end);
    pendingSep &= ~SEP_REGION;
    return end;
  }
  if (!(isLetter(n1) || ((n1 === 47 || n1 === 33 || n1 === 63) && isLetter(text.charCodeAt(i + 2))))) return 0;
  const limit = Math.min(to, i + 2000);
  let j = i + 1;
  let q = 0;
  for (; j < limit; j++) {
    const d = text.charCodeAt(j);
    if (q !== 0) {
      if (d === q) q = 0;
    } else if (d === 34 || d === 39) {
      // quoted attribute values only after '='
      if (text.charCodeAt(j - 1) === 61) q = d;
    } else if (d === 62) break;
    else if (d === 60 || (d === 10 && text.charCodeAt(j + 1) === 10)) return 0;
  }
  if (j >= limit) return 0;
  const end = j + 1;
  const closing = n1 === 47;
  let k = closing ? i + 2 : i + 1;
  while (k < end && (isLetter(text.charCodeAt(k)) || (text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57))) k++;
  const name = text.slice(closing ? i + 2 : i + 1, k).toLowerCase();
  if (!closing && rawTags.has(name) && text.charCodeAt(end - 2) !== 47) {
    const lower = text.slice(end, Math.min(to, end + 200000)).toLowerCase();
    const c = lower.indexOf('</' + name);
    let stop = c === -1 ? to : end + c;
    const gt = text.indexOf('>', stop);
    stop = c === -1 ? to : gt === -1 ? to : Math.min(to, gt + 1);
    scanRegion(text, i, stop);
    return stop;
  }
  scanRegion(text, i, end);
  if (blockTags.has(name)) breakSentence(true); else if (text.charCodeAt(i + 1 + name.length) === 58) {
    // an autolink such as <https://…>
  } else pendingSep &= ~SEP_REGION;
  return end;
}

/** Tokenises `text`. The returned streams are reused by the next call: read them before then. */
export function tokenise(text: string, markup = true): Tokenised {
  proseStream.count = 0;
  otherStream.count = 0;
  proseStream.text = otherStream.text = text;
  lineCount = 0;
  addLine(0);
  markers = [];
  sentence = 0;
  pendingSep = SEP_PARAGRAPH | SEP_SENTENCE;
  inDouble = inSingle = false;
  singleCloseAt = -1;
  noCloseFrom = noCloseTo = -1;
  chunkStart = 0;
  chunkProseCount = 0;
  if (markup) {
    const skipTo = lineStartSyntax(text, 0, text.length);
    if (skipTo > 0) {
      scanRegion(text, 0, skipTo);
      scan(text, skipTo, text.length, true, true);
    } else scan(text, 0, text.length, true, true);
  } else scan(text, 0, text.length, false, true);
  return {
    prose: proseStream,
    other: otherStream,
    lineStarts,
    lineCount,
    markers,
    sentenceCount: sentence + 1,
  };
}

/** The folded keys of the words of `s` (plain text, no markup), possessives removed. */
export function wordKeys(s: string): string[] {
  const t = tokenise(s, false);
  const out: string[] = [];
  for (let k = 0; k < t.prose.count; k++) out.push(keyOf(t.prose, k));
  return out;
}

/** Words of a term with the separator before each ('' for the first word). */
export function termWords(s: string): { keys: string[]; seps: number[] } {
  const t = tokenise(s, false);
  const keys: string[] = [];
  const seps: number[] = [];
  for (let k = 0; k < t.prose.count; k++) {
    keys.push(keyOf(t.prose, k));
    seps.push(k === 0 ? 0 : t.prose.sep[k]!);
  }
  return { keys, seps };
}

/**
 * A set of folded words tested against tokens by the tokeniser's hash first, so that a token
 * that is not in it is never turned into a string.
 */
export class WordSet {
  private readonly hashes = new Set<number>();
  readonly words: ReadonlySet<string>;

  constructor(words: Iterable<string>) {
    const w = new Set(words);
    this.words = w;
    for (const k of w) this.hashes.add(hashKey(k));
  }

  /** Is token i of a stream one of the words? */
  at(s: TokenStream, i: number): boolean {
    return this.hashes.has(s.hash[i]!) && this.words.has(keyOf(s, i));
  }

  has(key: string): boolean {
    return this.words.has(key);
  }
}

/** Is token i's key `key`? Compares the text directly for words not yet made into strings. */
export function sameKey(s: TokenStream, i: number, key: string): boolean {
  const k = s.keys[i];
  if (k !== undefined) return k === key;
  const start = s.start[i]!;
  const len = s.end[i]! - start;
  if (len !== key.length) return false;
  const text = s.text;
  // unmade keys are ASCII letters and digits only: | 32 lower-cases letters, keeps digits
  for (let j = 0; j < len; j++) if ((text.charCodeAt(start + j) | 32) !== key.charCodeAt(j)) return false;
  return true;
}

/**
 * A set of folded words keyed by the tokeniser's hash, so that a token can be tested, and
 * added, without turning its key into a string more than once. `stemAt` tests token i's key
 * without its last letter (a stray "s").
 */
export class KeySet {
  private readonly map = new Map<number, string | string[]>();
  size = 0;

  has(key: string, h: number = hashKey(key)): boolean {
    const e = this.map.get(h);
    if (e === undefined) return false;
    return typeof e === 'string' ? e === key : e.includes(key);
  }

  at(s: TokenStream, i: number): boolean {
    const e = this.map.get(s.hash[i]!);
    if (e === undefined) return false;
    if (typeof e === 'string') return sameKey(s, i, e);
    for (const k of e) if (sameKey(s, i, k)) return true;
    return false;
  }

  /** Is token i's key without its last character in the set? */
  stemAt(s: TokenStream, i: number): boolean {
    const k = s.keys[i];
    let h = FNV_OFFSET;
    if (k !== undefined) {
      for (let j = 0; j < k.length - 1; j++) h = Math.imul(h ^ k.charCodeAt(j), FNV_PRIME);
    } else {
      const text = s.text;
      for (let j = s.start[i]!, end = s.end[i]! - 1; j < end; j++) h = Math.imul(h ^ (text.charCodeAt(j) | 32), FNV_PRIME);
    }
    const e = this.map.get(h);
    if (e === undefined) return false;
    const stemIs = (w: string): boolean => {
      if (k !== undefined) return w.length === k.length - 1 && k.startsWith(w);
      const start = s.start[i]!;
      if (w.length !== s.end[i]! - start - 1) return false;
      for (let j = 0; j < w.length; j++) if ((s.text.charCodeAt(start + j) | 32) !== w.charCodeAt(j)) return false;
      return true;
    };
    return typeof e === 'string' ? stemIs(e) : e.some(stemIs);
  }

  add(key: string, h: number = hashKey(key)): void {
    const e = this.map.get(h);
    if (e === undefined) this.map.set(h, key);
    else if (typeof e === 'string') {
      if (e === key) return;
      this.map.set(h, [e, key]);
    } else if (!e.includes(key)) e.push(key);
    else return;
    this.size++;
  }

  clear(): void {
    this.map.clear();
    this.size = 0;
  }
}
