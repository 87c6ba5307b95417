// Spots writing that suggests a risk of suicide or self-harm (feedback, or a person's own words
// beside their record), from the coproduced phrase list in `data/risk-phrases.json`, which the
// group and the clinical safety lead review, with its sources. Pure: text in, matches out.
import { readFileSync } from 'node:fs';

interface PhraseFile {
  phrases: Array<{ phrase: string; variants: string[] }>;
}

const file = JSON.parse(readFileSync(new URL('./data/risk-phrases.json', import.meta.url), 'utf8')) as PhraseFile;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower case, straight apostrophes, one space between words, hyphen and space interchangeable. */
export function normaliseForRisk(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ');
}

function variantPattern(variant: string): string {
  // Whole words; a space in a phrase matches any run of spaces or hyphens.
  return escapeRegExp(normaliseForRisk(variant)).replace(/ /g, '[\\s-]+');
}

export function compileRiskPhrases(phrases: PhraseFile['phrases']): Array<{ phrase: string; pattern: RegExp }> {
  return phrases.map(({ phrase, variants }) => ({
    phrase,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${variants.map(variantPattern).join('|')})(?![\\p{L}\\p{N}])`, 'u'),
  }));
}

const COMPILED = compileRiskPhrases(file.phrases);

/** The phrase groups the text matches (empty when none). */
export function riskMatches(text: string, compiled = COMPILED): string[] {
  const normalised = normaliseForRisk(text);
  return compiled.filter(({ pattern }) => pattern.test(normalised)).map(({ phrase }) => phrase);
}

export function suggestsRisk(text: string): boolean {
  return riskMatches(text).length > 0;
}
