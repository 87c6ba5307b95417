// Feedback that may suggest someone is at risk goes to the duty team, and nobody else reads its
// words: not the Coproduction Group, not moderation, not other staff. Until the duty team closes
// it and releases a de-identified version, every page shows only that something was withheld for
// safety; once released, the released words stand in for the original everywhere. (The duty
// feature keeps the words and decides; feedback only asks how each item stands.)
import type { Conn } from '../../../platform/db/database.ts';
import { dutyStates, type SourceState } from '../../duty/index.ts';

export interface Shielded {
  /** True while the duty team has it: the words are not shown. */
  withheld: boolean;
}

/**
 * Rows as anyone outside the duty team may see them: for each item that suggested risk, the
 * text fields are emptied (withheld) or replaced by the words the duty team released.
 */
export async function shield<T extends { id: string; risk: number }, K extends keyof T>(db: Conn, rows: readonly T[], fields: readonly K[]): Promise<Array<T & Shielded>> {
  const atRisk = rows.filter((r) => r.risk === 1).map((r) => r.id);
  const states: Map<string, SourceState> = atRisk.length ? await dutyStates(db, 'feedback', atRisk) : new Map<string, SourceState>();
  return rows.map((row) => {
    if (row.risk !== 1) return { ...row, withheld: false };
    const state = states.get(row.id);
    // Risk flagged before the duty queue existed, or never raised: withheld, the safe side.
    const text = state?.state === 'released' ? state.text : '';
    const replaced = Object.fromEntries(fields.map((f) => [f, text])) as Partial<T>;
    return { ...row, ...replaced, withheld: state?.state !== 'released' };
  });
}
