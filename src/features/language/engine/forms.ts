// Which grammatical form a pronoun has where it stands (subject, object, possessive determiner,
// possessive pronoun, reflexive), and the person's own word for that form. "her" is an object
// or a determiner, "his" a determiner or a possessive pronoun: the next word decides, or the
// form stays undecided (both are suggested and no automatic fix is offered).

import {
  ROLE_DETERMINER, ROLE_OBJECT, ROLE_POSSESSIVE, ROLE_REFLEXIVE, ROLE_SUBJECT, formFor, knownSets, type PronounSet,
} from './lexicon.ts';
import {
  SEP_COMMA, SEP_HYPHEN, SEP_NEWLINE, SEP_PARAGRAPH, SEP_PUNCT, SEP_QUOTE, SEP_REGION, SEP_SENTENCE, SEP_SLASH, SEP_SPACE,
  keyOf, type TokenStream,
} from './tokenise.ts';

/** Words after which "her"/"hir"/"zir" is an object and "his"/"its" a possessive pronoun:
 * articles, prepositions, conjunctions, pronouns, auxiliaries and common adverbs. */
const notNounNext = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'to', 'of', 'in', 'on', 'at', 'by', 'for', 'with',
  'from', 'about', 'into', 'onto', 'over', 'under', 'after', 'before', 'since', 'until', 'through', 'during', 'and',
  'or', 'but', 'so', 'if', 'when', 'while', 'because', 'as', 'than', 'that', 'who', 'which', 'what', 'how', 'why',
  'where', 'whether', 'i', 'you', 'he', 'she', 'it', 'we', 'they', 'me', 'him', 'us', 'them', 'is', 'was', 'are',
  'were', 'be', 'been', 'has', 'had', 'have', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'do',
  'did', 'does', 'not', 'too', 'again', 'today', 'yesterday', 'tomorrow', 'now', 'then', 'there', 'here', 'back',
  'up', 'down', 'out', 'off', 'home', 'once', 'twice', 'very', 'well', 'also', 'still', 'just', 'only', 'already',
  'soon', 'directly', 'personally', 'often', 'regularly', 'weekly', 'monthly', 'properly', 'first', 'yet', 'either',
  'neither', 'nor', 'both', 'all', 'more', 'less', 'know', 'feel', 'think', 'tonight', 'last', 'next', 'every',
  'ourselves', 'yourself', 'myself', 'alone', 'together', 'anything', 'something', 'nothing', 'everything',
  'anyone', 'someone', 'everyone', 'no', 'enough', 'about', 'around', 'along', 'away', 'instead', 'later', 'earlier',
]);

/** Words after which the same forms are possessive determiners: nouns people have, and the
 * adjectives that come before them. */
const nounNext = new Set([
  'mother', 'father', 'mum', 'mom', 'dad', 'parent', 'parents', 'partner', 'partners', 'gp', 'friend', 'friends', 'family',
  'sister', 'brother', 'sibling', 'siblings', 'wife', 'husband', 'son', 'daughter', 'child', 'children', 'kids',
  'girlfriend', 'boyfriend', 'grandmother', 'grandfather', 'nan', 'gran', 'aunt', 'uncle', 'cousin', 'carer', 'colleague',
  'colleagues', 'manager', 'employer', 'teacher', 'tutor', 'doctor', 'consultant', 'nurse', 'therapist', 'psychologist',
  'psychiatrist', 'counsellor', 'keyworker', 'worker', 'advocate', 'landlord', 'flatmate', 'housemate', 'neighbour',
  'plan', 'plans', 'mood', 'moods', 'week', 'weekend', 'day', 'days', 'name', 'names', 'letter', 'letters',
  'appointment', 'appointments', 'medication', 'medicine', 'meds', 'hormones', 'hormone', 'dose', 'treatment', 'care',
  'life', 'work', 'job', 'school', 'college', 'university', 'course', 'studies', 'exams', 'house', 'flat', 'room',
  'own', 'sleep', 'health', 'view', 'views', 'wishes', 'words', 'story', 'pronouns', 'record', 'records', 'notes',
  'referral', 'support', 'experience', 'experiences', 'dysphoria', 'body', 'chest', 'voice', 'hair', 'weight',
  'diary', 'phone', 'email', 'address', 'goal', 'goals', 'priorities', 'priority', 'concerns', 'concern', 'feelings',
  'thoughts', 'identity', 'transition', 'surgery', 'bloods', 'results', 'levels', 'blood', 'prescription', 'gel',
  'patches', 'injection', 'injections', 'options', 'choice', 'choices', 'decision', 'consent', 'questions',
  'question', 'request', 'application', 'passport', 'documents', 'details', 'situation', 'circumstances',
  'confidence', 'anxiety', 'depression', 'mental', 'physical', 'new', 'old', 'first', 'current', 'previous',
  'younger', 'older', 'elder', 'little', 'best', 'usual', 'recent', 'main', 'local', 'long', 'late', 'late-night',
  'biggest', 'main', 'preferred', 'chosen', 'birth', 'legal', 'full', 'middle', 'surname', 'gender',
  'sexuality', 'relationship', 'relationships', 'career', 'benefits', 'money', 'finances', 'housing', 'home',
  'pets', 'dog', 'cat', 'car', 'bike', 'art', 'music', 'writing', 'drawing', 'running', 'side', 'arm', 'leg', 'skin',
  'mind', 'heart', 'energy', 'appetite', 'diet', 'routine', 'shifts', 'team', 'group', 'community', 'support',
  'counselling', 'therapy', 'assessment', 'review', 'progress', 'wellbeing', 'safety', 'self-esteem', 'partners',
  'history', 'background', 'childhood', 'upbringing', 'mental', 'twenties', 'thirties', 'teens', 'age',
]);

