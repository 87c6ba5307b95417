// De-identification of feedback before anyone publishes it. Pure: text in, text out.
// It removes email addresses, NHS numbers (10 digits whose mod-11 check digit holds, written
// together or spaced 3-3-4), UK phone numbers, any other long run of digits, UK postcodes,
// and names: known names (the service's staff and group, the person giving feedback), common
// first names (data/first-names*.txt), a capitalised word after a title ("Dr Shah") or an
// introduction ("my name is …"), and a capitalised surname following a removed first name.
//
// Limits (see README.md): names that are not in the lists and not signposted by a title are
// missed (unusual first names, surnames alone, nicknames); everyday words that are also names
// are removed only when capitalised mid-sentence; addresses other than the postcode, dates of
// birth and distinctive details ("the only trans nurse in Leeds") are not detected. That is
// why a Coproduction Group member always reads and approves the text before it is published.
import { readFileSync } from 'node:fs';

export type IdentifierKind = 'email' | 'nhs-number' | 'phone' | 'number' | 'postcode' | 'name';

export interface Deidentified {
  text: string;
  removed: Partial<Record<IdentifierKind, number>>;
}

export const PLACEHOLDERS: Record<IdentifierKind, string> = {
  email: '[email address removed]',
  'nhs-number': '[NHS number removed]',
  phone: '[phone number removed]',
  number: '[number removed]',
  postcode: '[postcode removed]',
  name: '[name removed]',
};

function readNames(file: string): string[] {
  return readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean);
}

const AMBIGUOUS = new Set(readNames('first-names-ambiguous.txt').map((n) => n.toLowerCase()));
const FIRST_NAMES = new Set(readNames('first-names.txt').map((n) => n.toLowerCase()).filter((n) => !AMBIGUOUS.has(n)));

/** The NHS number check digit (modulus 11): true when the 10 digits are a valid NHS number. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const TEN_DIGITS = /(?<![\d])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])/g;
const UK_PHONE = /(?<![\d+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?\(?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)/g;
const LONG_NUMBER = /(?<!\d)\d(?:[\s-]?\d){7,}(?!\d)/g;
const POSTCODE = /(?<![\p{L}\p{N}])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;
const TITLED = /\b(Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister)(\.?\s+)(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)/gu;
const INTRODUCED = /(?<![\p{L}])((?:[Mm]y name is|[Mm]y name's|I'm called|I am called|[Cc]all me|[Nn]amed)\s+)(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]+)?)/gu;
const WORD = /[\p{L}][\p{L}'’-]*/gu;

function replaceCounting(text: string, pattern: RegExp, kind: IdentifierKind, removed: Deidentified['removed'], keep?: (match: string) => boolean): string {
  return text.replace(pattern, (match) => {
    if (keep?.(match)) return match;
    removed[kind] = (removed[kind] ?? 0) + 1;
    return PLACEHOLDERS[kind];
  });
}

function sentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  return before === '' || /[.!?:;"“(\n]$/.test(before);
}

/**
 * Removes identifying details. `knownNames` are full names (e.g. "Priya Shah"); each part of
 * two letters or more is removed wherever it appears as a word, in any case.
 */
export function deidentify(input: string, options: { knownNames?: readonly string[] } = {}): Deidentified {
  const removed: Deidentified['removed'] = {};
  let text = input.normalize('NFC');

  text = replaceCounting(text, EMAIL, 'email', removed);
  text = text.replace(TEN_DIGITS, (match) => {
    if (!isValidNhsNumber(match.replace(/\D/g, ''))) return match;
    removed['nhs-number'] = (removed['nhs-number'] ?? 0) + 1;
    return PLACEHOLDERS['nhs-number'];
  });
  text = replaceCounting(text, UK_PHONE, 'phone', removed);
  text = replaceCounting(text, LONG_NUMBER, 'number', removed);
  text = replaceCounting(text, POSTCODE, 'postcode', removed);

  text = text.replace(TITLED, (_m, title: string, gap: string) => {
    removed.name = (removed.name ?? 0) + 1;
    return `${title}${gap}${PLACEHOLDERS.name}`;
  });
  text = text.replace(INTRODUCED, (_m, lead: string) => {
    removed.name = (removed.name ?? 0) + 1;
    return `${lead}${PLACEHOLDERS.name}`;
  });

  const known = new Set<string>();
  for (const name of options.knownNames ?? []) {
    for (const part of name.split(/[\s,()]+/)) if (part.length >= 2 && /^\p{Lu}/u.test(part)) known.add(part.toLowerCase());
  }

  // Names word by word, so a surname straight after a removed first name goes too.
  const pieces: string[] = [];
  let last = 0;
  let previousWasName = false;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const index = match.index;
    const between = text.slice(last, index);
    const lower = word.toLowerCase().replace(/['’]s$/, '');
    const capitalised = /^\p{Lu}/u.test(word);
    const midSentence = !sentenceStart(text, index);
    let isName = false;
    if (known.has(lower) || FIRST_NAMES.has(lower)) isName = true;
    else if (AMBIGUOUS.has(lower) && capitalised && midSentence) isName = true;
    else if (previousWasName && capitalised && /^\s+$/.test(between) && word !== 'I') isName = true;
    pieces.push(between);
    if (isName) {
      const possessive = /['’]s$/.test(word) ? word.slice(-2) : '';
      if (previousWasName && /^\s+$/.test(between)) {
        pieces.pop(); // drop the space: "Sam Rivera" becomes one placeholder
        pieces.push(possessive);
      } else {
        removed.name = (removed.name ?? 0) + 1;
        pieces.push(PLACEHOLDERS.name + possessive);
      }
      previousWasName = true;
    } else {
      pieces.push(word);
      previousWasName = false;
    }
    last = index + word.length;
  }
  pieces.push(text.slice(last));
  return { text: pieces.join(''), removed };
}

/** What a text still seems to contain, for checking a moderator's edit before publishing. */
export function identifiersIn(text: string, options: { knownNames?: readonly string[] } = {}): IdentifierKind[] {
  return Object.keys(deidentify(text, options).removed) as IdentifierKind[];
}

const KIND_WORDS: Record<IdentifierKind, [string, string]> = {
  email: ['email address', 'email addresses'],
  'nhs-number': ['NHS number', 'NHS numbers'],
  phone: ['phone number', 'phone numbers'],
  number: ['other long number', 'other long numbers'],
  postcode: ['postcode', 'postcodes'],
  name: ['name', 'names'],
};

/** "2 names and 1 phone number" */
export function describeRemoved(removed: Deidentified['removed']): string {
  const parts = (Object.entries(removed) as Array<[IdentifierKind, number]>).map(([kind, n]) => `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`);
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function kindWord(kind: IdentifierKind): string {
  return KIND_WORDS[kind][1];
}
