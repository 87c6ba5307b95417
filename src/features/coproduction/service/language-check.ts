// Checks what is written in the workspace (document versions, minutes) with the language guard
// (src/features/language: the engine and the group's guide), and logs each check on save
// (counts only, never the text) for the insight figures.
import type { Conn } from '../../../platform/db/database.ts';
import { logLanguageCheck } from '../../language/index.ts';
import { checkText, countWords } from '../../language/index.ts';

export interface WritingFinding {
  ruleId: string;
  severity: 'block' | 'warn' | 'info';
  line: number;
  column: number;
  message: string;
  suggestions: string[];
}

export interface WritingCheck {
  findings: WritingFinding[];
  blocking: number;
  words: number;
}

/** The guard's findings for a service text (a document or minutes), without logging. */
export async function findingsFor(db: Conn, text: string): Promise<WritingFinding[]> {
  const findings = await checkText(db, text, { documentKind: 'service-document' });
  return findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, column: f.column, message: f.message, suggestions: f.suggestions }));
}

/** Checks text being saved and logs the check. Findings that block must be changed before saving. */
export async function checkWriting(db: Conn, text: string, source: 'document-version' | 'minutes'): Promise<WritingCheck> {
  const findings = await findingsFor(db, text);
  const blocking = findings.filter((f) => f.severity === 'block').length;
  const words = countWords(text);
  await logLanguageCheck(db, { source, words, findings: findings.length, blocking });
  return { findings, blocking, words };
}
