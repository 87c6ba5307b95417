// Who a pronoun, a gendered noun ("the young man") or a title refers to, across sentences and
// paragraphs. A shallow form of salience-based resolution (after Lappin and Leass, 1994): every
// mention of a person (the profiled people, others named, role and relational nouns) adds to
// that person's salience by its grammatical role (subject > object > oblique > possessor); each
// sentence halves it, each paragraph again. A pronoun is resolved among the people mentioned
// BEFORE it (or, for a fronted clause, "When she…, Robin", and a letter's opening noun, "This
// young man… Robin", the person named right after), after syntax rules some out:
//   - a possessive determiner is not the thing it possesses ("his GP": the GP comes after it);
//   - an object pronoun right after a subject is not that subject ("Sam asked him");
//   - a reflexive is its clause's subject ("Sam washed herself");
//   - a subject pronoun is not a person named later in its own clause ("He told Sam…");
//   - the addressee of a salutation ("Dear Dr Okafor,") is "you", not a third person;
//   - names in a signature block are the writer's.
// Each candidate's salience is weighed by how well the pronoun fits them: a person named with
// a title or a gendered noun that matches ("Mr Patel… he", "her mother… she") fits strongly;
// someone whose gender is unknown fits half as well; professionals mentioned by role weigh
// less than people present. The profiled person fits only as a misgendering. The finding is
// `warn` when the person is clearly the most salient referent, `info` when someone the pronoun
// fits is about as likely, nothing when such a person is clearly more likely. Having just used
// the person's own pronouns makes a mismatch less likely to be about them; having just
// misgendered them makes it more likely.

import type { Finding, Severity } from './types.ts';
import type { CompiledProfile } from './compile.ts';
import type { PronounWord } from './vocab.ts';
import {
  GENDER_FEMININE, GENDER_MASCULINE, ROLE_DETERMINER, ROLE_OBJECT, ROLE_POSSESSIVE, ROLE_REFLEXIVE, ROLE_SUBJECT,
  copulas, genderedNouns, groupNouns, personVerbs, phraseBreakers, professionalNouns, stripClitic, titles,
} from './lexicon.ts';
import { agreementSafe, decideRoles, formsFor } from './forms.ts';
import {
  SEP_COMMA, SEP_DOT, SEP_HYPHEN, SEP_NEWLINE, SEP_PARAGRAPH, SEP_PUNCT, SEP_QUOTE, SEP_REGION, SEP_SENTENCE, SEP_SLASH,
  SEP_SPACE, TF_APOSTROPHE, TF_CAPITAL, TF_QUOTED, WordSet, keyOf, type TokenStream,
} from './tokenise.ts';

// ---------------------------------------------------------------------------------------------
// Events: what the main pass saw, in text order

/** A word of a profiled person's name (person = index), or their previous name. */
export const EV_NAME = 1;
/** A capitalised word that may be someone else's name. */
export const EV_NAMED = 2;
/** A title before a name that is not a profiled person's (gender in `gender`). */
export const EV_TITLE = 3;
/** A title before a profiled person's name (person = index). */
export const EV_TITLE_PERSON = 4;
/** A word for a person: role, relation, group or gendered noun. */
export const EV_NOUN = 5;
/** A third-person pronoun (pronoun info in `pronoun`). */
export const EV_PRONOUN = 6;
/** "the patient", "the client", "service user": the one person a note is about. */
export const EV_SUBJECT_NOUN = 7;

let evTok = new Int32Array(256);
let evKind = new Int32Array(256);
let evPerson = new Int32Array(256);
let evGender = new Int32Array(256);
let evPara = new Int32Array(256);
const evPronoun: (PronounWord | null)[] = [];
let evCount = 0;
/** Tokens that start a line (after a line break), recorded by the main pass. */
const lineStarts: number[] = [];
let paragraph = 0;
/** Sentences (ascending) holding a word that could be a finding. */
const triggers: number[] = [];

export function resetEvents(): void {
  evCount = 0;
  evPronoun.length = 0;
  lineStarts.length = 0;
  triggers.length = 0;
  paragraph = 0;
}

/** Scratch for the resolution: the entity and role of each event (reused between calls). */
const evEntScratch: (Ent | null)[] = [];
let evRole = new Int32Array(256);

function growEvents(): void {
  const n = evTok.length * 2;
  const g = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
    const b = new Int32Array(n);
    b.set(a);
    return b;
  };
  evTok = g(evTok);
  evKind = g(evKind);
  evPerson = g(evPerson);
  evGender = g(evGender);
  evPara = g(evPara);
  evRole = g(evRole);
}

/** The main pass saw token i start a line (and perhaps a paragraph). */
export function lineAt(i: number, newParagraph: boolean): void {
  lineStarts.push(i);
  if (newParagraph) paragraph++;
}

/** An event at token `tok`; `trigger`: it could be a finding (its sentence is resolved). */
export function pushEvent(tok: number, kind: number, person: number, gender: number, pronoun: PronounWord | null, trigger: boolean, sentence: number): void {
  if (evCount === evTok.length) growEvents();
  const x = evCount++;
  evPara[x] = paragraph;
  evTok[x] = tok;
  evKind[x] = kind;
  evPerson[x] = person;
  evGender[x] = gender;
  evPronoun[x] = pronoun;
  if (trigger && (triggers.length === 0 || triggers[triggers.length - 1] !== sentence)) triggers.push(sentence);
}

// ---------------------------------------------------------------------------------------------
// People in the text

const K_PERSON = 0;
const K_NAMED = 1;
const K_ROLE = 2;
const K_RELATION = 3;
const K_GENERIC = 4;
const K_GROUP = 5;

interface Ent {
  kind: number;
  person: number;
  gender: number;
  plural: boolean;
  key: string;
  /** Salience: decayed total of past sentences, and the strongest mention in the current one. */
  past: number;
  cur: number;
  sentence: number;
  paragraph: number;
  mentioned: boolean;
  /** Not a third person: the addressee of the letter, or its writer. */
  excluded: boolean;
  /** Sentence in which the person's own pronouns were last used of them; -9 never. */
  ownAt: number;
  /** Sentence in which they were last misgendered (a warning); -9 never. */
  misAt: number;
  /** The genders of the words they were misgendered with (bits: GENDER_*; 4 for others). */
  misWith: number;
  /** How much a named person counts (weak when nothing shows a capitalised word is a person). */
  weight: number;
  /** Names this person was called by ("her partner, Amir"). */
  names: string[];
  /** Role and sentence of the last mention. */
  lastRole: number;
  lastSentence: number;
}

const W_SUBJECT = 310;
const W_OBJECT = 280;
const W_OBLIQUE = 180;
const W_POSSESSOR = 150;
const W_CATAPHORA = 100;
const MIN_SALIENCE = 15;
/** Once mentioned, a profiled person stays a candidate; the subject of the text more so. */
const FLOOR_MENTIONED = 20;
const FLOOR_SUBJECT = 200;

