// Suggested themes for a piece of feedback, by its similarity to feedback already themed.
// TF-IDF vectors and cosine similarity, computed in process: no network, no model to download.
// Pure: the caller passes the themed examples (the most recent few thousand are plenty).

const STOP_WORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "im ive id dont didnt cant couldnt wasnt isnt arent also get got really much many one two us lot like just still even every").split(/\s+/),
);

/** Lower-cased word stems without stop words: a light suffix stripper is enough here. */
export function terms(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(/['’]/g, '').match(/\p{L}[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w)).map(stem).filter((w) => w.length > 1);
}

function stem(word: string): string {
  for (const suffix of ['ingly', 'edly', 'ings', 'ing', 'ness', 'ment', 'ies', 'ied', 'ed', 'es', 'ly', 's']) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length);
      return suffix === 'ies' || suffix === 'ied' ? `${base}y` : base;
    }
  }
  return word;
}

type Vector = Map<string, number>;

function termFrequencies(words: string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

function weigh(tf: Map<string, number>, idf: (term: string) => number): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [term, count] of tf) {
    const weight = (1 + Math.log(count)) * idf(term);
    v.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [term, weight] of v) v.set(term, weight / norm);
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

export interface ThemedExample {
  text: string;
  themeIds: readonly string[];
}

export interface ThemeSuggestion {
  themeId: string;
  /** 0 to 1: the mean similarity of the closest examples carrying the theme. */
  score: number;
}

/**
 * Ranks themes for `text`: for each theme, the mean cosine similarity of its `perTheme` most
 * similar examples; themes scoring under `minScore` are left out.
 */
export function suggestThemes(
  text: string,
  examples: readonly ThemedExample[],
  options: { limit?: number; minScore?: number; perTheme?: number; exclude?: ReadonlySet<string> } = {},
): ThemeSuggestion[] {
  const { limit = 3, minScore = 0.12, perTheme = 3, exclude = new Set<string>() } = options;
  const docs = examples.map((e) => termFrequencies(terms(e.text)));
  const target = termFrequencies(terms(text));
  if (target.size === 0 || docs.length === 0) return [];
  const df = new Map<string, number>();
  for (const doc of [...docs, target]) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length + 1;
  const idf = (term: string) => Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
  const targetVector = weigh(target, idf);

  const byTheme = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    const similarity = cosine(targetVector, weigh(doc, idf));
    if (similarity <= 0) return;
    for (const themeId of examples[i]?.themeIds ?? []) {
      if (exclude.has(themeId)) continue;
      const list = byTheme.get(themeId) ?? [];
      list.push(similarity);
      byTheme.set(themeId, list);
    }
  });
  const suggestions: ThemeSuggestion[] = [];
  for (const [themeId, sims] of byTheme) {
    const top = sims.sort((a, b) => b - a).slice(0, perTheme);
    const score = top.reduce((s, x) => s + x, 0) / perTheme;
    if (score >= minScore) suggestions.push({ themeId, score: Math.round(score * 1000) / 1000 });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.themeId.localeCompare(b.themeId)).slice(0, limit);
}
