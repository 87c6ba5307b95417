// Compiling rules once: the language guide into a trie keyed by folded words, and a person's
// profile into lookups for their name, pronouns, title, words and previous names.

import type { FindingCategory, GuideEntry, PersonProfile, PreviousNameHashes } from './types.ts';
import { KeySet, SEP_NEWLINE, SEP_PUNCT, SEP_SLASH, SEP_SPACE, hashKey, termWords, wordKeys } from './tokenise.ts';
import { genderedNouns, knownSets, setForms, type PronounSet } from './lexicon.ts';

// ---------------------------------------------------------------------------------------------
// Phrase tries

export interface CompiledRule {
  ruleId: string;
  category: FindingCategory;
  /** Guide entry id, or the avoided word. */
  id: string;
  severity: 'warn' | 'info';
  message: string;
  reason: string;
  suggestions: string[];
  sources: string[] | undefined;
  serviceOnly: boolean;
  exceptBefore: Set<string> | null;
  exceptAfter: Set<string> | null;
  noun: boolean;
}

export interface TermMatch {
  rule: CompiledRule;
  /** A `noun` rule's term that starts with an article: must end its phrase ("a diabetic."). */
  nounCheck: boolean;
  /** The term's words, folded and joined by spaces. */
  phrase: string;
  fix: string | undefined;
}

export interface TrieNode {
  /** The word this node stands for. */
  word: string;
  /** How it joins the word before: ' ' space or hyphen, '/' slash, '.' punctuation with no
   * space ("(s)he"). */
  join: string;
  /** Children keyed by the tokeniser's hash of their word (see hashKey); nodes with the same
   * hash are chained through `alt`. */
  children: Map<number, TrieNode> | null;
  alt: TrieNode | null;
  match: TermMatch | null;
}

/** The child of `node` for `word` joined by `join`. */
export function childOf(node: TrieNode, hash: number, word: string, join: string): TrieNode | undefined {
  let c: TrieNode | null | undefined = node.children?.get(hash);
  while (c !== undefined && c !== null) {
    if (c.word === word && c.join === join) return c;
    c = c.alt;
  }
  return undefined;
}

export type Trie = Map<string, TrieNode>;

function joinMark(sep: number): string {
  if ((sep & SEP_SLASH) !== 0) return '/';
  if ((sep & SEP_PUNCT) !== 0 && (sep & (SEP_SPACE | SEP_NEWLINE)) === 0) return '.';
  return ' ';
}

/** Adds a term; returns false if it has no words. Earlier terms win over identical later ones. */
function addTerm(root: Trie, term: string, rule: CompiledRule, fix: string | undefined): boolean {
  const { keys, seps } = termWords(term);
  if (keys.length === 0) return false;
  let node = root.get(keys[0]!);
  if (!node) root.set(keys[0]!, (node = { word: keys[0]!, join: '', children: null, alt: null, match: null }));
  for (let k = 1; k < keys.length; k++) {
    const word = keys[k]!;
    const join = joinMark(seps[k]!);
    const h = hashKey(word);
    let next = childOf(node, h, word, join);
    if (next === undefined) {
      node.children ??= new Map();
      next = { word, join, children: null, alt: node.children.get(h) ?? null, match: null };
      node.children.set(h, next);
    }
    node = next;
  }
  const first = keys[0]!;
  node.match ??= { rule, phrase: keys.join(' '), fix, nounCheck: rule.noun && (first === 'a' || first === 'an' || first === 'the') };
  return true;
}

/** Every rule a plain text matches (used to check that a fix does not bring a finding back). */
function matchesAny(root: Trie, text: string): boolean {
  const { keys, seps } = termWords(text);
  for (let i = 0; i < keys.length; i++) {
    let node = root.get(keys[i]!);
    let j = i;
    while (node) {
      if (node.match) return true;
      j++;
      if (j >= keys.length) break;
      node = childOf(node, hashKey(keys[j]!), keys[j]!, joinMark(seps[j]!));
    }
  }
  return false;
}

function dropUnsafeFixes(root: Trie): void {
  const visit = (node: TrieNode): void => {
    if (node.match?.fix !== undefined && matchesAny(root, node.match.fix)) node.match.fix = undefined;
    if (node.children) {
      for (const c of node.children.values()) {
        for (let x: TrieNode | null = c; x !== null; x = x.alt) visit(x);
      }
    }
  };
  for (const n of root.values()) visit(n);
}

const quote = (s: string): string => `“${s}”`;

function listOr(items: string[]): string {
  const q = items.map(quote);
  if (q.length <= 1) return q.join('');
  return q.slice(0, -1).join(', ') + ' or ' + q[q.length - 1]!;
}

// ---------------------------------------------------------------------------------------------
// The guide

