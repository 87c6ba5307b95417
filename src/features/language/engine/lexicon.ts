// Word lists the person rules rely on: pronoun sets, titles, gendered and relational nouns, and
// the small function-word lists the heuristics use. All keys are folded (lower case, no accents).

export const ROLE_SUBJECT = 1;
export const ROLE_OBJECT = 2;
export const ROLE_DETERMINER = 4;
export const ROLE_POSSESSIVE = 8;
export const ROLE_REFLEXIVE = 16;

export interface PronounSet {
  /** e.g. "he/him"; how the set is shown in messages. */
  label: string;
  subject?: string;
  object?: string;
  determiner?: string;
  possessive?: string;
  reflexive?: string;
  /** Extra forms that belong to the set ("themselves", "zie"). */
  extra: string[];
  /** Takes plural verb agreement ("they are"). */
  plural: boolean;
}

function set(label: string, forms: [string, string, string, string, string], extra: string[] = [], plural = false): PronounSet {
  return { label, subject: forms[0], object: forms[1], determiner: forms[2], possessive: forms[3], reflexive: forms[4], extra, plural };
}

export const knownSets: Record<string, PronounSet> = {
  he: set('he/him', ['he', 'him', 'his', 'his', 'himself']),
  she: set('she/her', ['she', 'her', 'her', 'hers', 'herself']),
  they: set('they/them', ['they', 'them', 'their', 'theirs', 'themself'], ['themselves'], true),
  it: set('it/its', ['it', 'it', 'its', 'its', 'itself']),
  xe: set('xe/xem', ['xe', 'xem', 'xyr', 'xyrs', 'xemself']),
  xeXir: set('xe/xir', ['xe', 'xir', 'xir', 'xirs', 'xirself']),
  zeHir: set('ze/hir', ['ze', 'hir', 'hir', 'hirs', 'hirself'], ['zie']),
  zeZir: set('ze/zir', ['ze', 'zir', 'zir', 'zirs', 'zirself'], ['zie']),
  ey: set('ey/em', ['ey', 'em', 'eir', 'eirs', 'emself']),
  fae: set('fae/faer', ['fae', 'faer', 'faer', 'faers', 'faerself']),
  ve: set('ve/ver', ['ve', 'ver', 'vis', 'vis', 'verself']),
};

export function setForms(s: PronounSet): string[] {
  const out: string[] = [];
  for (const f of [s.subject, s.object, s.determiner, s.possessive, s.reflexive, ...s.extra]) {
    if (f !== undefined && f.length > 0 && !out.includes(f)) out.push(f);
  }
  return out;
}

/** Role bits of a form within a set. */
export function roleOf(s: PronounSet, form: string): number {
  let r = 0;
  if (s.subject === form) r |= ROLE_SUBJECT;
  if (s.object === form) r |= ROLE_OBJECT;
  if (s.determiner === form) r |= ROLE_DETERMINER;
  if (s.possessive === form) r |= ROLE_POSSESSIVE;
  if (s.reflexive === form || (s === knownSets.they && form === 'themselves')) r |= ROLE_REFLEXIVE;
  return r;
}

export function formFor(s: PronounSet, role: number): string | undefined {
  switch (role) {
    case ROLE_SUBJECT: return s.subject;
    case ROLE_OBJECT: return s.object;
    case ROLE_DETERMINER: return s.determiner;
    case ROLE_POSSESSIVE: return s.possessive;
    case ROLE_REFLEXIVE: return s.reflexive;
    default: return undefined;
  }
}

/**
 * Forms looked for as possibly wrong pronouns. Forms that are also common words or too
 * ambiguous ("em", "ve", "ver", "vis") are only recognised as a person's own.
 */
export const detectedForms = new Map<string, { set: PronounSet; roles: number }>();
for (const key of ['he', 'she', 'they', 'it', 'xe', 'xeXir', 'zeHir', 'zeZir', 'ey', 'fae'] as const) {
  const s = knownSets[key]!;
  for (const f of setForms(s)) {
    if (f === 'em') continue;
    const prev = detectedForms.get(f);
    if (prev) prev.roles |= roleOf(s, f);
    else detectedForms.set(f, { set: s, roles: roleOf(s, f) });
  }
}

