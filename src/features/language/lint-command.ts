// `withme lint [--person FILE] [--format text|json] [FILE… | -]`: checks notes, letters and service
// documents (.txt, .md, .html) against the language guide and, with --person, a person's profile.
// Exit status: 0 no warn or block finding, 1 at least one, 2 usage error.

import { parseArgs } from 'node:util';
import { check, compileGuide, compileProfile, type CompiledGuide, type Finding, type PersonProfile } from './engine/index.ts';
import { languageGuide } from './guide-data.ts';
import { SEVERITY_LABELS } from './severity.ts';

export interface LintIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readFile: (p: string) => Promise<string>;
}

export const lintUsage = `Usage: withme lint [--person FILE] [--format text|json] [FILE... | -]

Checks text against the service's language guide and, with --person, a person's profile.
Reads standard input when no FILE is given or FILE is "-". Works on .txt, .md and .html.

  --person FILE    a JSON profile: {"name": "Sam Rivera", "title": "Mx", "pronouns": ["they/them"],
                   "genderWords": ["person"], "avoid": [{"word": "breasts", "instead": ["chest"]}],
                   "previousNames": ["..."]}  (every field but "name" is optional;
                   "pronouns": [] means name only)
  --format FORMAT  text (default: path:line:col  severity  message  (rule)) or json
  -h, --help       show this help

Ignore markers: <!-- withme-ignore --> (this line), <!-- withme-ignore-next-line -->,
<!-- withme-ignore-start --> ... <!-- withme-ignore-end -->, optionally followed by rule ids
or categories. Previous names are always reported.

Exit status: 0 no warn or block finding, 1 at least one, 2 usage error.
`;

class UsageError extends Error {}

let compiledGuide: CompiledGuide | undefined;

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Validates a parsed person file; throws UsageError naming the first problem. */
export function parsePersonProfile(value: unknown): PersonProfile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('must be a JSON object');
  const o = value as Record<string, unknown>;
  const known = new Set(['name', 'title', 'pronouns', 'genderWords', 'avoid', 'previousNames', 'allow']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new UsageError(`unknown field "${k}"`);
  if (typeof o.name !== 'string' || o.name.trim() === '') throw new UsageError('"name" must be a non-empty string');
  const profile: PersonProfile = { name: o.name };
  if (o.title !== undefined) {
    if (typeof o.title !== 'string') throw new UsageError('"title" must be a string');
    profile.title = o.title;
  }
  for (const field of ['pronouns', 'genderWords', 'previousNames', 'allow'] as const) {
    const v = o[field];
    if (v === undefined) continue;
    if (!isStringArray(v)) throw new UsageError(`"${field}" must be an array of strings`);
    profile[field] = v;
  }
  if (o.avoid !== undefined) {
    if (!Array.isArray(o.avoid)) throw new UsageError('"avoid" must be an array of {"word", "instead"}');
    profile.avoid = o.avoid.map((a: unknown, i) => {
      if (typeof a !== 'object' || a === null) throw new UsageError(`"avoid"[${i}] must be an object`);
      const { word, instead } = a as Record<string, unknown>;
      if (typeof word !== 'string' || word.trim() === '') throw new UsageError(`"avoid"[${i}].word must be a non-empty string`);
      if (instead !== undefined && !isStringArray(instead)) throw new UsageError(`"avoid"[${i}].instead must be an array of strings`);
      return { word, instead: instead ?? [] };
    });
  }
  return profile;
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function formatText(path: string, findings: readonly Finding[]): string {
  let out = '';
  for (const f of findings) out += `${path}:${f.line}:${f.column}  ${SEVERITY_LABELS[f.severity]}  ${f.message}  (${f.ruleId})\n`;
  return out;
}

export async function runLint(argv: string[], io: LintIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        person: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`withme lint: ${(error as Error).message}\n\n${lintUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(lintUsage);
    return 0;
  }
  try {
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": use text or json`);

    const people = [];
    if (values.person !== undefined) {
      let raw: string;
      try {
        raw = await io.readFile(values.person);
      } catch (error) {
        throw new UsageError(`cannot read person file ${values.person}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new UsageError(`person file ${values.person} is not valid JSON`);
      }
      try {
        people.push(compileProfile(parsePersonProfile(json)));
      } catch (error) {
        if (error instanceof UsageError) throw new UsageError(`person file ${values.person}: ${error.message}`);
        throw error;
      }
    }

    const inputs = positionals.length === 0 ? ['-'] : positionals;
    const texts: { path: string; text: string }[] = [];
    let stdinText: string | undefined;
    for (const p of inputs) {
      if (p === '-') {
        stdinText ??= await readStdin(io.stdin);
        texts.push({ path: '<stdin>', text: stdinText });
        continue;
      }
      try {
        texts.push({ path: p, text: await io.readFile(p) });
      } catch (error) {
        throw new UsageError(`cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }

    compiledGuide ??= compileGuide(languageGuide);
    const rules = { guide: compiledGuide, people };
    const results = texts.map(({ path, text }) => ({ path, findings: check(text, rules, people.length === 1 ? { subject: 0 } : {}) }));

    let failing = 0;
    const counts = { block: 0, warn: 0, info: 0 };
    for (const r of results) {
      for (const f of r.findings) {
        counts[f.severity]++;
        if (f.severity !== 'info') failing++;
      }
    }
    if (format === 'json') io.stdout.write(JSON.stringify(results, null, 2) + '\n');
    else {
      const lines = results.map((r) => formatText(r.path, r.findings)).join('');
      const total = counts.block + counts.warn + counts.info;
      // The summary on its own line after a blank one, on the same stream, so it never runs into the last finding.
      const summary = total === 0 ? 'No problems found.' : `${total} finding${total === 1 ? '' : 's'}: ${counts.block} ${SEVERITY_LABELS.block}, ${counts.warn} ${SEVERITY_LABELS.warn}, ${counts.info} ${SEVERITY_LABELS.info}.`;
      io.stdout.write(`${lines}${lines ? '\n' : ''}${summary}\n`);
    }
    return failing > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`withme lint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.main) {
  const { readFile } = await import('node:fs/promises');
  process.exitCode = await runLint(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (p) => readFile(p, 'utf8'),
  });
}
