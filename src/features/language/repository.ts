// The language guide's rows and the log of checks. Only this file touches their tables.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { nowIso } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

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
}

export interface LanguageCheckLogTable {
  id: string;
  at: string;
  source: string;
  words: number;
  findings: number;
  blocking: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    language_guide_entries: LanguageGuideEntryTable;
    language_check_log: LanguageCheckLogTable;
  }
}

type Conn = Kysely<Database> | Transaction<Database>;

/**
 * Records that a text was checked: how many words and findings, never the text itself.
 * Call it wherever staff writing is checked on save (record entries, document versions,
 * minutes) so /insights can show findings per 1,000 words by month.
 */
export async function logLanguageCheck(
  db: Conn,
  input: { source: string; words: number; findings: number; blocking: number; at?: string },
): Promise<void> {
  await db
    .insertInto('language_check_log')
    .values({ id: randomUUID(), at: input.at ?? nowIso(), source: input.source, words: input.words, findings: input.findings, blocking: input.blocking })
    .execute();
}
