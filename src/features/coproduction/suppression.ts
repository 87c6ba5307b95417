// Small numbers are never shown where they could identify someone (k-anonymity, k = 5).
export const K = 5;

export interface ShownCount {
  value: number | null;
  text: string;
}

/** A count as it may be shown: 0 and 5 or more as the number, 1–4 as "fewer than 5". */
export function shownCount(n: number): ShownCount {
  if (n > 0 && n < K) return { value: null, text: `fewer than ${K}` };
  return { value: n, text: String(n) };
}

/**
 * Counts for a set of answers. When any count is suppressed, the total is suppressed too when
 * it would let someone subtract their way back to the hidden number.
 */
export function suppressedCounts(counts: Record<string, number>): { counts: Record<string, ShownCount>; total: ShownCount; suppressed: boolean } {
  const shown: Record<string, ShownCount> = {};
  let suppressed = false;
  let total = 0;
  for (const [key, n] of Object.entries(counts)) {
    shown[key] = shownCount(n);
    if (shown[key].value === null) suppressed = true;
    total += n;
  }
  const hiddenCells = Object.values(shown).filter((c) => c.value === null).length;
  const totalShown: ShownCount = total > 0 && total < K ? shownCount(total) : hiddenCells === 1 ? { value: null, text: 'not shown' } : { value: total, text: String(total) };
  return { counts: shown, total: totalShown, suppressed };
}
