// The language feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.
export interface LanguageGuideEntryTable {
  id: string;
  category: string;
  terms: string;
  suggestions: string;
  reason: string;
  source: string;
  severity: string;
  scope: string | null;
  derived: number;
  active: number;
  updated_at: string;
  changed_by_decision_id: string | null;
  /** JSON: the engine's exceptBefore, exceptAfter, noun and fixes for this entry. */
  options: string;
  note: string | null;
}

/** The guide's search index (an FTS5 table on SQLite, a tsvector on PostgreSQL), kept by triggers; read by platform/db/search.ts. */
export interface LanguageGuideSearchTable {
  id: string;
  body: string;
}

export interface LanguageCheckLogTable {
  id: string;
  at: string;
  source: string;
  words: number;
  findings: number;
  blocking: number;
}

/** A previous name stopped: who wrote it, whose it was, where; never the text. */
export interface LanguageNameStopTable {
  id: string;
  writer_id: string;
  person_id: string;
  source: string;
  at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    language_guide_entries: LanguageGuideEntryTable;
    language_check_log: LanguageCheckLogTable;
    language_name_stops: LanguageNameStopTable;
    language_guide_search: LanguageGuideSearchTable;
  }
}
