// One-click fixes in the record editor, without JavaScript. Where the guard says a replacement
// cannot change the meaning or the grammar (a finding's `fix`: a pronoun in the one form the
// person's pronouns have, a guide term with one safe alternative, a previous name replaced by
// the whole name used now), the editor offers a button in the same form. The fixes it offered
// travel with the form, signed with the app's secret and bound to the entry (`fixScope`), as
// offsets into the text exactly as the page showed it; the server makes one (or all) only where
// the words at that offset are still the words it offered to change. Pure.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Finding } from '../language/engine/index.ts';
import { NAME_REMOVED } from './guard.ts';

export interface OfferedFix {
  /** title, body or recipient. */
  field: string;
  /** UTF-16 offsets into the field's text as the editor showed it (previous names as NAME_REMOVED). */
  start: number;
  end: number;
  /** The words at those offsets, as shown. */
  words: string;
  replacement: string;
  line: number;
}

/** The editor a set of fixes belongs to: one person's new entry, or one entry. A token for one never works on another. */
export function fixScope(personId: string, entryId?: string): string {
  return `${personId}/${entryId ?? 'new'}`;
}

/**
 * The fixes to offer for `findings` (offsets into `fields`, the text as written): only `warn` and
 * `block` findings the engine gave a fix, none overlapping a previous name, with offsets moved to
 * the text as shown (each previous name replaced by NAME_REMOVED). A previous name's own fix
 * replaces NAME_REMOVED. `finding` is the index of the finding each fix is for.
 */
export function offeredFixes(fields: Record<string, string>, findings: ReadonlyArray<Finding & { field: string }>): Array<OfferedFix & { finding: number }> {
  const out: Array<OfferedFix & { finding: number }> = [];
  for (const [field, text] of Object.entries(fields)) {
    const names = findings.filter((f) => f.field === field && f.category === 'previous-name').sort((a, b) => a.start - b.start);
    // Where an offset into the text as written is in the text as shown.
    const shown = (offset: number) => offset + names.filter((n) => n.end <= offset).reduce((d, n) => d + NAME_REMOVED.length - (n.end - n.start), 0);
    findings.forEach((f, i) => {
      const fix = f.fix;
      if (f.field !== field || !fix || (f.severity !== 'warn' && f.severity !== 'block')) return;
      if (fix.start < 0 || fix.end > text.length || fix.start >= fix.end) return;
      if (f.category === 'previous-name') {
        if (fix.start !== f.start || fix.end !== f.end) return;
        const start = shown(f.start);
        out.push({ finding: i, field, start, end: start + NAME_REMOVED.length, words: NAME_REMOVED, replacement: fix.replacement, line: f.line });
        return;
      }
      if (names.some((n) => n.start < fix.end && n.end > fix.start)) return;
      const words = text.slice(fix.start, fix.end);
      if (words === fix.replacement) return;
      if (out.some((o) => o.field === field && o.start === shown(fix.start))) return;
      out.push({ finding: i, field, start: shown(fix.start), end: shown(fix.end), words, replacement: fix.replacement, line: f.line });
    });
  }
  return out;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`record-editor-fixes\0${payload}`).digest('base64url');

/** The fixes offered, as the form's hidden field carries them: signed, and bound to `scope`. */
export function signFixes(secret: string, scope: string, fixes: readonly OfferedFix[]): string {
  const payload = Buffer.from(JSON.stringify({ s: scope, f: fixes.map((f) => [f.field, f.start, f.end, f.words, f.replacement, f.line]) })).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The fixes a form carried back, or undefined when the token was not signed by us for this `scope`. */
export function readFixes(secret: string, scope: string, token: string): OfferedFix[] | undefined {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return undefined;
  const want = Buffer.from(mac(secret, payload));
  const got = Buffer.from(sig);
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: unknown; f: unknown };
    if (data.s !== scope || !Array.isArray(data.f)) return undefined;
    return (data.f as Array<[string, number, number, string, string, number]>).map(([field, start, end, words, replacement, line]) => ({ field, start, end, words, replacement, line }));
  } catch {
    return undefined;
  }
}

/**
 * `forged`: the fixes did not come from this editor (not signed by us, or for another entry).
 * `unknown`: the button named no fix that was offered. `moved`: the words at the offset are no
 * longer the words offered (the text was edited before the button was pressed).
 */
export type FixProblem = 'forged' | 'unknown' | 'moved';

export type FixOutcome =
  | { ok: true; values: Record<string, string>; applied: OfferedFix[] }
  | { ok: false; why: FixProblem; fix?: OfferedFix };

/**
 * Makes the fix the button chose (`choice`: its index, or `all`) in `values`, the fields as
 * submitted. Nothing is changed unless every chosen fix still finds its words at its offset.
 */
export function applyOfferedFixes(values: Record<string, string>, fixes: readonly OfferedFix[] | undefined, choice: string): FixOutcome {
  if (!fixes) return { ok: false, why: 'forged' };
  let chosen: OfferedFix[];
  if (choice === 'all') chosen = [...fixes];
  else if (/^\d{1,4}$/.test(choice) && Number(choice) < fixes.length) chosen = [fixes[Number(choice)]!];
  else return { ok: false, why: 'unknown' };
  if (!chosen.length) return { ok: false, why: 'unknown' };
  for (const f of chosen) {
    const text = values[f.field];
    if (typeof text !== 'string' || !Number.isInteger(f.start) || !Number.isInteger(f.end) || text.slice(f.start, f.end) !== f.words) return { ok: false, why: 'moved', fix: f };
  }
  const out = { ...values };
  const applied: OfferedFix[] = [];
  for (const field of new Set(chosen.map((f) => f.field))) {
    const text = values[field]!;
    let changed = '';
    let at = 0;
    for (const f of chosen.filter((c) => c.field === field).sort((a, b) => a.start - b.start)) {
      if (f.start < at) continue;
      changed += text.slice(at, f.start) + f.replacement;
      at = f.end;
      applied.push(f);
    }
    out[field] = changed + text.slice(at);
  }
  return { ok: true, values: out, applied };
}

/** Where a fix is, in words: "line 2", or "the title". */
export function fixPlace(f: Pick<OfferedFix, 'field' | 'line'>): string {
  return f.field === 'body' ? `line ${f.line}` : `the ${f.field}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * Each button's words: Change ‘her’ to ‘their’ (line 2). Where the same words are on one line
 * more than once, each button says which it changes (Change the second ‘her’ to ‘their’ (line
 * 2)), so no two buttons that do different things read the same to anyone, a screen reader's
 * list of buttons included.
 */
export function fixLabels(fixes: readonly OfferedFix[]): string[] {
  const where = (f: OfferedFix) => `${f.field}\u0000${f.line}\u0000${f.words}`;
  const ordered = [...fixes].sort((a, b) => (a.field === b.field ? a.start - b.start : a.field < b.field ? -1 : 1));
  return fixes.map((f) => {
    const same = ordered.filter((g) => where(g) === where(f));
    const words = f.words === NAME_REMOVED ? NAME_REMOVED : `‘${f.words}’`;
    const nth = same.length > 1 ? `the ${ORDINALS[same.indexOf(f)] ?? `number ${same.indexOf(f) + 1}`} ` : '';
    return `Change ${nth}${words} to ‘${f.replacement}’ (${fixPlace(f)})`;
  });
}
