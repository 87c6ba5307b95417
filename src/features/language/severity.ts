// The one set of words for the guard's severities: on every page, in the live check
// (static/language-live.js keeps the same three) and in `withme lint`. Pure.
import type { Severity } from './engine/index.ts';

export const SEVERITY_LABELS: Record<Severity, string> = {
  block: 'Must change',
  warn: 'Check',
  info: 'Suggestion',
};