const R_SUBJECT = 1;
const R_OBJECT = 2;
const R_OBLIQUE = 3;
const R_POSSESSOR = 4;
const roleWeight = [0, W_SUBJECT, W_OBJECT, W_OBLIQUE, W_POSSESSOR];

const prepositions = new WordSet([
  'with', 'to', 'from', 'by', 'for', 'about', 'of', 'at', 'in', 'on', 'without', 'like', 'than', 'into', 'between',
  'towards', 'toward', 'among', 'beside', 'behind', 'near', 'alongside', 'via', 'per', 'including', 'against',
  'regarding', 're', 'through', 'under', 'over', 'after', 'before', 'since', 'during', 'around', 'besides', 'except',
  'cc', 'copy',
]);
const determiners = new WordSet([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'her', 'his', 'their', 'my', 'your', 'our', 'its', 'xyr', 'xir',
  'hir', 'zir', 'eir', 'faer', 'vis', 'one', 'another', 'other', 'young', 'old', 'new', 'elderly', 'older', 'younger',
  'same', 'former', 'current', 'usual', 'local', 'previous', 'own', 'trans', 'transgender', 'cis', 'non-binary',
  'nonbinary', 'gay', 'lesbian', 'bisexual', 'queer', 'elder', 'late', 'step', 'birth', 'adoptive', 'foster',
  'supportive', 'thoughtful', 'bright', 'articulate', 'pleasant', 'lovely', 'quiet', 'anxious', 'delightful',
  'engaging', 'friendly', 'polite', 'kind', 'caring', 'good', 'close', 'best', 'two', 'both', 'all',
]);
const clauseWords = new WordSet([
  'and', 'but', 'or', 'so', 'because', 'that', 'when', 'while', 'whilst', 'although', 'though', 'if', 'as', 'since',
  'until', 'unless', 'who', 'which', 'whereas', 'whether', 'then', 'where', 'once', 'said', 'says', 'told', 'tells',
  'explained', 'reported', 'described', 'felt', 'feels', 'thinks', 'thought', 'believes', 'mentioned', 'added',
  'confirmed', 'agreed', 'noted', 'asked', 'wondered', 'hopes', 'hoped', 'knows', 'knew', 'worries', 'worried',
  'before', 'after', 'how', 'why', 'what',
]);
const definite = new Set(['the', 'this', 'that', 'our', 'said']);
const coordinators = new WordSet(['and', 'but', 'or', 'so', 'while', 'whereas', 'although', 'though']);
const andOr = new WordSet(['and', 'or']);
const andBut = new WordSet(['and', 'but']);
const ageWords = new WordSet(['year', 'years', 'old', 'aged']);
const titleWords = new WordSet(titles.keys());
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const copulaWords = new WordSet(copulas);
const articles = new WordSet(['a', 'an']);
const breakers = new WordSet(phraseBreakers);
/** Gendered nouns that can stand for the person themself ("this young man"). */
const personalGendered = new Set(['man', 'woman', 'lady', 'gentleman', 'boy', 'girl', 'lad', 'lass', 'male', 'female', 'gent', 'chap']);
/** Verbs after a capitalised word that show it is a person ("Jo said"). */
export const namedVerbs = new Set([
  ...personVerbs, 'came', 'comes', 'rang', 'phoned', 'called', 'wrote', 'writes', 'mentioned', 'noted', 'suggested',
  'added', 'lives', 'lived', 'works', 'worked', 'joined', 'left', 'drove', 'brought', 'confirmed', 'thinks', 'thought',
  'knows', 'knew', 'helped', 'helps', 'supports', 'supported', 'accompanied', 'visited', 'saw', 'sees', 'met',
  'referred', 'prescribed', 'recommended', 'hopes', 'hoped', 'worries', 'worried', 'sent', 'emailed',
]);
const signOffs = new Set(['yours', 'regards', 'sincerely', 'faithfully']);
const signOffPairs = new Set(['kind regards', 'best wishes', 'warm regards', 'best regards', 'with best', 'with kind', 'many thanks', 'warmest regards', 'with thanks', 'all best', 'thank you']);
const headerWords = new Set(['to', 'from', 'cc', 'copy', 'copies', 'date', 'dob', 'nhs', 'address', 'subject', 'tel', 'email', 'hospital']);
const subjectLineWords = new Set(['re', 'regarding', 'patient', 'name', 'concerning', 'about']);
/** Words that can start a line of letter structure (a quick test before the others). */
const structureWords = new WordSet([
  ...signOffs, ...[...signOffPairs].map((p) => p.split(' ')[0]!), ...headerWords, ...subjectLineWords, 'dear', 'hello', 'hi', 'to',
]);

export interface RefInput {
  text: string;
  s: TokenStream;
  people: readonly CompiledProfile[];
  findings: Finding[];
  subject: number;
  mentionOf: Int32Array;
  previousOf: Int32Array;
}

function blank(ruleId: Finding['category'], severity: Severity, start: number, end: number, message: string, reason: string, suggestions: string[]): Finding {
  return { ruleId, category: ruleId, severity, start, end, line: 0, column: 0, message, reason, suggestions };
}

function matchCase(original: string, replacement: string): string {
  if (replacement.length === 0) return replacement;
  const o = original.charAt(0);
  if (o !== o.toLowerCase() && o === o.toUpperCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

const flexOk = (sep: number): boolean => (sep & ~(SEP_SPACE | SEP_NEWLINE | SEP_HYPHEN)) === 0;
const lineStart = (s: TokenStream, j: number): boolean => j === 0 || (s.sep[j]! & (SEP_NEWLINE | SEP_PARAGRAPH)) !== 0;

/** The first token of the clause holding token i. */
function clauseStart(s: TokenStream, i: number): number {
  let j = i;
  while (j > 0 && i - j < 25) {
    const sep = s.sep[j]!;
    if ((sep & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_COMMA | SEP_QUOTE | SEP_REGION)) !== 0) break;
    if ((sep & SEP_PUNCT) !== 0 && (sep & SEP_DOT) === 0) break;
    if (clauseWords.at(s, j - 1)) break;
    j--;
  }
  return j;
}

/** How far a subject at token i reaches (its clause and the clauses inside it: "He said Sam
 * was…"), up to a comma, a sentence end or a coordinating word. */
function commandEnd(s: TokenStream, i: number): number {
  let j = i + 1;
  while (j < s.count && j - i < 30) {
    const sep = s.sep[j]!;
    if ((sep & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_COMMA | SEP_QUOTE | SEP_REGION)) !== 0) break;
    if ((sep & SEP_PUNCT) !== 0 && (sep & SEP_DOT) === 0) break;
    if (coordinators.at(s, j)) break;
    j++;
  }
  return j;
}

/** Does a clause boundary fall just before token j (punctuation other than a dot, a sentence,
 * a quotation mark)? */