export interface CompiledGuide {
  readonly root: Trie;
  /** Entries by id, for callers that list the guide. */
  readonly entries: ReadonlyMap<string, GuideEntry>;
}

/** Compiles guide entries. Entries with no usable terms are kept (they are documented in the
 * guide) but match nothing. */
export function compileGuide(entries: readonly GuideEntry[]): CompiledGuide {
  const root: Trie = new Map();
  const byId = new Map<string, GuideEntry>();
  for (const e of entries) {
    byId.set(e.id, e);
    const suggestions = e.suggestions.filter((s) => s.trim().length > 0);
    const rule: CompiledRule = {
      ruleId: `guide/${e.id}`,
      category: 'guide',
      id: e.id,
      severity: e.severity === 'info' ? 'info' : 'warn',
      message: suggestions.length > 0 ? `Consider ${listOr(suggestions)}.` : 'Consider other wording.',
      reason: e.reason,
      suggestions,
      sources: e.source.length > 0 ? [...e.source] : undefined,
      serviceOnly: e.scope === 'service-document',
      exceptBefore: e.exceptBefore && e.exceptBefore.length > 0 ? new Set(e.exceptBefore.flatMap((w) => wordKeys(w))) : null,
      exceptAfter: e.exceptAfter && e.exceptAfter.length > 0 ? new Set(e.exceptAfter.flatMap((w) => wordKeys(w))) : null,
      noun: e.noun === true,
    };
    for (const t of e.terms) addTerm(root, t, rule, e.fixes?.[t]);
  }
  dropUnsafeFixes(root);
  return { root, entries: byId };
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * The normal form of a name the app hashes: words as the engine reads them (lower case, accents
 * and compatibility forms folded, curly apostrophes straightened, a possessive 's removed,
 * hyphens and other punctuation between words read as a space), joined by single spaces.
 * `normaliseNameWords("  Zoë-Jane  O’Brien’s ")` is `"zoe jane o'brien"`.
 */
export function normaliseNameWords(s: string): string {
  return wordKeys(s).join(' ');
}

const particles = new Set(['de', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'dos', 'das', 'st', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'y', 'e']);

/**
 * The normalised word sequences that reveal a previous name: the whole name and every run of
 * its words, except runs made only of words the person still uses (a surname kept) and lone
 * particles ("de", "van") after the first word.
 */
export function previousNameVariants(previousName: string, currentName: string): string[] {
  const words = wordKeys(previousName);
  const current = new Set(wordKeys(currentName));
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let j = i; j < words.length; j++) {
      const run = words.slice(i, j + 1);
      if (run.every((w) => current.has(w))) continue;
      if (i === j && i > 0 && particles.has(run[0]!)) continue;
      out.add(run.join(' '));
    }
  }
  return [...out];
}

/**
 * What the app should hash and store for a previous name: `sequences` (look-up hashes),
 * `words` (hashes of single words, an optional prefilter: `PreviousNameHashes.wordHashes`) and
 * `maxWords`. Nothing here is stored in readable form by the engine.
 */
export function previousNameHashInputs(previousName: string, currentName: string): { sequences: string[]; words: string[]; maxWords: number } {
  const sequences = previousNameVariants(previousName, currentName);
  const words = new Set<string>();
  let maxWords = 0;
  for (const s of sequences) {
    const ws = s.split(' ');
    maxWords = Math.max(maxWords, ws.length);
    for (const w of ws) words.add(w);
  }
  return { sequences, words: [...words], maxWords };
}

/**
 * Given names that are also everyday words: a one-word previous name among these is matched
 * only when the word is capitalised in the text ("Will said", not "will attend").
 */
