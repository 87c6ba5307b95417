import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLint } from './lint-command.ts';

const files: Record<string, string> = {
  'note.txt': 'Sam attended today.\nHe refused the bloods.\n',
  'clean.md': '# Plan\n\nSam attended and we agreed the plan together. `refused` in code is fine.\n',
  'page.html': '<p>Each member brings <b>his/her</b> card.</p><!-- withme-ignore-next-line -->\n<p>refused</p>',
  'info.txt': 'Denies chest pain.',
  'sam.json': JSON.stringify({ name: 'Sam Rivera', title: 'Mx', pronouns: ['they/them'], genderWords: ['person'], avoid: [{ word: 'breasts', instead: ['chest'] }], previousNames: ['Jamie Rivera'] }),
  'bad.json': '{"name": ',
  'noname.json': '{"pronouns": ["they/them"]}',
  'badfield.json': '{"name": "Sam", "pronouns": "they/them"}',
};

async function lint(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runLint(argv, {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readFile: (p: string) => {
      const f = files[p];
      if (f === undefined) return Promise.reject(Object.assign(new Error('no such file'), { code: 'ENOENT' }));
      return Promise.resolve(f);
    },
  });
  return { code, out, err };
}

describe('withme lint', () => {
  it('prints findings like alex/vale and exits 1 when there is a warn or block', async () => {
    const r = await lint(['note.txt']);
    assert.equal(r.code, 1);
    assert.equal(r.out, 'note.txt:2:4  Check  “refused”: Consider “declined” or “chose not to”.  (guide/refused)\n\n1 finding: 0 Must change, 1 Check, 0 Suggestion.\n');
  });

  it('checks against a person profile', async () => {
    const r = await lint(['--person', 'sam.json', 'note.txt']);
    assert.equal(r.code, 1);
    const [findings, summary] = r.out.split('\n\n');
    assert.deepEqual(findings!.split('\n').map((l) => l.replace(/^.*\((.*)\)$/, '$1')), ['pronoun', 'guide/refused']);
    assert.equal(summary, '2 findings: 0 Must change, 2 Check, 0 Suggestion.\n', 'the summary is a line of its own');
  });

  it('exits 0 for clean text and for info-only findings', async () => {
    assert.equal((await lint(['clean.md'])).code, 0);
    const info = await lint(['info.txt']);
    assert.equal(info.code, 0);
    assert.match(info.out, / {2}Suggestion {2}/);
  });

  it('reads Markdown and HTML as such, including ignore markers', async () => {
    const r = await lint(['--format', 'json', 'clean.md', 'page.html']);
    const results = JSON.parse(r.out) as { path: string; findings: { ruleId: string; line: number }[] }[];
    assert.deepEqual(results.map((x) => x.path), ['clean.md', 'page.html']);
    assert.deepEqual(results[0]!.findings, []);
    assert.deepEqual(results[1]!.findings.map((f) => [f.ruleId, f.line]), [['guide/he-or-she', 1]]);
    assert.equal(r.code, 1);
  });

  it('reads stdin when given no file or "-"', async () => {
    const r = await lint(['--person', 'sam.json'], 'Jamie Rivera attended.');
    assert.equal(r.code, 1);
    assert.match(r.out, /^<stdin>:1:1 {2}Must change {2}A name this person no longer uses\. Use Sam Rivera\. {2}\(previous-name\)\n\n1 finding: 1 Must change, 0 Check, 0 Suggestion\.\n$/);
    assert.ok(!r.out.includes('Jamie') && !r.err.includes('Jamie'));
    const dash = await lint(['--format', 'json', '-'], 'Fine text.');
    assert.deepEqual(JSON.parse(dash.out), [{ path: '<stdin>', findings: [] }]);
    assert.equal(dash.code, 0);
  });

  it('exits 2 with a clear message for usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'/],
      [['--format', 'xml', 'note.txt'], /unknown format "xml"/],
      [['--person', 'missing.json', 'note.txt'], /cannot read person file missing\.json: ENOENT/],
      [['--person', 'bad.json', 'note.txt'], /person file bad\.json is not valid JSON/],
      [['--person', 'noname.json', 'note.txt'], /"name" must be a non-empty string/],
      [['--person', 'badfield.json', 'note.txt'], /"pronouns" must be an array of strings/],
      [['missing.txt'], /cannot read missing\.txt: ENOENT/],
      [['--person'], /argument missing|requires an argument|expected/i],
    ];
    for (const [argv, message] of cases) {
      const r = await lint(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message, argv.join(' '));
      assert.equal(r.out, '');
    }
  });

  it('prints help', async () => {
    const r = await lint(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: withme lint/);
  });

  it('runs as a program on real files and stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'withme-lint-'));
    writeFileSync(join(dir, 'note.md'), files['note.txt']!);
    writeFileSync(join(dir, 'sam.json'), files['sam.json']!);
    const script = fileURLToPath(new URL('./lint-command.ts', import.meta.url));
    const a = spawnSync(process.execPath, [script, '--person', join(dir, 'sam.json'), join(dir, 'note.md')], { encoding: 'utf8' });
    assert.equal(a.status, 1, a.stderr);
    assert.match(a.stdout, /note\.md:2:1 {2}Check {2}“he” is not one of Sam Rivera’s pronouns/);
    assert.match(a.stdout, /\(guide\/refused\)\n\n2 findings: 0 Must change, 2 Check, 0 Suggestion\.\n$/, 'the summary is on its own line, after the last finding');
    const b = spawnSync(process.execPath, [script, '-'], { input: 'All good here.', encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    const c = spawnSync(process.execPath, [script, '--format', 'yaml'], { input: '', encoding: 'utf8' });
    assert.equal(c.status, 2);
  });
});