function boundaryBefore(s: TokenStream, j: number): boolean {
  const sep = s.sep[j]!;
  return (sep & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_COMMA | SEP_QUOTE | SEP_REGION)) !== 0 || ((sep & SEP_PUNCT) !== 0 && (sep & SEP_DOT) === 0);
}

/** The grammatical role of a mention starting at token i (shallow: what comes before it). */
function roleAt(s: TokenStream, i: number): number {
  let j = i - 1;
  while (j >= 0 && !boundaryBefore(s, j + 1) && determiners.at(s, j)) j--;
  if (j >= 0 && !boundaryBefore(s, j + 1) && (s.flags[j]! & TF_APOSTROPHE) === 0 && s.keyEnd[j]! < s.end[j]!) j--; // "Robin's partner"
  if (j < 0 || boundaryBefore(s, j + 1) || i - j > 25) return R_SUBJECT;
  if (clauseWords.at(s, j)) return R_SUBJECT;
  if (prepositions.at(s, j)) return R_OBLIQUE;
  if (titleWords.at(s, j)) return roleAt(s, j);
  return R_OBJECT;
}

const possessive = (s: TokenStream, i: number): boolean => s.keyEnd[i]! < s.end[i]!;

interface State {
  inp: RefInput;
  ents: Ent[];
  byPerson: Ent[];
  sentence: number;
  paragraph: number;
  /** Token from which the signature block runs (s.count if none). */
  signature: number;
  subject: number;
  /** Entity of each event (null: none). */
  evEnt: (Ent | null)[];
  evRole: Int32Array;
}

const HALVES = Array.from({ length: 64 }, (_, n) => Math.pow(0.5, n));

function decayed(st: State, e: Ent): number {
  const ds = st.sentence - e.sentence;
  if (ds > 0) {
    const dp = st.paragraph - e.paragraph;
    e.past = ds + dp < 64 ? (e.past + e.cur) * HALVES[ds + dp]! : 0;
    e.cur = 0;
    e.sentence = st.sentence;
    e.paragraph = st.paragraph;
  }
  return e.past + e.cur;
}

function salience(st: State, e: Ent): number {
  let v = decayed(st, e) * e.weight;
  if (e.kind === K_PERSON) {
    if (e.person === st.subject) v = Math.max(v, FLOOR_SUBJECT);
    else if (e.mentioned) v = Math.max(v, FLOOR_MENTIONED);
  }
  return v;
}

function addMention(st: State, e: Ent, role: number, factor = 1): void {
  decayed(st, e);
  e.cur = Math.max(e.cur, roleWeight[role]! * factor);
  e.mentioned = true;
  e.lastRole = role;
  e.lastSentence = st.sentence;
}

function newEnt(st: State, kind: number, person: number, gender: number, plural: boolean, key: string): Ent {
  if (st.ents.length > 24) {
    // people mentioned long ago no longer count: keep the list short (a long text stays linear)
    st.ents = st.ents.filter((e) => e.kind === K_PERSON || e.excluded || decayed(st, e) * e.weight >= MIN_SALIENCE / 4);
  }
  const e: Ent = {
    kind, person, gender, plural, key, past: 0, cur: 0, sentence: st.sentence, paragraph: st.paragraph, mentioned: false,
    excluded: false, ownAt: -9, misAt: -9, misWith: 0, weight: kind === K_ROLE ? 0.5 : 1, names: kind === K_NAMED ? [key] : [],
    lastRole: 0, lastSentence: -9,
  };
  st.ents.push(e);
  return e;
}

function findEnt(st: State, kind: number, key: string): Ent | null {
  for (let x = st.ents.length - 1; x >= 0; x--) {
    const e = st.ents[x]!;
    if (e.person >= 0) continue;
    if (kind === K_NAMED ? e.names.includes(key) : e.kind === kind && e.key === key) return e;
  }
  return null;
}

/** What kind of person a noun names. */
function nounKind(key: string): { kind: number; gender: number; plural: boolean } {
  const g = genderedNouns.get(key);
  if (g !== undefined) {
    const plural = g.singular !== key;
    return { kind: plural ? K_GROUP : personalGendered.has(g.singular) ? K_GENERIC : K_RELATION, gender: g.gender, plural };
  }
  if (groupNouns.has(key)) return { kind: K_GROUP, gender: 0, plural: true };
  if (professionalNouns.has(key)) return { kind: K_ROLE, gender: 0, plural: false };
  if (key === 'person' || key === 'individual' || key === 'adult' || key === 'youngster' || key === 'someone' || key === 'somebody' || key === 'anyone') {
    return { kind: K_GENERIC, gender: 0, plural: false };
  }
  return { kind: K_RELATION, gender: 0, plural: false };
}

// ---------------------------------------------------------------------------------------------
// Fit: how well a word fits a candidate

/** A pronoun's fit with a person who is not profiled (0: it cannot be theirs). */
function otherFit(e: Ent, w: PronounWord): number {
  if (w.it) return 0;
  if (e.plural) return w.they ? 3 : 0;
  if (w.they) return e.kind === K_NAMED ? 0.6 : 0.8;
  if (e.gender === GENDER_MASCULINE) return w.gender === GENDER_MASCULINE ? 3 : 0;
  if (e.gender === GENDER_FEMININE) return w.gender === GENDER_FEMININE ? 3 : 0;
  if (w.gender !== 0) return 1;
  // a neopronoun: only a named person whose pronouns are not known could use it
  return e.kind === K_NAMED ? 0.5 : 0;
}

/** 1: the pronoun is the person's own (or they use any, or it is "they" for a he/she user, or
 * we do not know their pronouns); 0: it misgenders them. */