export const heForms = new Set(setForms(knownSets.he!));
export const sheForms = new Set(setForms(knownSets.she!));
export const theyForms = new Set(setForms(knownSets.they!));
export const itForms = new Set(setForms(knownSets.it!));

/** Verbs that, right after "it", show it is used of a person ("it said"). */
export const personVerbs = new Set([
  'said', 'says', 'told', 'tells', 'reported', 'reports', 'feels', 'felt', 'wants', 'wanted', 'asked', 'asks',
  'explained', 'explains', 'described', 'describes', 'thinks', 'believes', 'cried', 'smiled', 'attended',
  'arrived', 'identifies', 'prefers', 'lives', 'talked', 'spoke', 'complained', 'refused', 'declined', 'agreed',
]);

/** Contracted clitics stripped to find the pronoun in "he'll", "they're", "she'd". */
export function stripClitic(key: string): string {
  const a = key.indexOf("'");
  if (a <= 0) return key;
  const tail = key.slice(a + 1);
  return tail === 'll' || tail === 'd' || tail === 're' || tail === 've' || tail === 'm' || tail === 's' ? key.slice(0, a) : key;
}

// ---------------------------------------------------------------------------------------------
// Titles

export const GENDER_NONE = 0;
export const GENDER_MASCULINE = 1;
export const GENDER_FEMININE = 2;

/** Titles (folded, without a full stop) and the gender they imply. Dr, Prof, Rev are neutral. */
export const titles = new Map<string, { label: string; gender: number; neutral: boolean }>([
  ['mr', { label: 'Mr', gender: GENDER_MASCULINE, neutral: false }],
  ['master', { label: 'Master', gender: GENDER_MASCULINE, neutral: false }],
  ['mrs', { label: 'Mrs', gender: GENDER_FEMININE, neutral: false }],
  ['ms', { label: 'Ms', gender: GENDER_FEMININE, neutral: false }],
  ['miss', { label: 'Miss', gender: GENDER_FEMININE, neutral: false }],
  ['mx', { label: 'Mx', gender: GENDER_NONE, neutral: false }],
  ['dr', { label: 'Dr', gender: GENDER_NONE, neutral: true }],
  ['prof', { label: 'Prof', gender: GENDER_NONE, neutral: true }],
  ['professor', { label: 'Professor', gender: GENDER_NONE, neutral: true }],
  ['rev', { label: 'Rev', gender: GENDER_NONE, neutral: true }],
]);

// ---------------------------------------------------------------------------------------------
// Nouns for people

export interface GenderedNoun {
  gender: number;
  /** Neutral words to suggest. */
  neutral: string[];
  /** The singular of a plural ("women" → "woman"), for matching a profile's words. */
  singular: string;
  /** A family or partner relation ("mother", "husband"), not just "woman"/"man". */
  relational: boolean;
}