export const everydayNameWords = new Set([
  'will', 'may', 'mark', 'bill', 'rose', 'grace', 'hope', 'faith', 'joy', 'dawn', 'summer', 'amber', 'jack', 'frank',
  'guy', 'art', 'pat', 'sue', 'ray', 'rich', 'bob', 'jean', 'april', 'june', 'august', 'ruby', 'pearl', 'ivy', 'holly',
  'daisy', 'lily', 'iris', 'heather', 'jasmine', 'violet', 'robin', 'jay', 'drew', 'dean', 'chase', 'hunter', 'cash',
  'clay', 'gene', 'grant', 'lance', 'miles', 'rob', 'rod', 'sandy', 'sky', 'river', 'rain', 'storm', 'autumn', 'angel',
  'crystal', 'destiny', 'harmony', 'honey', 'melody', 'star', 'sunny', 'wade', 'ward', 'win', 'bay', 'brook', 'cliff',
  'dale', 'glen', 'heath', 'forest', 'reed', 'rock', 'stone', 'wolf', 'fox', 'bear', 'earl', 'king', 'duke', 'prince',
  'major', 'royal', 'sterling', 'ace', 'max', 'kit', 'al', 'ed', 'don', 'nick', 'penny', 'carol', 'hazel', 'olive',
  'sage', 'poppy', 'willow', 'ash', 'rowan', 'bo', 'chance', 'christian', 'dusty', 'misty', 'noble', 'page', 'price',
  'rusty', 'sonny', 'victor', 'young', 'long', 'white', 'black', 'brown', 'green', 'gray', 'grey', 'hall', 'hill',
  'wood', 'lee', 'park', 'bell', 'cook', 'baker', 'carter', 'mason', 'taylor', 'smith', 'hardy', 'fair', 'free',
  'bliss', 'blessing', 'charity', 'constance', 'patience', 'prudence', 'trinity', 'unity', 'honor', 'honour',
  'liberty', 'justice', 'journey', 'serenity', 'mercy', 'happy', 'lucky', 'buddy', 'sunday', 'tuesday', 'march',
  'jade', 'opal', 'coral', 'scarlet', 'rosemary', 'basil', 'cherry', 'berry', 'pepper', 'ginger', 'candy', 'cookie',
  'sugar', 'bunny', 'angel', 'barb', 'lou', 'tom', 'tim', 'ben', 'dot', 'gus', 'ken', 'kay', 'ivy', 'fern', 'moss',
]);

export interface PreviousMatcher {
  plain: Set<string> | null;
  plainWords: Set<string> | null;
  /** hashKey of each plain word: a look-up by the tokeniser's hash, before making a string. */
  plainWordHashes: Set<number>;
  hashed: PreviousNameHashes | null;
  maxWords: number;
  /** Words the keyed hashes showed are not part of a previous name (safe to keep: they are not
   * names), by the tokeniser's hash: a word seen before is not made into a string or hashed again. */
  notNameWords: KeySet;
  /** Message texts already checked for previous names (true: contains one). */
  checkedText: Map<string, boolean>;
}

// ---------------------------------------------------------------------------------------------
// Pronouns

export interface PronounProfile {
  /** Pronouns were not given: no pronoun rules. */
  unknown: boolean;
  any: boolean;
  nameOnly: boolean;
  sets: PronounSet[];
  forms: Set<string>;
  usesHeOrShe: boolean;
  label: string;
}

const childWords = new Set(['boy', 'girl', 'lad', 'lass']);

const anyRe = /^(any|all|any pronouns|all pronouns|any\/all)$/;
const nameOnlyRe = /^(name only|none|no pronouns|use my name|name|just my name)$/;

export function parsePronouns(list: readonly string[] | undefined): PronounProfile {
  const p: PronounProfile = { unknown: list === undefined, any: false, nameOnly: false, sets: [], forms: new Set(), usesHeOrShe: false, label: '' };
  if (list === undefined) return p;
  const labels: string[] = [];
  for (const raw of list) {
    const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (text.length === 0) continue;
    if (anyRe.test(text)) {
      p.any = true;
      labels.push(raw.trim());
      continue;
    }
    if (nameOnlyRe.test(text)) continue;
    labels.push(raw.trim());
    const parts = text.split(/[/,]| and | or /).map((s) => wordKeys(s)[0] ?? '').filter((s) => s.length > 0);
    const chosen: PronounSet[] = [];
    const ambiguous: PronounSet[][] = [];
    for (const part of parts) {
      const candidates = Object.values(knownSets).filter((s) => setForms(s).includes(part));
      if (candidates.length === 1) {
        if (!chosen.includes(candidates[0]!)) chosen.push(candidates[0]!);
      } else if (candidates.length > 1) ambiguous.push(candidates);
    }
    for (const c of ambiguous) if (!c.some((s) => chosen.includes(s))) chosen.push(...c);
    if (chosen.length === 0 && parts.length > 0) {
      chosen.push({ label: parts.join('/'), subject: parts[0], object: parts[1], determiner: parts[2], possessive: parts[3], reflexive: parts[4], extra: parts.slice(5), plural: false });
    }
    for (const s of chosen) if (!p.sets.includes(s)) p.sets.push(s);
  }
  if (p.sets.length === 0 && !p.any) p.nameOnly = true;
  for (const s of p.sets) for (const f of setForms(s)) p.forms.add(f);
  p.usesHeOrShe = p.sets.includes(knownSets.he!) || p.sets.includes(knownSets.she!);
  p.label = labels.join(', ');
  return p;
}

// ---------------------------------------------------------------------------------------------
// The person

