// The language guard engine: compile rules once, check many texts. Pure: no I/O, no imports from
// the rest of the app. See README.md in this folder.

export type {
  AvoidedWord, CheckOptions, Finding, FindingCategory, Fix, GuideCategory, GuideEntry, PersonProfile,
  PreviousNameHashes, Severity,
} from './types.ts';
export type { CompiledGuide, CompiledProfile } from './compile.ts';
export type { Rules } from './check.ts';
export { compileGuide, compileProfile, normaliseNameWords, previousNameHashInputs, previousNameVariants } from './compile.ts';
export { check } from './check.ts';
export { applyFixes } from './fixes.ts';
export { hmacSha256Hex } from './keyed-hash.ts';
