// One map from a folded word to everything the rules know about it, built once per combination
// of compiled guide and people, so that the main pass does a single look-up per word.

import type { CompiledGuide, CompiledProfile, TrieNode } from './compile.ts';
import { everydayNameWords } from './compile.ts';
import { hashKey, type TokenStream } from './tokenise.ts';
import {
  GENDER_FEMININE, GENDER_MASCULINE, detectedForms, functionWords, heForms, itForms, sheForms, theyForms, genderedNouns, notNames, organisationWords, personNouns, subjectNouns, titles,
  type GenderedNoun, type PronounSet,
} from './lexicon.ts';

export interface PronounWord {
  form: string;
  /** Role bits (lexicon ROLE_*) in the known set it belongs to; 0 for a person's own new set. */
  roles: number;
  set: PronounSet | null;
  gender: number;
  they: boolean;
  it: boolean;
  /** Whose pronoun it is, by person index. */
  owners: boolean[];
  /** It could misgender one of the people (it is not everyone's own, nor "they" for people who
   * use he or she, nor anything for people whose pronouns are unknown or any). */
  mismatch: boolean;
}

export interface WordInfo {
  guide: TrieNode | undefined;
  /** Avoided-word trie nodes, by person index. */
  avoid: (TrieNode | undefined)[] | null;
  /** People whose name has this word. */
  names: number[] | null;
  /** People whose plain previous names have this word. */
  previous: number[] | null;
  pronoun: PronounWord | null;
  title: { label: string; gender: number; neutral: boolean } | undefined;
  gendered: GenderedNoun | undefined;
  personNoun: boolean;
  subjectNoun: boolean;
  /** Never someone's name when capitalised (months, function words…). */
  notName: boolean;
  organisation: boolean;
  /** The word "user" (as in "service user"). */
  user: boolean;
}

function blank(): WordInfo {
  return {
    guide: undefined, avoid: null, names: null, previous: null, pronoun: null, title: undefined, gendered: undefined,
    personNoun: false, subjectNoun: false, notName: false, organisation: false, user: false,
  };
}

let baseVocab: Map<string, WordInfo> | null = null;

function base(): Map<string, WordInfo> {
  if (baseVocab !== null) return baseVocab;
  const v = new Map<string, WordInfo>();
  const get = (k: string): WordInfo => {
    let w = v.get(k);
    if (w === undefined) v.set(k, (w = blank()));
    return w;
  };
  for (const [f, d] of detectedForms) {
    const gender = heForms.has(f) ? GENDER_MASCULINE : sheForms.has(f) ? GENDER_FEMININE : 0;
    get(f).pronoun = { form: f, roles: d.roles, set: d.set, gender, they: theyForms.has(f), it: itForms.has(f), owners: [], mismatch: false };
  }
  for (const [k, t] of titles) get(k).title = t;
  for (const [k, g] of genderedNouns) get(k).gendered = g;
  for (const k of personNouns) get(k).personNoun = true;
  for (const k of subjectNouns) get(k).subjectNoun = true;
  get('user').user = true;
  for (const k of notNames) get(k).notName = true;
  for (const k of functionWords) get(k).notName = true;
  for (const k of organisationWords) {
    const w = get(k);
    w.organisation = true;
    w.notName = true;
  }
  baseVocab = v;
  return v;
}

function clone(w: WordInfo): WordInfo {
  return {
    ...w,
    avoid: w.avoid && [...w.avoid],
    names: w.names && [...w.names],
    previous: w.previous && [...w.previous],
    pronoun: w.pronoun && { ...w.pronoun, owners: [...w.pronoun.owners] },
  };
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** Is token i's key `key`? Compares the text directly for words not yet made into strings. */
function sameKey(s: TokenStream, i: number, key: string): boolean {
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
 * An open-addressing table keyed by the tokeniser's hash, so that looking a word up needs no
 * string: most words of a text are not in it and are never turned into strings at all.
 */
export class Vocabulary {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly keys: string[] = [];
  private readonly infos: WordInfo[] = [];

  constructor(map: Map<string, WordInfo>) {
    let size = 64;
    while (size < map.size * 3) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    for (const [k, info] of map) {
      const h = hashKey(k);
      let idx = h & this.mask;
      while (this.slots[idx] !== 0) idx = (idx + 1) & this.mask;
      this.keys.push(k);
      this.infos.push(info);
      this.hashes[idx] = h;
      this.slots[idx] = this.keys.length;
    }
  }

  /** The entry for token i of a stream. */
  lookup(s: TokenStream, i: number): WordInfo | undefined {
    const h = s.hash[i]!;
    let idx = h & this.mask;
    for (;;) {
      const slot = this.slots[idx]!;
      if (slot === 0) return undefined;
      if (this.hashes[idx] === h && sameKey(s, i, this.keys[slot - 1]!)) return this.infos[slot - 1];
      idx = (idx + 1) & this.mask;
    }
  }

  get(key: string): WordInfo | undefined {
    const h = hashKey(key);
    let idx = h & this.mask;
    for (;;) {
      const slot = this.slots[idx]!;
      if (slot === 0) return undefined;
      if (this.hashes[idx] === h && this.keys[slot - 1] === key) return this.infos[slot - 1];
      idx = (idx + 1) & this.mask;
    }
  }
}

const cache = new Map<string, Vocabulary>();

export function vocabularyFor(guide: CompiledGuide | undefined, people: readonly CompiledProfile[]): Vocabulary {
  let key = guide === undefined ? '-' : String(idOf(guide));
  for (const p of people) key += ',' + idOf(p);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const b = base();
  const v = new Map<string, WordInfo>();
  for (const [k, w] of b) v.set(k, clone(w));
  const get = (k: string): WordInfo => {
    let w = v.get(k);
    if (w === undefined) v.set(k, (w = blank()));
    return w;
  };
  if (guide !== undefined) for (const [k, node] of guide.root) get(k).guide = node;
  people.forEach((p, i) => {
    if (p.avoid !== null) {
      for (const [k, node] of p.avoid) {
        const w = get(k);
        w.avoid ??= [];
        w.avoid[i] = node;
      }
    }
    for (const k of p.nameWords) (get(k).names ??= []).push(i);
    if (p.previous?.plainWords) {
      for (const k of p.previous.plainWords) {
        (get(k).previous ??= []).push(i);
        // with a stray "s" ("Jordans records"): found by the same look-up
        if (k.length >= 3 && !k.endsWith('s') && !everydayNameWords.has(k) && !p.nameWords.has(k + 's')) (get(k + 's').previous ??= []).push(i);
      }
    }
    for (const f of p.pronouns.forms) {
      const w = get(f);
      w.pronoun ??= { form: f, roles: 0, set: null, gender: 0, they: false, it: false, owners: [], mismatch: false };
      w.pronoun.owners[i] = true;
    }
  });
  for (const w of v.values()) {
    const pw = w.pronoun;
    if (pw === null) continue;
    pw.mismatch = people.some((p, k) => !(p.pronouns.unknown || p.pronouns.any || pw.owners[k] === true || (pw.they && p.pronouns.usesHeOrShe)));
  }
  const table = new Vocabulary(v);
  if (cache.size >= 64) cache.clear();
  cache.set(key, table);
  return table;
}