const gendered: [string, string, number, string[]][] = [
  ['woman', 'women', GENDER_FEMININE, ['person']],
  ['man', 'men', GENDER_MASCULINE, ['person']],
  ['girl', 'girls', GENDER_FEMININE, ['young person']],
  ['boy', 'boys', GENDER_MASCULINE, ['young person']],
  ['lady', 'ladies', GENDER_FEMININE, ['person']],
  ['gentleman', 'gentlemen', GENDER_MASCULINE, ['person']],
  ['lad', 'lads', GENDER_MASCULINE, ['young person']],
  ['lass', 'lasses', GENDER_FEMININE, ['young person']],
  ['son', 'sons', GENDER_MASCULINE, ['child']],
  ['daughter', 'daughters', GENDER_FEMININE, ['child']],
  ['brother', 'brothers', GENDER_MASCULINE, ['sibling']],
  ['sister', 'sisters', GENDER_FEMININE, ['sibling']],
  ['mother', 'mothers', GENDER_FEMININE, ['parent']],
  ['father', 'fathers', GENDER_MASCULINE, ['parent']],
  ['mum', 'mums', GENDER_FEMININE, ['parent']],
  ['mom', 'moms', GENDER_FEMININE, ['parent']],
  ['dad', 'dads', GENDER_MASCULINE, ['parent']],
  ['wife', 'wives', GENDER_FEMININE, ['partner', 'spouse']],
  ['husband', 'husbands', GENDER_MASCULINE, ['partner', 'spouse']],
  ['girlfriend', 'girlfriends', GENDER_FEMININE, ['partner']],
  ['boyfriend', 'boyfriends', GENDER_MASCULINE, ['partner']],
  ['aunt', 'aunts', GENDER_FEMININE, ['relative']],
  ['uncle', 'uncles', GENDER_MASCULINE, ['relative']],
  ['niece', 'nieces', GENDER_FEMININE, ['relative']],
  ['nephew', 'nephews', GENDER_MASCULINE, ['relative']],
  ['grandmother', 'grandmothers', GENDER_FEMININE, ['grandparent']],
  ['grandfather', 'grandfathers', GENDER_MASCULINE, ['grandparent']],
  ['granddaughter', 'granddaughters', GENDER_FEMININE, ['grandchild']],
  ['grandson', 'grandsons', GENDER_MASCULINE, ['grandchild']],
  ['female', 'females', GENDER_FEMININE, ['person']],
  ['male', 'males', GENDER_MASCULINE, ['person']],
  ['widow', 'widows', GENDER_FEMININE, ['bereaved partner']],
  ['widower', 'widowers', GENDER_MASCULINE, ['bereaved partner']],
  ['stepmother', 'stepmothers', GENDER_FEMININE, ['step-parent']],
  ['stepfather', 'stepfathers', GENDER_MASCULINE, ['step-parent']],
  ['grandma', 'grandmas', GENDER_FEMININE, ['grandparent']],
  ['grandad', 'grandads', GENDER_MASCULINE, ['grandparent']],
  ['granddad', 'granddads', GENDER_MASCULINE, ['grandparent']],
  ['nan', 'nans', GENDER_FEMININE, ['grandparent']],
  ['gran', 'grans', GENDER_FEMININE, ['grandparent']],
  ['stepmum', 'stepmums', GENDER_FEMININE, ['step-parent']],
  ['stepdad', 'stepdads', GENDER_MASCULINE, ['step-parent']],
  ['gent', 'gents', GENDER_MASCULINE, ['person']],
  ['chap', 'chaps', GENDER_MASCULINE, ['person']],
  ['fiancee', 'fiancees', GENDER_FEMININE, ['partner']],
];

export const genderedNouns = new Map<string, GenderedNoun>();
const notRelational = new Set(['woman', 'man', 'girl', 'boy', 'lady', 'gentleman', 'lad', 'lass', 'female', 'male', 'gent', 'chap']);
for (const [sing, plural, gender, neutral] of gendered) {
  const relational = !notRelational.has(sing);
  genderedNouns.set(sing, { gender, neutral, singular: sing, relational });
  genderedNouns.set(plural, { gender, neutral: neutral.map((n) => (n === 'person' ? 'people' : n + 's')), singular: sing, relational });
}

/** Professionals the letters mention by role ("the GP", "her consultant"). */
export const professionalNouns = new Set([
  'gp', 'doctor', 'nurse', 'consultant', 'clinician', 'therapist', 'psychologist', 'psychiatrist', 'practitioner',
  'surgeon', 'midwife', 'pharmacist', 'counsellor', 'counselor', 'advocate', 'interpreter', 'receptionist',
  'paramedic', 'caseworker', 'keyworker', 'worker', 'officer', 'teacher', 'tutor', 'lecturer', 'registrar',
  'endocrinologist', 'physician', 'dentist', 'radiographer', 'phlebotomist', 'psychotherapist', 'dietitian',
  'physiotherapist', 'urologist', 'gynaecologist', 'specialist', 'coordinator', 'administrator', 'secretary',
  'manager', 'employer', 'landlord', 'solicitor', 'lawyer', 'chaplain',
  'optician', 'sonographer', 'anaesthetist',
]);

/** Groups and plurals: referred to as "they". */
export const groupNouns = new Set([
  'friends', 'parents', 'siblings', 'children', 'relatives', 'clinicians', 'doctors', 'nurses', 'people', 'family',
  'staff', 'colleagues', 'carers', 'grandparents', 'students', 'members', 'volunteers', 'partners', 'neighbours',
  'flatmates', 'housemates', 'kids', 'peers', 'teachers', 'professionals', 'services', 'everyone', 'couple',
]);

