import type { Finding } from './types.ts';

/**
 * Applies the fixes of `findings` to `text`. Overlapping fixes: the one that starts first wins.
 * Returns the new text.
 */
export function applyFixes(text: string, findings: readonly Finding[]): string {
  const fixes = findings
    .map((f) => f.fix)
    .filter((f): f is NonNullable<Finding['fix']> => f !== undefined && f.start >= 0 && f.end <= text.length && f.start <= f.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const f of fixes) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  return out + text.slice(at);
}
