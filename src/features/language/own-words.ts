// The person's own words, guarded: before anything a person writes is stored (a correction
// request, a response to their record, a data request, a proposal or comment in the workspace,
// feedback), the names they asked us to protect are looked for in it. If one is there, nothing
// is stored: the service throws `OwnPreviousName`, which carries the text with "[my previous
// name]" in each name's place, for the page to offer back to the person gently. The one place
// every owning service calls; the names themselves come from the record feature (keyed hashes
// only), given once by app.ts through `provideOwnNames`.
import type { Conn } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/refusal.ts';
import { check, compileGuide, type CompiledProfile, type Finding } from './engine/index.ts';

export const MY_PREVIOUS_NAME = '[my previous name]';

/** A person's profile compiled with their previous names (keyed hashes), or undefined when they have none. */
export type OwnNamesLoader = (db: Conn, personId: string) => Promise<CompiledProfile | undefined>;

let loadOwnNames: OwnNamesLoader | undefined;

/**
 * Given at start by app.ts (the record feature holds the names, hashed with the app's secret);
 * giving it again replaces it. One per process, as there is one secret per process.
 */
export function provideOwnNames(loader: OwnNamesLoader): void {
  loadOwnNames = loader;
}

/** The words shown to the person: gentle, and naming nothing. */
export const OWN_NAME_TITLE = 'We have not saved this yet';
export const OWN_NAME_MESSAGE = `What you wrote has a name in it that you asked us to protect, so we have not saved it and nobody else has seen it. We have put ${MY_PREVIOUS_NAME} in its place. Check it still says what you mean, then send it again.`;

/**
 * Thrown when a person's own text holds one of their previous names. `offered` is every field
 * given, with each name replaced by MY_PREVIOUS_NAME (fields without one unchanged). Carries
 * the words for the error page, so a form that does not show it in place still says it gently.
 */
export class OwnPreviousName extends Refusal<'own-previous-name'> {
  readonly statusCode = 400;
  readonly offered: Record<string, string>;
  readonly fields: string[];
  readonly publicPage: { title: string; message: string; texts: string[] };

  constructor(offered: Record<string, string>, fields: string[]) {
    super('own-previous-name');
    this.offered = offered;
    this.fields = fields;
    this.publicPage = { title: OWN_NAME_TITLE, message: OWN_NAME_MESSAGE, texts: fields.map((f) => offered[f] ?? '') };
  }
}

const NO_GUIDE = compileGuide([]);

function replaceNames(text: string, findings: readonly Finding[]): string {
  let out = text;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) out = out.slice(0, f.start) + MY_PREVIOUS_NAME + out.slice(f.end);
  return out;
}

/**
 * Looks for the person's previous names in what they wrote, before it is stored. Returns
 * nothing when there are none; throws OwnPreviousName (a Refusal: inside a transaction it rolls
 * it back) when there is one. Call it first thing in the service entry point that stores the text.
 */
export async function guardOwnWords(db: Conn, personId: string, fields: Record<string, string | null | undefined>): Promise<void> {
  if (!loadOwnNames) throw new Error('guardOwnWords: no loader for previous names was given (provideOwnNames)');
  const texts = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  if (!texts.length) return;
  const profile = await loadOwnNames(db, personId);
  if (!profile) return;
  const offered: Record<string, string> = {};
  const found: string[] = [];
  for (const [field, text] of texts) {
    const names = check(text, { guide: NO_GUIDE, people: [profile] }, { documentKind: 'person', subject: 0 }).filter((f) => f.category === 'previous-name');
    offered[field] = names.length ? replaceNames(text, names) : text;
    if (names.length) found.push(field);
  }
  if (found.length) throw new OwnPreviousName(offered, found);
}
