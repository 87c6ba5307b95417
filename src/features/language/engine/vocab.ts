// One map from a folded word to everything the rules know about it, built once per combination
// of compiled guide and people, so that the main pass does a single look-up per word.

import type { CompiledGuide, CompiledProfile, TrieNode } from './compile.ts';
import { everydayNameWords } from './compile.ts';
import { hashKey, sameKey, type TokenStream } from './tokenise.ts';
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

/**
 * An open-addressing table keyed by the tokeniser's hash, so that looking a word up needs no
 * string: most words of a text are not in it and are never turned into strings at all. A table
 * for some people is a small one of their words over the guide's (`under`), which is built once
 * per guide: the app compiles a person's profile afresh for every check, and copying the guide's
 * thousands of words each time cost more than the check.
 */
export class Vocabulary {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly keys: string[] = [];
  private readonly infos: WordInfo[] = [];
  private readonly under: Vocabulary | null;

  constructor(map: Map<string, WordInfo>, under: Vocabulary | null = null) {
    this.under = under;
    let size = 16;
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
      if (slot === 0) return this.under === null ? undefined : this.under.lookup(s, i);
      if (this.hashes[idx] === h && sameKey(s, i, this.keys[slot - 1]!)) return this.infos[slot - 1];
      idx = (idx + 1) & this.mask;
    }
  }

  get(key: string): WordInfo | undefined {
    return this.getHashed(key, hashKey(key));
  }

  private getHashed(key: string, h: number): WordInfo | undefined {
    let idx = h & this.mask;
    for (;;) {
      const slot = this.slots[idx]!;
      if (slot === 0) return this.under === null ? undefined : this.under.getHashed(key, h);
      if (this.hashes[idx] === h && this.keys[slot - 1] === key) return this.infos[slot - 1];
      idx = (idx + 1) & this.mask;
    }
  }
}

interface GuideVocabulary {
  table: Vocabulary;
  /** Its words with a pronoun: each people's table has its own copy (whose pronoun it is). */
  pronouns: string[];
}

/** The base lexicon with a guide's words (no people), once per guide. */
const byGuide = new WeakMap<CompiledGuide, GuideVocabulary>();
let noGuide: GuideVocabulary | null = null;

function guideVocabulary(guide: CompiledGuide | undefined): GuideVocabulary {
  const known = guide === undefined ? noGuide : byGuide.get(guide);
  if (known !== undefined && known !== null) return known;
  const b = base();
  const v = new Map<string, WordInfo>();
  for (const [k, w] of b) v.set(k, clone(w));
  if (guide !== undefined) {
    for (const [k, node] of guide.root) {
      let w = v.get(k);
      if (w === undefined) v.set(k, (w = blank()));
      w.guide = node;
    }
  }
  const pronouns: string[] = [];
  for (const [k, w] of v) if (w.pronoun !== null) pronouns.push(k);
  const made = { table: new Vocabulary(v), pronouns };
  if (guide === undefined) noGuide = made;
  else byGuide.set(guide, made);
  return made;
}

const cache = new Map<string, Vocabulary>();

export function vocabularyFor(guide: CompiledGuide | undefined, people: readonly CompiledProfile[]): Vocabulary {
  const g = guideVocabulary(guide);
  if (people.length === 0) return g.table;
  let key = guide === undefined ? '-' : String(idOf(guide));
  for (const p of people) key += ',' + idOf(p);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  // the people's words, each a copy of the guide's entry for it (or a new one)
  const v = new Map<string, WordInfo>();
  const get = (k: string): WordInfo => {
    let w = v.get(k);
    if (w === undefined) {
      const under = g.table.get(k);
      v.set(k, (w = under === undefined ? blank() : clone(under)));
    }
    return w;
  };
  for (const k of g.pronouns) get(k);
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
  const table = new Vocabulary(v, g.table);
  if (cache.size >= 64) cache.clear();
  cache.set(key, table);
  return table;
}