/** Words that agree with a singular and a plural subject alike ("she said" → "they said"). */
const agreementNeutral = new Set([
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'had', 'did', 'said', 'told', 'felt',
  'went', 'came', 'saw', 'got', 'made', 'thought', 'knew', 'took', 'gave', 'found', 'left', 'kept', 'met', 'brought',
  'began', 'spoke', 'wrote', 'ran', 'sat', 'stood', 'heard', 'meant', 'paid', 'sent', 'spent', 'lost', 'won',
  'understood', 'chose', 'drove', 'ate', 'slept', 'became', 'held', 'read', 'let', 'put', 'set', 'cut', 'hurt', 'fell',
  'grew', 'drew', 'rang', 'sang', 'swam', 'taught', 'caught', 'bought', 'brought', 'sought', 'fought', 'forgot',
  'wore', 'woke', 'broke', 'spoke', 'stole', 'hid', 'led', 'fled', 'dealt', 'slept', 'also', 'never', 'often',
]);

const PHRASE_END = SEP_SENTENCE | SEP_PARAGRAPH | SEP_PUNCT | SEP_QUOTE | SEP_REGION | SEP_COMMA | SEP_SLASH;

/** The key of the word after token i in the same phrase, '' at a phrase end, null if none. */
function nextKey(s: TokenStream, i: number): string | null {
  if (i + 1 >= s.count) return '';
  const sep = s.sep[i + 1]!;
  if ((sep & PHRASE_END) !== 0) return '';
  if ((sep & ~(SEP_SPACE | SEP_NEWLINE | SEP_HYPHEN)) !== 0) return null;
  return keyOf(s, i + 1);
}

/** The role bits of the pronoun at token i, narrowed by the next word where that is certain. */
export function decideRoles(s: TokenStream, i: number, roles: number): number {
  if (roles === (ROLE_OBJECT | ROLE_DETERMINER)) {
    const next = nextKey(s, i);
    if (next === '' || (next !== null && notNounNext.has(next))) return ROLE_OBJECT;
    if (next !== null && nounNext.has(next)) return ROLE_DETERMINER;
    return roles;
  }
  if (roles === (ROLE_DETERMINER | ROLE_POSSESSIVE)) {
    const next = nextKey(s, i);
    if (next === '' || (next !== null && notNounNext.has(next))) return ROLE_POSSESSIVE;
    if (next !== null) return ROLE_DETERMINER;
    return roles;
  }
  if (roles === (ROLE_SUBJECT | ROLE_OBJECT)) {
    // "it": a subject at the start of a clause
    const prev = i > 0 ? s.sep[i]! : SEP_SENTENCE;
    return (prev & (SEP_SENTENCE | SEP_PARAGRAPH | SEP_COMMA)) !== 0 ? ROLE_SUBJECT : ROLE_OBJECT;
  }
  return roles;
}

const ROLE_LIST = [ROLE_SUBJECT, ROLE_OBJECT, ROLE_DETERMINER, ROLE_POSSESSIVE, ROLE_REFLEXIVE];

/** The person's forms for these roles, in the order of their sets (with "themselves" after
 * "themself"). Empty when their sets do not give the form. */
export function formsFor(sets: readonly PronounSet[], roles: number): string[] {
  const out: string[] = [];
  for (const role of ROLE_LIST) {
    if ((roles & role) === 0) continue;
    for (const set of sets) {
      const f = formFor(set, role);
      if (f !== undefined && f.length > 0 && !out.includes(f)) out.push(f);
      if (role === ROLE_REFLEXIVE && set === knownSets.they && !out.includes('themselves')) out.push('themselves');
    }
  }
  return out;
}

/** Is replacing a subject pronoun with one of the other number safe for the verb after it? */
export function agreementSafe(s: TokenStream, i: number): boolean {
  const next = nextKey(s, i);
  if (next === null || next === '') return false;
  return agreementNeutral.has(next) || (next.length > 3 && next.endsWith('ed') && !next.endsWith('eed'));
}

export const ROLE_NAMES: Record<number, string> = {
  [ROLE_SUBJECT]: 'subject',
  [ROLE_OBJECT]: 'object',
  [ROLE_DETERMINER]: 'possessive',
  [ROLE_POSSESSIVE]: 'possessive pronoun',
  [ROLE_REFLEXIVE]: 'reflexive',
};
