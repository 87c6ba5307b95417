// Previous names are never stored in readable form. A name is turned at once
// into keyed hashes (HMAC-SHA256 with a key derived from the server secret) of the normalised
// word runs the language guard looks for; the readable name is then dropped.
import { createHmac } from 'node:crypto';
import { hmacSha256Hex, normaliseNameWords, previousNameHashInputs } from '../language/engine/index.ts';
import type { PreviousNameHashes } from '../language/engine/index.ts';

export { normaliseNameWords };

const hashers = new Map<string, (normalisedWords: string) => string>();

/**
 * The keyed hash of a normalised word sequence (the form `normaliseNameWords` returns):
 * HMAC-SHA256 under a key derived from the secret. The guard hashes every distinct word of a
 * text with it, so it is the engine's hmacSha256Hex (createHmac's bytes, its key blocks
 * computed once) rather than a createHmac per word.
 */
export function nameHasher(secret: string): (normalisedWords: string) => string {
  let hash = hashers.get(secret);
  if (!hash) {
    hash = hmacSha256Hex(createHmac('sha256', secret).update('withme:previous-names:v1').digest());
    hashers.set(secret, hash);
  }
  return hash;
}

export interface HashedName {
  sequenceHashes: string[];
  wordHashes: string[];
  maxWords: number;
}

/**
 * Hashes what reveals a previous name: the whole name and the runs of its words that are not
 * all words of the name the person uses now. Undefined when nothing would be left to look for.
 */
export function hashPreviousName(secret: string, previousName: string, currentName: string): HashedName | undefined {
  const inputs = previousNameHashInputs(previousName, currentName);
  if (!inputs.sequences.length) return undefined;
  const hash = nameHasher(secret);
  return { sequenceHashes: inputs.sequences.map(hash), wordHashes: inputs.words.map(hash), maxWords: inputs.maxWords };
}

/** What the guard needs to find a person's previous names in text, from the stored rows. */
export function previousNameMatcher(secret: string, rows: Array<{ sequence_hashes: string; word_hashes: string; max_words: number }>): PreviousNameHashes | undefined {
  if (!rows.length) return undefined;
  const hashes = new Set<string>();
  const wordHashes = new Set<string>();
  let maxWords = 0;
  for (const row of rows) {
    for (const h of JSON.parse(row.sequence_hashes) as string[]) hashes.add(h);
    for (const h of JSON.parse(row.word_hashes) as string[]) wordHashes.add(h);
    maxWords = Math.max(maxWords, row.max_words);
  }
  return { hashes, wordHashes, maxWords, hash: nameHasher(secret) };
}
