// Full-text search with the database's own engine, behind one interface: SQLite's FTS5 and
// PostgreSQL's tsvector. Each feature owns its index, a table named `<feature>_<what>_search`
// with the columns `id` and `body` (on SQLite an FTS5 table; on PostgreSQL a table with a
// generated `document tsvector` ('simple' configuration) and a GIN index), made and kept equal
// to its source by triggers in the feature's own migrations (see
// language/migrations/*_language_guide_search.ts for the shape), and searches it through its own
// repository with `searchIndex`. What goes into `body` is the feature's decision: only what the
// people who may search it may read (never a previous name, for example).
import { sql } from 'kysely';
import { dialectOf, type Conn } from './database.ts';

export interface SearchHit {
  id: string;
}

/** At most this many words of a query are used; the rest are ignored. */
export const MAX_QUERY_WORDS = 8;

/**
 * The words of what someone typed, as the search engines' own query languages would read them:
 * letters and digits only (no operators, quotes or column filters can be smuggled in), lower
 * case, at most MAX_QUERY_WORDS. Empty when nothing searchable was typed.
 */
export function queryWords(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUERY_WORDS);
}

/**
 * The ids in `index` whose body has every word (the last as a prefix, so "horm" finds
 * "hormones"), best match first. Only ids in `within` when it is given (for example one
 * practitioner's caseload), so a search can never reach past what its caller may see.
 */
export async function searchIndex(db: Conn, index: string, text: string, options: { limit?: number; within?: readonly string[] } = {}): Promise<SearchHit[]> {
  if (!/^[a-z_]+_search$/.test(index)) throw new Error(`not a search index: ${index}`);
  const words = queryWords(text);
  if (!words.length || (options.within && !options.within.length)) return [];
  const limit = options.limit ?? 50;
  const within = options.within ? sql`and id in (${sql.join(options.within.map((id) => sql`${id}`))})` : sql``;
  if (dialectOf(db) === 'sqlite') {
    // FTS5: each word quoted (a string, never an operator); the last one a prefix.
    const match = words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
    const rows = await sql<{ id: string }>`select id from ${sql.table(index)} where ${sql.table(index)} match ${match} ${within} order by bm25(${sql.table(index)}) limit ${limit}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id }));
  }
  // PostgreSQL: the 'simple' configuration (no stemming of names or of the guide's terms), each
  // word a lexeme, the last a prefix.
  const query = words.map((w, i) => `${w}${i === words.length - 1 ? ':*' : ''}`).join(' & ');
  const rows = await sql<{ id: string }>`select id from ${sql.table(index)} where document @@ to_tsquery('simple', ${query}) ${within} order by ts_rank(document, to_tsquery('simple', ${query})) desc, id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id }));
}
