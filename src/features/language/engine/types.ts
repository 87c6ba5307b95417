// Public types of the language guard engine. The engine is pure: it takes text and compiled
// rules and returns findings; it performs no I/O and imports nothing outside this folder.

export type Severity = 'block' | 'warn' | 'info';

export type FindingCategory =
  | 'previous-name'
  | 'pronoun'
  | 'title'
  | 'gendered-word'
  | 'avoided-word'
  | 'guide';

export interface Fix {
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
  replacement: string;
}

export interface Finding {
  ruleId: string;
  category: FindingCategory;
  severity: Severity;
  /** UTF-16 offsets into the original text (JavaScript string indices), end exclusive. */
  start: number;
  end: number;
  /** 1-based line; lines end at \n, \r\n, \r, U+2028 or U+2029. */
  line: number;
  /** 1-based column in UTF-16 code units from the start of the line. */
  column: number;
  message: string;
  reason: string;
  suggestions: string[];
  /** Present only where replacing the span cannot change the meaning or the grammar. */
  fix?: Fix;
  /** Index into `rules.people` for person rules. */
  person?: number;
  /** Guide findings: the sources the entry cites. */
  sources?: string[];
}

export type GuideCategory = 'trans-inclusive' | 'person-centred' | 'clinical-documentation';

export interface GuideEntry {
  /** Stable slug; findings carry `guide/<id>` as their ruleId. */
  id: string;
  category: GuideCategory;
  /** Words or phrases to find. A space or hyphen in a term matches a space, a line break or a
   * hyphen in the text; a slash must be a slash. List inflections and plurals explicitly. */
  terms: string[];
  suggestions: string[];
  reason: string;
  source: string[];
  severity: 'warn' | 'info';
  /** `service-document`: only when checking a service document (see CheckOptions.documentKind). */
  scope?: 'any' | 'service-document';
  /** Marked derived in the research notes: extends a source's principle; needs the group's check. */
  derived?: boolean;
  /** The match is dropped when the word just before it is one of these (e.g. "insurance claims"). */
  exceptBefore?: string[];
  /** The match is dropped when the word just after it (or after a following a/an/the) is one of
   * these (e.g. "alcoholic drinks", "victim of an assault"). */
  exceptAfter?: string[];
  /** The term is a noun here: a term starting with "a", "an" or "the" then matches only at the
   * end of its phrase (before punctuation, the end of the text, a function word or a verb), so
   * "a diabetic" matches in "a diabetic and…" but not in "a diabetic foot". */
  noun?: boolean;
  /** Safe replacements for particular terms (keyed by the term as written in `terms`). */
  fixes?: Record<string, string>;
  /** Why the entry is shaped the way it is (shown on the public guide). */
  note?: string;
}

export interface AvoidedWord {
  word: string;
  instead: string[];
}

export interface PersonProfile {
  /** The name to use. */
  name: string;
  title?: string;
  /** e.g. ["they/them"], ["he/they"], ["xe/xem"]; [] means name only; ["any"] means any pronouns. */
  pronouns?: string[];
  /** The gendered words that fit this person (e.g. ["woman"], ["person"]). None: no judgement. */
  genderWords?: string[];
  avoid?: AvoidedWord[];
  /** Plain previous names (CLI use). The web app supplies hashes instead (see PreviousNameHashes). */
  previousNames?: string[];
  /** Words or guide entry ids this person uses for themself ("autistic", "transsexual"):
   * guide findings for them are dropped in text checked with this profile. */
  allow?: string[];
}

/**
 * Previous names supplied as keyed hashes. `hash` receives a normalised word sequence (see
 * `normaliseNameWords`) and must return the same hex string the app stored. `wordHashes`, if
 * given, holds the hashes of every single word of the previous names; the engine then hashes
 * each distinct word of the text once and only hashes windows made entirely of such words.
 */
export interface PreviousNameHashes {
  hashes: ReadonlySet<string>;
  hash: (normalisedWords: string) => string;
  maxWords: number;
  wordHashes?: ReadonlySet<string>;
}

export interface CheckOptions {
  /**
   * `person`: a note or letter about or to a person. `service-document`: a leaflet, policy or web
   * page (enables rules such as "he or she"). Default: `person` when people are given, otherwise
   * `service-document`.
   */
  documentKind?: 'person' | 'service-document';
  /** Index into `rules.people` of the person the text is about; a pronoun with no named
   * antecedent is then taken to refer to them. */
  subject?: number;
  /** Treat Markdown/HTML syntax (code, URLs, tags, comments, ignore markers). Default true. */
  markup?: boolean;
}