export interface CompiledProfile {
  readonly name: string;
  readonly firstName: string;
  readonly nameWords: ReadonlySet<string>;
  readonly titleKey: string | undefined;
  readonly titleLabel: string | undefined;
  readonly pronouns: PronounProfile;
  /** Allowed gendered words (folded, singular and plural); null: no judgement. */
  readonly genderWords: ReadonlySet<string> | null;
  readonly genderWordsList: readonly string[];
  readonly avoid: Trie | null;
  readonly allow: ReadonlySet<string>;
  readonly previous: PreviousMatcher | null;
}

/**
 * Compiles a person's profile. Previous names come as plain strings (`profile.previousNames`,
 * for the CLI) and/or as keyed hashes (`previousNameHashes`, for the web app, which never holds
 * them in readable form). The hash function receives `normaliseNameWords` output.
 */
export function compileProfile(profile: PersonProfile, previousNameHashes?: PreviousNameHashes): CompiledProfile {
  const name = profile.name.trim().replace(/\s+/g, ' ');
  const nameWords = new Set(wordKeys(name));
  const titleKey = profile.title !== undefined && profile.title.trim() !== '' ? (wordKeys(profile.title)[0] ?? undefined) : undefined;

  let genderWords: Set<string> | null = null;
  const genderWordsList = (profile.genderWords ?? []).map((w) => w.trim()).filter((w) => w.length > 0);
  if (genderWordsList.length > 0) {
    genderWords = new Set();
    for (const w of genderWordsList) {
      const keys = wordKeys(w);
      const head = keys[keys.length - 1];
      if (head === undefined) continue;
      genderWords.add(head);
      const g = genderedNouns.get(head);
      if (g) for (const [k, v] of genderedNouns) if (v.singular === g.singular) genderWords.add(k);
      // "man" or "woman" fits the adult words and relations of that gender ("gentleman",
      // "lady", "son", "sister"); not the words for children ("boy", "lass")
      if (g && (g.singular === 'man' || g.singular === 'woman')) {
        for (const [k, v] of genderedNouns) if (v.gender === g.gender && !childWords.has(v.singular)) genderWords.add(k);
      }
    }
  }

  let avoid: Trie | null = null;
  for (const a of profile.avoid ?? []) {
    const word = a.word.trim();
    if (word.length === 0) continue;
    avoid ??= new Map();
    const instead = a.instead.map((s) => s.trim()).filter((s) => s.length > 0);
    const rule: CompiledRule = {
      ruleId: 'avoided-word',
      category: 'avoided-word',
      id: word,
      severity: 'warn',
      message: instead.length > 0 ? `${name} asked for this word to be avoided: use ${listOr(instead)}.` : `${name} asked for this word to be avoided.`,
      reason: 'This person asked for this word not to be used about them.',
      suggestions: instead,
      sources: undefined,
      serviceOnly: false,
      exceptBefore: null,
      exceptAfter: null,
      noun: false,
    };
    addTerm(avoid, word, rule, instead[0]);
    const lower = word.toLowerCase();
    const variant = lower.endsWith('s') ? word.slice(0, -1) : word + 's';
    if (variant.length > 0 && !/\s/.test(lower.slice(-1))) addTerm(avoid, variant, rule, undefined);
  }
  if (avoid) dropUnsafeFixes(avoid);

  const allow = new Set<string>();
  for (const a of profile.allow ?? []) {
    const k = wordKeys(a).join(' ');
    if (k.length > 0) allow.add(k);
    allow.add(a.trim());
  }

  let previous: PreviousMatcher | null = null;
  const plainNames = (profile.previousNames ?? []).filter((n) => n.trim().length > 0);
  if (plainNames.length > 0 || previousNameHashes) {
    previous = { plain: null, plainWords: null, plainWordHashes: new Set(), hashed: previousNameHashes ?? null, maxWords: 0, notNameWords: new KeySet(), checkedText: new Map() };
    if (previousNameHashes) previous.maxWords = Math.max(1, Math.min(16, Math.floor(previousNameHashes.maxWords)));
    if (plainNames.length > 0) {
      previous.plain = new Set();
      previous.plainWords = new Set();
      for (const pn of plainNames) {
        for (const seq of previousNameVariants(pn, name)) {
          previous.plain.add(seq);
          const ws = seq.split(' ');
          previous.maxWords = Math.max(previous.maxWords, ws.length);
          for (const w of ws) {
            previous.plainWords.add(w);
            previous.plainWordHashes.add(hashKey(w));
          }
        }
      }
    }
  }

  return {
    name,
    firstName: name.split(' ')[0] ?? name,
    nameWords,
    titleKey,
    titleLabel: profile.title?.trim().replace(/\.$/, ''),
    pronouns: parsePronouns(profile.pronouns),
    genderWords,
    genderWordsList,
    avoid,
    allow,
    previous,
  };
}