/** Other words for people: a sign that someone else is being talked about. */
export const personNouns = new Set([
  'partner', 'partners', 'spouse', 'friend', 'friends', 'parent', 'parents', 'sibling', 'siblings', 'child',
  'children', 'cousin', 'relative', 'relatives', 'colleague', 'carer', 'neighbour', 'neighbor', 'flatmate',
  'housemate', 'student', 'someone', 'somebody', 'anyone', 'everyone', 'staff', 'peer', 'boss', 'stranger', 'member',
  'volunteer', 'clinicians', 'doctors', 'nurses', 'people', 'person', 'family', 'ex', 'fiance', 'guardian',
  'individual', 'adult', 'youngster', 'kids', 'carers', 'colleagues', 'grandparents', 'grandparent', 'flatmates',
  'housemates', 'teachers', 'professionals', 'couple', 'peers', 'members', 'students', 'volunteers', 'neighbours',
  ...professionalNouns,
]);

/** Words that stand for the person a note is about when it is about one person. */
export const subjectNouns = new Set(['patient', 'client']);

export const copulas = new Set(['is', 'was', 'be', 'been', 'being', 'are', 'were', 'became', 'becomes', 'become', 'as', 'remains', 'seems']);

/** Words that end a noun phrase when looking back from a gendered word. */
export const phraseBreakers = new Set([
  'with', 'and', 'or', 'but', 'to', 'for', 'of', 'at', 'by', 'from', 'about', 'like', 'than', 'in', 'on', 'into',
  'onto', 'over', 'under', 'near', 'beside', 'towards', 'toward', 'without', 'who', 'whom', 'whose', 'which', 'that',
  'because', 'while', 'when', 'if', 'whereas', 'although', 'though', 'not', 'no', 'met', 'saw', 'seeing', 'meet',
]);

/** Function words: after a `noun` guide term they show the term ended its phrase. */
export const functionWords = new Set([
  'and', 'or', 'but', 'who', 'whom', 'whose', 'which', 'that', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'had',
  'have', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'shall', 'to', 'of', 'in', 'on', 'at',
  'by', 'for', 'with', 'from', 'as', 'than', 'then', 'so', 'if', 'when', 'while', 'because', 'since', 'after',
  'before', 'until', 'into', 'about', 'over', 'under', 'not', 'also', 'too', 'now', 'here', 'there', 'does', 'did',
  'do', 'he', 'she', 'they', 'it', 'i', 'we', 'you', 'this', 'these', 'those', 'like', 'although', 'though', 'who',
  'himself', 'herself', 'themselves', 'themself', 'yet', 'nor', 'either', 'neither', 'since', 'whereas',
]);

/** Capitalised words that are not names of people. */
export const notNames = new Set([
  'i', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'english', 'british', 'welsh',
  'scottish', 'irish', 'christmas', 'easter', 'eid', 'diwali', 'ramadan', 'covid', 'internet', 'zoom', 'teams',
  'whatsapp', 'ok', 'okay', 'dear', 're', 'regards', 'yours', 'sincerely', 'thanks', 'please', 'plan', 'summary',
  'impression', 'history', 'assessment', 'diagnosis', 'medication', 'background', 'examination', 'outcome',
  'today', 'tomorrow', 'yesterday', 'trans', 'transgender', 'non', 'binary', 'lgbt', 'lgbtq', 'pride', 'god',
  'bank', 'holiday', 'universal', 'credit', 'testosterone', 'oestrogen', 'estrogen', 'estradiol',
]);

/** Words in a run of capitalised words that show it names a place or an organisation. */
export const organisationWords = new Set([
  'clinic', 'service', 'services', 'hospital', 'trust', 'centre', 'center', 'team', 'unit', 'ward', 'practice',
  'surgery', 'road', 'street', 'lane', 'avenue', 'house', 'court', 'university', 'college', 'school', 'council',
  'foundation', 'nhs', 'department', 'group', 'programme', 'program', 'project', 'network', 'board', 'committee',
  'partnership', 'health', 'care', 'identity', 'gender', 'mental', 'london', 'england', 'scotland', 'wales',
  'ireland', 'city', 'county', 'charity', 'society', 'association', 'institute', 'ltd', 'limited', 'plc', 'park',
  'square', 'close', 'way', 'drive', 'place', 'gardens', 'medical', 'community', 'gic', 'authority', 'office',
]);