function ownFit(p: CompiledProfile, k: number, w: PronounWord): boolean {
  const pr = p.pronouns;
  if (pr.unknown || pr.any || w.owners[k] === true) return true;
  if (w.they && pr.usesHeOrShe) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------

interface Choice {
  /** The profiled person the word misgenders, or -1. */
  k: number;
  severity: Severity | null;
  /** The entity the word is taken to refer to, if any. */
  ent: Ent | null;
}

/**
 * Resolves a word at token i that needs a referent: `fitOther(e)` says how well it fits a
 * person who is not profiled, `fitsOwn(k)` whether it fits profiled person k. Candidates are
 * people mentioned before i (minus those ruled out); `cataphora` allows the first person named
 * after i when nobody came before.
 */
function choose(
  st: State, i: number, x: number, fitOther: (e: Ent) => number, fitsOwn: (k: number) => boolean,
  exclude: (e: Ent) => boolean, cataphora: boolean, onlyEnt: Ent | null, parallel = 0, wordGender = 0,
  continues: Ent | null = null,
): Choice {
  const s = st.inp.s;
  let bestMis: Ent | null = null;
  let bestMisScore = 0;
  let bestOther: Ent | null = null;
  let bestOtherScore = 0;
  let bestOtherFit = 0;
  let bestOwn: Ent | null = null;
  let bestOwnScore = 0;
  let misPenalty = 1;
  for (const e of st.ents) {
    if (e.excluded || (onlyEnt !== null && e !== onlyEnt)) continue;
    if (!e.mentioned && !(e.kind === K_PERSON && e.person === st.subject)) continue;
    if (exclude(e)) continue;
    let sal = (st.sentence === e.sentence ? e.past + e.cur : decayed(st, e)) * e.weight;
    if (e.kind === K_PERSON) sal = Math.max(sal, e.person === st.subject ? FLOOR_SUBJECT : e.mentioned ? FLOOR_MENTIONED : 0);
    if (sal < MIN_SALIENCE) continue;
    if (e.kind === K_PERSON) {
      if (fitsOwn(e.person)) {
        const v = sal * 3;
        if (v > bestOwnScore) {
          bestOwnScore = v;
          bestOwn = e;
        }
      } else {
        let v = sal;
        // the writer has already misgendered them this way: they will again
        if (e.misAt >= st.sentence - 1 || (e.misWith & wordGender) !== 0) v *= 2;
        if (e === continues) v *= 2;
        if (v > bestMisScore) {
          bestMisScore = v;
          bestMis = e;
          // having just used their own pronouns, the writer knows them: a mismatch next to
          // someone it clearly fits is probably about that someone
          misPenalty = e.ownAt >= st.sentence - 1 ? 0.25 : e.ownAt >= st.sentence - 5 ? 0.5 : 1;
        }
      }
    } else {
      const f = fitOther(e);
      if (f <= 0) continue;
      // role parallelism: a subject pronoun right after someone it fits was the subject
      const v = sal * f * (parallel !== 0 && e.lastRole === parallel && e.lastSentence >= st.sentence - 1 ? 1.5 : 1) * (e === continues ? 2 : 1);
      if (v > bestOtherScore) {
        bestOtherScore = v;
        bestOther = e;
        bestOtherFit = f;
      }
    }
  }
  if (bestOwnScore > bestOtherScore) {
    bestOtherScore = bestOwnScore;
    bestOther = bestOwn;
    bestOtherFit = 3;
  }
  if (bestOther !== null) bestMisScore *= bestOtherFit >= 3 ? misPenalty : Math.sqrt(misPenalty);
  if (bestMis === null && bestOther === null && cataphora) {
    // nobody before: the first person mentioned after, in this sentence or the next
    const sent = s.sentence[i]!;
    for (let y = x + 1; y < evCount && y - x < 60; y++) {
      const t = evTok[y]!;
      if (s.sentence[t]! > sent + 1 || t >= st.signature) break;
      const kind = evKind[y]!;
      if (kind === EV_TITLE_PERSON) continue;
      if (kind === EV_NAME || kind === EV_SUBJECT_NOUN) {
        const k = evPerson[y]!;
        const e = st.byPerson[k]!;
        if (e.excluded) break;
        if (fitsOwn(k)) return { k: -1, severity: null, ent: e };
        bestMis = e;
        bestMisScore = W_CATAPHORA;
        break;
      }
      if (kind === EV_NAMED || kind === EV_TITLE || kind === EV_NOUN) break;
    }
  }
  if (bestMis === null) return { k: -1, severity: null, ent: bestOther };
  if (bestOther === null) return { k: bestMis.person, severity: 'warn', ent: bestMis };
  const q = bestMisScore / bestOtherScore;
  if (q >= 2) return { k: bestMis.person, severity: 'warn', ent: bestMis };
  if (q > 0.4) return { k: bestMis.person, severity: 'info', ent: q >= 1 ? bestMis : bestOther };
  return { k: -1, severity: null, ent: bestOther };
}

// ---------------------------------------------------------------------------------------------
// Findings

const PRONOUN_REASON = 'Using pronouns a person does not use misgenders them. Their profile says which pronouns are theirs.';

function pronounFinding(st: State, i: number, w: PronounWord, k: number, severity: Severity): void {
  const { text, s, people, findings } = st.inp;
  const P = people[k]!;
  const pr = P.pronouns;
  const start = s.start[i]!;
  const end = s.keyEnd[i]!;
  const original = text.slice(start, end);
  const form = w.form;
  let message: string;
  let suggestions: string[] = [];
  let fix: string | undefined;
  if (pr.nameOnly) {
    message = severity === 'warn'
      ? `${P.name} asked to be called by name, not by pronouns: use “${P.firstName}”.`
      : `Check who “${form}” refers to: ${P.name} asked to be called by name, not by pronouns.`;
    suggestions.push(P.firstName);
  } else {
    const roles = decideRoles(s, i, w.roles);
    suggestions = formsFor(pr.sets, roles);
    const single = roles !== 0 && (roles & (roles - 1)) === 0;
    let use = '';
    if (suggestions.length > 0) use = `: use ${suggestions.map((x) => `“${x}”`).join(' or ')}`;
    else {
      // a set given with fewer forms than this one needs: say what is known
      suggestions = pr.sets.map((x) => x.label);
      use = `; their profile gives ${pr.label} and no ${single && roles === ROLE_REFLEXIVE ? 'reflexive' : roles === ROLE_SUBJECT ? 'subject' : roles === ROLE_OBJECT ? 'object' : 'possessive'} form`;
    }
    message = severity === 'warn'
      ? `“${form}” is not one of ${P.name}’s pronouns (${pr.label})${use}.`
      : `Check who “${form}” refers to: if it is ${P.name}, ${P.name}’s pronouns are ${pr.label}${use}.`;
    // A fix only where the grammar cannot change: one role, a form for it in their first set,
    // and, for a subject, a verb that agrees with both.
    const target = pr.sets[0];
    if (target !== undefined && w.set !== null && single && form === stripClitic(form) && (s.flags[i]! & TF_APOSTROPHE) === 0) {
      const f = formsFor([target], roles)[0];
      const sameNumber = target.plural === w.they;
      if (f !== undefined && (roles !== ROLE_SUBJECT || sameNumber || agreementSafe(s, i))) fix = matchCase(original, f);
    }
  }
  const f = blank('pronoun', severity, start, end, message, PRONOUN_REASON, suggestions);
  if (fix !== undefined && severity === 'warn') f.fix = { start, end, replacement: fix };
  f.person = k;
  findings.push(f);
}

function genderedFinding(st: State, g: number, k: number, severity: Severity): void {
  const { text, s, people, findings } = st.inp;
  const P = people[k]!;
  const key = keyOf(s, g);
  const noun = genderedNouns.get(key)!;
  const start = s.start[g]!;
  const end = s.keyEnd[g]!;
  const quoted = (s.flags[g]! & TF_QUOTED) !== 0;
  const sev: Severity = quoted ? 'info' : severity;
  const said = `“${text.slice(start, end)}”`;
  const fits = P.genderWordsList.map((w) => `“${w}”`).join(', ');
  const f = blank('gendered-word', sev, start, end,
    sev === 'warn' ? `${said} may not fit ${P.name}: the words that fit are ${fits}.` : `Check who ${said} refers to: if it is ${P.name}, the words that fit are ${fits}.`,
    'Gendered words that do not fit a person misgender them. Their profile lists the words that fit.',
    [...P.genderWordsList, ...noun.neutral.filter((w) => !P.genderWordsList.includes(w))]);
  f.person = k;
  findings.push(f);
}

/** Does gendered noun `key` fit person k (or do we make no judgement)? */
function nounFits(p: CompiledProfile, key: string): boolean {
  return p.genderWords === null || p.genderWords.has(key);
}

// ---------------------------------------------------------------------------------------------
// Letter structure

/** Marks the signature block, the subject line and the salutation. */
function structure(st: State): { addressee: Set<number>; subjectLine: Set<number>; header: Set<number> } {
  const s = st.inp.s;
  const n = s.count;
  const addressee = new Set<number>();
  const subjectLine = new Set<number>();
  const header = new Set<number>();
  const lineEndFrom = (j: number): number => {
    let e = j + 1;
    while (e < n && !lineStart(s, e)) e++;
    return e;
  };
  for (const j of lineStarts) {
    if (!structureWords.at(s, j)) continue;
    const k = keyOf(s, j);
    const k2 = j + 1 < n && flexOk(s.sep[j + 1]!) ? keyOf(s, j + 1) : '';
    const short = (max: number): boolean => {
      for (let e = j + 1; e < n && e - j <= max; e++) if (lineStart(s, e)) return true;
      return j + max >= n;
    };
    if (j > 0 && st.signature === n && ((signOffs.has(k) && short(3)) || (signOffPairs.has(`${k} ${k2}`) && short(4)))) {
      st.signature = j;
      continue;
    }
    if (k === 'dear' || k === 'hello' || k === 'hi' || k === 'to') {
      const to = k === 'to' && (j + 1 >= n || (s.sep[j + 1]! & SEP_PUNCT) === 0) ? j : lineEndFrom(j);
      for (let t = j + 1; t < to; t++) {
        if ((s.sep[t]! & (SEP_COMMA | SEP_SENTENCE)) !== 0) break;
        addressee.add(t);
      }
    }
    const colon = j + 1 < n && (s.sep[j + 1]! & SEP_PUNCT) !== 0;
    if (subjectLineWords.has(k) && (colon || k === 're' || k === 'regarding')) for (let t = j, e = lineEndFrom(j); t < e; t++) subjectLine.add(t);
    else if (headerWords.has(k) && colon) for (let t = j, e = lineEndFrom(j); t < e; t++) header.add(t);
  }
  return { addressee, subjectLine, header };
}

// ---------------------------------------------------------------------------------------------

/** Sentences before a word that needs resolving still resolved (salience halves per sentence:
 * 310 / 2^8 is below MIN_SALIENCE). */
const WINDOW = 8;
let fullResolution = false;

/** Tests: resolve every event, not only those near a possible finding (must give the same). */
export function setFullResolution(on: boolean): void {
  fullResolution = on;
}

/** Resolves every event; adds pronoun, gendered-word and title findings. */
export function resolveReferences(inp: RefInput): void {
  const { s, people } = inp;
  const n = s.count;
  const st: State = {
    inp, ents: [], byPerson: [], sentence: 0, paragraph: 0, signature: n, subject: inp.subject,
    evEnt: evEntScratch, evRole: evRole,
  };
  for (let k = 0; k < people.length; k++) st.byPerson.push(newEnt(st, K_PERSON, k, 0, false, ''));
  const { addressee, subjectLine, header } = structure(st);
  // a subject line names the person the letter is about
  if (st.subject < 0) {
    for (let x = 0; x < evCount; x++) {
      if (evKind[x] === EV_NAME && subjectLine.has(evTok[x]!)) {
        st.subject = evPerson[x]!;
        break;
      }
    }
  }

  // Only words that could be findings need a referent, and salience halves with each sentence:
  // events more than WINDOW sentences before the next such word cannot change what it is
  // resolved to, so they are only noted (who was mentioned, who is addressed), not resolved.
  const near = fullResolution ? null : triggers;
  let nextTrigger = 0;
  for (let x = 0; x < evCount; x++) {
    const i = evTok[x]!;
    st.sentence = s.sentence[i]!;
    st.paragraph = evPara[x]!;
    st.evEnt[x] = null;
    st.evRole[x] = 0;
    const kind = evKind[x]!;
    if (near !== null) {
      while (nextTrigger < near.length && near[nextTrigger]! < st.sentence) nextTrigger++;
      if (nextTrigger >= near.length || near[nextTrigger]! - st.sentence > WINDOW) {
        if (kind === EV_NAME || kind === EV_SUBJECT_NOUN) {
          const e = st.byPerson[evPerson[x]!]!;
          if (addressee.has(i)) e.excluded = true;
          else if (i < st.signature) e.mentioned = true;
        }
        continue;
      }
    }
    const inSignature = i >= st.signature;
    const quoted = (s.flags[i]! & TF_QUOTED) !== 0;
    const factor = header.has(i) ? 0.3 : quoted ? 0.5 : 1;

    if (kind === EV_NAME || kind === EV_SUBJECT_NOUN) {
      const k = evPerson[x]!;
      const e = st.byPerson[k]!;
      // one mention per run of name words ("Robin Hale")
      if (x > 0 && evKind[x - 1] === kind && evPerson[x - 1] === k && evTok[x - 1] === i - 1 && flexOk(s.sep[i]!)) {
        st.evEnt[x] = e;
        st.evRole[x] = st.evRole[x - 1]!;
        continue;
      }
      if (inSignature) continue;
      st.evEnt[x] = e;
      if (addressee.has(i)) {
        // "Dear Robin,": the letter is to them; "he" and "she" in it are other people
        e.excluded = true;
        continue;
      }
      const role = possessive(s, i) ? R_POSSESSOR : roleAt(s, x > 0 && evKind[x - 1] === EV_TITLE_PERSON && evTok[x - 1] === i - 1 ? i - 1 : i);
      st.evRole[x] = role;
      addMention(st, e, role, factor);
      continue;
    }

    if (kind === EV_TITLE_PERSON) {
      const other = checkTitle(st, x, i);
      if (other !== 0 && !inSignature) {
        // "Mrs Hale, Robin's mother": by the surname alone, a relative of that gender
        let y = x + 1;
        while (y < evCount && evKind[y] === EV_NAME && evTok[y] === evTok[y - 1]! + 1) y++;
        const last = evTok[y - 1]!;
        const key = keyOf(s, last);
        const e = findEnt(st, K_NAMED, key) ?? newEnt(st, K_NAMED, -1, other, false, key);
        for (let z = x; z < y; z++) st.evEnt[z] = e;
        if (addressee.has(i)) e.excluded = true;
        else addMention(st, e, possessive(s, last) ? R_POSSESSOR : roleAt(s, i), factor);
        x = y - 1;
      }
      continue;
    }

    if (kind === EV_TITLE || kind === EV_NAMED) {
      if (inSignature) continue;
      // a run: title and capitalised words ("Dr Amara Okafor"): one person, keyed by the last word
      let y = x;
      let gender = kind === EV_TITLE ? evGender[x]! : 0;
      let titled = kind === EV_TITLE;
      while (y + 1 < evCount && (evKind[y + 1] === EV_NAMED || evKind[y + 1] === EV_TITLE) && evTok[y + 1] === evTok[y]! + 1 && flexOk(s.sep[evTok[y + 1]!]! & ~SEP_DOT)) {
        y++;
        if (evKind[y] === EV_TITLE) {
          titled = true;
          gender ||= evGender[y]!;
        }
      }
      const last = evTok[y]!;
      const words = y - x + 1;
      const key = keyOf(s, last);
      // is it a person? a title, a first name and surname, a person's verb, a possessive, a
      // role or relation just before it ("her partner Jo")
      const nextKey = last + 1 < n && flexOk(s.sep[last + 1]!) ? keyOf(s, last + 1) : '';
      const before = i > 0 && flexOk(s.sep[i]!) ? keyOf(s, i - 1) : '';
      const person = titled || (words >= 2 && kind === EV_NAMED) || namedVerbs.has(nextKey) || possessive(s, last) || (before !== '' && (professionalNouns.has(before) || genderedNouns.has(before) || before === 'partner' || before === 'friend'));
      let e = findEnt(st, K_NAMED, key);
      // "her partner Jo": Jo is the partner
      const prevEv = x > 0 ? st.evEnt[x - 1] : null;
      if (e === null && prevEv !== null && prevEv !== undefined && prevEv.kind !== K_PERSON && prevEv.kind !== K_NAMED && evTok[x - 1] === i - 1 && !prevEv.plural) {
        e = prevEv;
      }
      if (e === null) {
        e = newEnt(st, K_NAMED, -1, gender, false, key);
        e.weight = person ? 1 : 0.3;
      } else if (e.kind === K_NAMED && person) e.weight = 1;
      if (!e.names.includes(key)) e.names.push(key);
      if (gender !== 0) e.gender = gender;
      for (let z = x; z <= y; z++) st.evEnt[z] = e;
      if (addressee.has(i) || addressee.has(last)) e.excluded = true;
      else addMention(st, e, possessive(s, last) ? R_POSSESSOR : roleAt(s, i), factor);
      x = y;
      continue;
    }

    if (kind === EV_NOUN) {
      if (inSignature) continue;
      noun(st, x, i, addressee.has(i), factor);
      continue;
    }

    if (kind === EV_PRONOUN) {
      if (inSignature || quoted) continue;
      pronoun(st, x, i);
    }
  }
}

/** A title before a profiled person's name. Returns the title's gender when the name after it
 * is taken to be someone else's (a relative sharing the surname), otherwise 0. */
function checkTitle(st: State, x: number, i: number): number {
  const { s, people, findings } = st.inp;
  const key = keyOf(s, i);
  const title = titles.get(key)!;
  const j = i + 1;
  let owned = false;
  let person = -1;
  let byFirstName = false;
  for (let k = 0; k < people.length; k++) {
    const P = people[k]!;
    const named = st.inp.mentionOf[j] === k + 1 || st.inp.previousOf[j] === k + 1 || ((s.flags[j]! & TF_CAPITAL) !== 0 && P.nameWords.has(keyOf(s, j)));
    if (!named) continue;
    if (P.titleKey === key) owned = true;
    else if (P.titleKey !== undefined && !title.neutral && person < 0) {
      person = k;
      // the first name, or a name with more than the surname: it is them
      const nameKeys = [...P.nameWords];
      byFirstName = nameKeys.length === 1 || keyOf(s, j) === nameKeys[0] || (j + 1 < s.count && P.nameWords.has(keyOf(s, j + 1)) && flexOk(s.sep[j + 1]!));
    }
  }
  st.evEnt[x] = null;
  if (owned) return 0;
  if (person < 0) {
    // no judgement on the title; but a gendered title before the surname alone of someone whose
    // pronouns do not match it is probably a relative's
    for (let k = 0; k < people.length; k++) {
      const P = people[k]!;
      if (st.inp.mentionOf[j] !== k + 1 || title.gender === 0 || P.pronouns.unknown || P.pronouns.any) continue;
      const nameKeys = [...P.nameWords];
      if (nameKeys.length < 2 || keyOf(s, j) === nameKeys[0]) continue;
      const fits = title.gender === GENDER_MASCULINE ? P.pronouns.forms.has('he') : P.pronouns.forms.has('she');
      if (!fits) return title.gender;
    }
    return 0;
  }
  const P = people[person]!;
  // the surname alone, with a relative of that gender about: perhaps the relative ("Mrs Rivera,
  // Sam's mother")
  let relative = false;
  if (!byFirstName) {
    const sent = s.sentence[i]!;
    for (const e of st.ents) {
      if (e.kind !== K_RELATION || e.plural || !e.mentioned) continue;
      if (e.gender !== 0 && e.gender !== title.gender && title.gender !== 0) continue;
      if (salience(st, e) >= MIN_SALIENCE) relative = true;
    }
    // a relative named after it in the same sentence ("Mrs Rivera, Sam's mother, rang")
    for (let y = x + 1; y < evCount && s.sentence[evTok[y]!] === sent && evTok[y]! <= i + 12; y++) {
      if (evKind[y] === EV_NOUN && genderedNouns.get(keyOf(s, evTok[y]!))?.relational === true) relative = true;
    }
  }
  const quoted = (s.flags[i]! & TF_QUOTED) !== 0;
  const start = s.start[i]!;
  const end = s.end[i]!;
  const label = P.titleLabel ?? '';
  const f = blank('title', relative || quoted ? 'info' : 'warn', start, end,
    relative ? `Check who this is: if it is ${P.name}, ${P.name}’s title is ${label}, not ${title.label}.` : `${P.name}’s title is ${label}, not ${title.label}.`,
    'A title that is not the person’s own misgenders them.', [label]);
  if (!relative && !quoted && label.length > 0) f.fix = { start, end, replacement: label };
  f.person = person;
  findings.push(f);
  return relative && title.gender !== 0 ? title.gender : 0;
}

/** The entity that is the subject of the clause holding token i, if one was mentioned. */
function clauseSubject(st: State, x: number, i: number): Ent | null {
  const start = clauseStart(st.inp.s, i);
  let subj: Ent | null = null;
  for (let y = x - 1; y >= 0 && evTok[y]! >= start; y--) {
    if (st.evRole[y] === R_SUBJECT && st.evEnt[y] !== null && st.evEnt[y] !== undefined) subj = st.evEnt[y]!;
  }
  return subj;
}

/**
 * Subject continuity within a sentence: a subject pronoun after a clause whose one subject was
 * named ("Robin spoke first; she…", "Dan said she…") is most likely that subject. Not after
 * coordinated subjects ("Robin and her mother came; she…"), nor after a pronoun subject (a
 * different pronoun there marks a change of person: "He said…; she agreed").
 */
function continuedSubject(st: State, x: number, i: number): Ent | null {
  const s = st.inp.s;
  const sent = s.sentence[i]!;
  for (let y = x - 1; y >= 0 && x - y < 12; y--) {
    const t = evTok[y]!;
    if (s.sentence[t] !== sent) return null;
    if (st.evRole[y] !== R_SUBJECT || st.evEnt[y] === null || st.evEnt[y] === undefined) continue;
    if (evKind[y] === EV_PRONOUN) return null;
    // the first event of this mention (a name of two words is one mention)
    let y0 = y;
    while (y0 > 0 && st.evEnt[y0 - 1] === st.evEnt[y] && evTok[y0 - 1] === evTok[y0]! - 1) y0--;
    const start = firstWordOf(s, evTok[y0]!);
    if (start > 1 && andOr.at(s, start - 1)) {
      // coordinated with a subject before the "and"
      for (let z = y0 - 1; z >= 0 && evTok[z]! >= start - 6; z--) {
        if (evTok[z]! < start - 1 && st.evRole[z] === R_SUBJECT && s.sentence[evTok[z]!] === sent) return null;
      }
    }
    return st.evEnt[y]!;
  }
  return null;
}

/** If the noun at i is said of someone (a predicate or an apposition), who. */
function predicateOf(st: State, x: number, g: number): Ent | null {
  const s = st.inp.s;
  const sent = s.sentence[g]!;
  for (let j = g - 1, steps = 0; j >= 0 && steps < 7; j--, steps++) {
    if (s.sentence[j] !== sent || !flexOk(s.sep[j + 1]!)) break;
    if (copulaWords.at(s, j)) {
      if (j + 1 < g) {
        const first = keyOf(s, j + 1);
        if (first.endsWith('ing') || (first.endsWith('ed') && first !== 'red')) return null;
      }
      return clauseSubject(st, x, j) ?? subjectBefore(st, x, j);
    }
    // "Sam, a 30-year-old man," / "Sam's a man"
    if (articles.at(s, j) && j > 0) {
      if ((s.sep[j]! & SEP_COMMA) !== 0 && (s.sep[j]! & SEP_SENTENCE) === 0) return entityAt(st, x, j - 1);
      if (flexOk(s.sep[j]!) && possessive(s, j - 1) && s.keys[j - 1] !== undefined) return entityAt(st, x, j - 1);
    }
    // between the copula and the noun: adjectives, ages ("a confident 19-year-old"), not a
    // preposition, conjunction or verb that ends the phrase
    if (breakers.at(s, j)) break;
    if (j > 0 && !flexOk(s.sep[j]!) && (s.sep[j]! & SEP_HYPHEN) === 0) break;
  }
  return null;
}

/** The entity mentioned by the event at token t (looking back from event x). */
function entityAt(st: State, x: number, t: number): Ent | null {
  for (let y = x - 1; y >= 0 && evTok[y]! >= t - 2; y--) if (evTok[y] === t) return st.evEnt[y] ?? null;
  const p = st.inp.mentionOf[t]! || st.inp.previousOf[t]!;
  return p > 0 ? st.byPerson[p - 1]! : null;
}

/** The subject mentioned just before token j (for "Sam is a young man"). */
function subjectBefore(st: State, x: number, j: number): Ent | null {
  for (let y = x - 1; y >= 0; y--) {
    const t = evTok[y]!;
    if (t >= j) continue;
    if (t < j - 4) break;
    return st.evEnt[y] ?? null;
  }
  return null;
}

function noun(st: State, x: number, g: number, isAddressee: boolean, factor: number): void {
  const { s, people } = st.inp;
  const key = keyOf(s, g);
  const nk = nounKind(key);
  const gendered = genderedNouns.get(key);
  const quoted = (s.flags[g]! & TF_QUOTED) !== 0;
  // said of someone: "Robin is a thoughtful young person", "Sam, a 30-year-old woman,"
  let ent = nk.plural ? null : predicateOf(st, x, g);
  // "a young man called Sam", "her son Robin", "the young man, Robin Hale,"
  if (ent === null && !nk.plural) {
    let j = g + 1;
    if (j < s.count && flexOk(s.sep[j]!) && (keyOf(s, j) === 'called' || keyOf(s, j) === 'named' || keyOf(s, j) === 'known')) j++;
    if (j < s.count && keyOf(s, j) === 'as' && flexOk(s.sep[j]!)) j++;
    const sep = j < s.count ? s.sep[j]! : 0;
    if (j < s.count && (flexOk(sep) || ((sep & SEP_COMMA) !== 0 && (sep & SEP_SENTENCE) === 0))) {
      const p = st.inp.mentionOf[j]! || st.inp.previousOf[j]!;
      if (p > 0 && (s.flags[j]! & TF_CAPITAL) !== 0) ent = st.byPerson[p - 1]!;
    }
  }
  if (ent !== null) {
    st.evEnt[x] = ent;
    if (ent.kind === K_PERSON && gendered !== undefined && !nounFits(people[ent.person]!, key)) genderedFinding(st, g, ent.person, 'warn');
    return;
  }
  if (isAddressee) {
    const e = findEnt(st, nk.kind, key) ?? newEnt(st, nk.kind, -1, nk.gender, nk.plural, key);
    e.excluded = true;
    st.evEnt[x] = e;
    return;
  }
  // "this young man", "the young person": the person talked about, like a pronoun
  let anaphoric = false;
  if (!nk.plural && nk.kind === K_GENERIC) {
    const fw = firstWordOf(s, g);
    const det = fw < g ? keyOf(s, fw) : '';
    anaphoric = definite.has(det) ||
      ((det === 'a' || det === 'an') && (fw === 0 || (s.sep[fw]! & (SEP_SENTENCE | SEP_PARAGRAPH)) !== 0) && clauseStart(s, g) === fw && roleAt(s, fw) === R_SUBJECT);
  }
  if (anaphoric) {
    const fitsOwn = (k: number): boolean => gendered === undefined || nounFits(people[k]!, key);
    const head = gendered?.singular ?? key;
    const fitOther = (e: Ent): number => {
      if (e.plural) return 0;
      if (e.key === head) return 10; // "a man … the man"
      if (gendered === undefined) return 1;
      if (e.gender === gendered.gender) return 3;
      return e.gender === 0 ? 1 : 0;
    };
    const c = choose(st, g, x, fitOther, fitsOwn, () => false, true, null);
    if (c.k >= 0 && c.severity !== null && gendered !== undefined && !quoted) genderedFinding(st, g, c.k, c.severity);
    if (c.ent !== null) {
      st.evEnt[x] = c.ent;
      st.evRole[x] = roleAt(s, g);
      addMention(st, c.ent, st.evRole[x], factor);
      return;
    }
  }
  // someone else: a relation, a professional, a group
  let e = nk.kind === K_GENERIC ? null : findEnt(st, nk.kind, gendered?.singular ?? key);
  if (e === null) e = newEnt(st, nk.kind, -1, nk.gender, nk.plural, gendered?.singular ?? key);
  st.evEnt[x] = e;
  const role = possessive(s, g) ? R_POSSESSOR : roleAt(s, g);
  st.evRole[x] = role;
  addMention(st, e, role, factor);
}

/** The first word of the noun phrase ending at g (its determiner, if any). */
function firstWordOf(s: TokenStream, g: number): number {
  let j = g;
  while (j > 0 && flexOk(s.sep[j]!) && (determiners.at(s, j - 1) || ageWords.at(s, j - 1) || isDigit(s.text.charCodeAt(s.start[j - 1]!)))) j--;
  return j;
}


// The pronoun being resolved, for the fit and exclusion tests choose() calls (no closures made
// per pronoun).
let qWord: PronounWord | null = null;
let qPeople: readonly CompiledProfile[] = [];
let qNotThis: Ent | null = null;
const qLaterNamed: boolean[] = [];
const qLaterOthers: Ent[] = [];
const pronounFitOther = (e: Ent): number => otherFit(e, qWord!);
const pronounFitsOwn = (k: number): boolean => ownFit(qPeople[k]!, k, qWord!);
const pronounExcluded = (e: Ent): boolean =>
  e === qNotThis || (e.kind === K_PERSON && qLaterNamed[e.person] === true) || (qLaterOthers.length > 0 && qLaterOthers.includes(e));

function pronoun(st: State, x: number, i: number): void {
  const { s, people } = st.inp;
  const w = evPronoun[x]!;
  const sep = s.sep[i]!;
  // compounds ("he/him", "s/he") are about pronouns, not uses of them
  if ((sep & (SEP_HYPHEN | SEP_SLASH)) !== 0 && (sep & SEP_SPACE) === 0) return;
  if (i + 1 < s.count) {
    const sepN = s.sep[i + 1]!;
    if ((sepN & (SEP_HYPHEN | SEP_SLASH)) !== 0 && (sepN & SEP_SPACE) === 0) return;
  }
  if (w.it) {
    const nextOk = i + 1 < s.count && flexOk(s.sep[i + 1]!) && personVerbs.has(keyOf(s, i + 1));
    if (!nextOk) return;
  }
  const roles = decideRoles(s, i, w.roles);
  let role: number;
  if ((roles & ROLE_SUBJECT) !== 0 && (roles & ~ROLE_SUBJECT) === 0) role = R_SUBJECT;
  else if ((roles & (ROLE_DETERMINER | ROLE_POSSESSIVE)) !== 0 && (roles & (ROLE_OBJECT | ROLE_SUBJECT)) === 0) role = R_POSSESSOR;
  else {
    const r = roleAt(s, i);
    role = r === R_OBLIQUE ? R_OBLIQUE : (roles & ROLE_SUBJECT) !== 0 ? r : R_OBJECT;
  }
  st.evRole[x] = role;

  qWord = w;
  qPeople = people;
  qNotThis = null;
  if (qLaterNamed.length > 0) qLaterNamed.length = 0;
  if (qLaterOthers.length > 0) qLaterOthers.length = 0;
  // a pronoun that is everyone's own can never be a finding: resolve it, skip the syntax checks
  let mismatch = false;
  for (let k = 0; k < people.length && !mismatch; k++) if (!ownFit(people[k]!, k, w)) mismatch = true;
  let only: Ent | null = null;
  let continues: Ent | null = null;
  if (mismatch) {
    // syntax that rules candidates out
    if ((roles & ROLE_REFLEXIVE) !== 0 && roles === ROLE_REFLEXIVE) only = clauseSubject(st, x, i);
    else if (role === R_OBJECT) {
      // "Sam asked him": not the subject just before
      for (let y = x - 1; y >= 0 && evTok[y]! >= i - 3; y--) {
        if ((s.sep[evTok[y + 1] ?? i]! & (SEP_SENTENCE | SEP_COMMA)) !== 0) break;
        if (st.evRole[y] === R_SUBJECT && st.evEnt[y] !== null) qNotThis = st.evEnt[y]!;
      }
    }
    if (role === R_SUBJECT) {
      // "He told Sam…": a subject pronoun is not someone named later in its clause
      const end = commandEnd(s, i);
      for (let t = i + 1; t < end; t++) {
        const p = st.inp.mentionOf[t]!;
        if (p > 0 && !possessive(s, t)) qLaterNamed[p - 1] = true;
      }
      // "She said it went well, and Amir agreed": someone named again after "and"/"but" in the
      // same sentence is not who "she" was
      const sent = s.sentence[i]!;
      let coordinated = false;
      for (let y = x + 1; y < evCount && y - x < 40 && s.sentence[evTok[y]!] === sent; y++) {
        const t = evTok[y]!;
        for (let u = evTok[y - 1]! + 1; u <= t && !coordinated; u++) {
          if (u - 1 > i && andBut.at(s, u - 1)) coordinated = true;
        }
        if (!coordinated) continue;
        if (evKind[y] === EV_NAME) qLaterNamed[evPerson[y]!] = true;
        else if (evKind[y] === EV_NAMED) {
          const e = findEnt(st, K_NAMED, keyOf(s, t));
          if (e !== null) qLaterOthers.push(e);
          const prev = t > 0 ? entityAt(st, y, t - 1) : null;
          if (prev !== null) qLaterOthers.push(prev);
        }
      }
      continues = continuedSubject(st, x, i);
    }
  }
  const c = choose(st, i, x, pronounFitOther, pronounFitsOwn, pronounExcluded, true, only, role === R_SUBJECT ? R_SUBJECT : 0,
    w.gender !== 0 ? w.gender : w.they ? 0 : 4, continues);
  let severity = c.severity;
  if (c.k >= 0 && severity !== null) {
    if (w.they && severity === 'warn') severity = 'info';
    pronounFinding(st, i, w, c.k, severity);
    if (severity === 'warn') {
      const e = st.byPerson[c.k]!;
      e.misAt = st.sentence;
      e.misWith |= w.gender !== 0 ? w.gender : 4;
    }
  }
  if (c.ent !== null) {
    st.evEnt[x] = c.ent;
    addMention(st, c.ent, role);
    // someone whose gender was not known is now known by the pronoun used of them
    if (c.ent.kind !== K_PERSON && c.k < 0 && c.ent.gender === 0 && !c.ent.plural && w.gender !== 0) c.ent.gender = w.gender;
    if (c.ent.kind === K_PERSON && c.k < 0 && ownFit(people[c.ent.person]!, c.ent.person, w) && w.owners[c.ent.person] === true) c.ent.ownAt = st.sentence;
  }
}
