// Demo content for the language guard's measures: a year of checks as staff writing would have
// left them (record entries, documents, minutes), counted in words and findings, never text, so
// the language figure on /insights shows a trend. Findings fall as the words staff use change.
import type { DemoContext } from '../../demo/seed.ts';
import { logLanguageCheck } from './repository.ts';

const SOURCES = ['record-entry', 'document-version', 'minutes'] as const;

export async function seedLanguage({ db }: DemoContext): Promise<void> {
  const now = new Date();
  for (let monthsAgo = 11; monthsAgo >= 1; monthsAgo -= 1) {
    const checks = 20 + (11 - monthsAgo) * 3;
    // About 12 findings per 1,000 words a year ago, falling to about 3 last month.
    const rate = 3 + (monthsAgo - 1) * 0.9;
    let words = 0;
    for (let i = 0; i < checks; i += 1) {
      const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1 + (i % 27), 9 + (i % 8))).toISOString();
      const length = 80 + ((i * 37) % 160);
      const findings = Math.round(((words + length) * rate) / 1000) - Math.round((words * rate) / 1000);
      words += length;
      await logLanguageCheck(db, { source: SOURCES[i % SOURCES.length]!, words: length, findings, blocking: findings > 0 && i % 4 === 0 ? 1 : 0, at });
    }
  }
}
