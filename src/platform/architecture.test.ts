// The shape every feature keeps, read from the sources (without running them): each table has
// one owner and only the owner's repository queries it; routes parse, call a service and present,
// so they never open a transaction, call a repository or write the audit log; each feature has a
// door (index.ts) and a README that says what it owns. (Imports between features are checked by
// the lint rule in eslint.config.js.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const featureNames = () => fs.readdirSync(path.join(root, 'src/features'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function parse(file: string, text = fs.readFileSync(file, 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;

/** Kysely methods whose first argument names a table (or tables, or `table as alias`). */
const TABLE_METHODS = new Set([
  'selectFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto', 'using',
  'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral',
]);

function namedTables(node: ts.Expression): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text.trim().split(/\s+as\s+/i)[0]!.trim()];
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => namedTables(e));
  return [];
}

/** Every table a file names in a Kysely query, with the line. */
export function tableQueries(source: ts.SourceFile): Array<{ table: string; line: number }> {
  const found: Array<{ table: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && TABLE_METHODS.has(node.expression.name.text) && node.arguments[0]) {
      for (const table of namedTables(node.arguments[0])) found.push({ table, line: lineOf(source, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The tables a file adds to `Database` (an `interface Database { … }` anywhere in it). */
function declaredTables(source: ts.SourceFile): string[] {
  const tables: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Database') {
      for (const member of node.members) if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) tables.push(member.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return tables;
}

/**
 * Who owns each table, and which files may query it: for a feature, the `tables.ts` that declares
 * it names the feature, and its `repository.ts` (or `repository/*.ts`) queries it; the platform's
 * own tables each belong to one platform module.
 */
const PLATFORM_OWNERS: Record<string, string> = {
  kv: 'src/platform/shared-store.ts',
  audit_log: 'src/platform/audit.ts',
  outbox: 'src/platform/mail/outbox.ts',
};

function owners(): Map<string, { owner: string; declaredIn: string[]; mayQuery: (file: string) => boolean }> {
  const map = new Map<string, { owner: string; declaredIn: string[]; mayQuery: (file: string) => boolean }>();
  const add = (table: string, owner: string, declaredIn: string, mayQuery: (file: string) => boolean) => {
    const existing = map.get(table);
    if (existing) existing.declaredIn.push(declaredIn);
    else map.set(table, { owner, declaredIn: [declaredIn], mayQuery });
  };
  for (const table of declaredTables(parse(path.join(root, 'src/platform/db/schema.ts')))) {
    add(table, 'platform', 'src/platform/db/schema.ts', (file) => file === PLATFORM_OWNERS[table]);
  }
  for (const feature of featureNames()) {
    const file = path.join(root, 'src/features', feature, 'tables.ts');
    if (!fs.existsSync(file)) continue;
    const repository = new RegExp(`^src/features/${feature}/repository(\\.ts|/[^/]+\\.ts)$`);
    for (const table of declaredTables(parse(file))) add(table, feature, rel(file), (f) => repository.test(f));
  }
  return map;
}

/** Source files the rules apply to: the app's own code, not tests, test builders or migrations. */
function appSources(): string[] {
  return walk(path.join(root, 'src'))
    .map(rel)
    .filter((f) => !f.endsWith('.test.ts') && !f.endsWith('/test-builders.ts') && !f.includes('/migrations/'));
}

/** `file:line table (owner)` for every query on a table outside the files that may query it. */
export function ownershipViolations(files: Array<{ file: string; source: ts.SourceFile }>, tableOwners = owners()): string[] {
  const violations: string[] = [];
  for (const { file, source } of files) {
    for (const { table, line } of tableQueries(source)) {
      const owner = tableOwners.get(table);
      if (!owner) violations.push(`${file}:${line} queries "${table}", which no tables.ts declares`);
      else if (!owner.mayQuery(file)) violations.push(`${file}:${line} queries "${table}", owned by ${owner.owner}`);
    }
  }
  return violations;
}

/** Route files: they parse, call a service and present. */
const isRouteFile = (file: string) => /^src\/features\/[^/]+\/(routes\/[^/]+|routes|index|[\w-]+-routes|routes-[\w-]+)\.ts$/.test(file);

/** `file:line what` for each route file that opens a transaction, calls a repository or audits. */
export function routeViolations(files: Array<{ file: string; source: ts.SourceFile }>): string[] {
  const violations: string[] = [];
  for (const { file, source } of files.filter((f) => isRouteFile(f.file))) {
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const spec = statement.moduleSpecifier.text;
      if (/(^|\/)repository(\.ts|\/)/.test(spec)) violations.push(`${file}:${lineOf(source, statement)} imports a repository (${spec}): call a service`);
      if (/platform\/audit\.ts$/.test(spec)) violations.push(`${file}:${lineOf(source, statement)} imports the audit log: the service that does the work records it`);
    }
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (name === 'transaction' || name === 'inTransaction') violations.push(`${file}:${lineOf(source, node)} opens a transaction: the service entry point does`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}

const sources = () => appSources().map((file) => ({ file, source: parse(path.join(root, file)) }));

describe('one shape for every feature', () => {
  test('every table is declared once, and every table the migrations make is declared', async () => {
    const tableOwners = owners();
    const twice = [...tableOwners].filter(([, o]) => o.declaredIn.length > 1).map(([t, o]) => `${t}: ${o.declaredIn.join(', ')}`);
    assert.deepEqual(twice, []);
    const db = createDb('sqlite::memory:');
    try {
      await migrateToLatest(db);
      // SQLite's FTS5 keeps each search index's data in shadow tables of its own (platform/db/search.ts).
      const ftsShadow = (t: string) => /^(.+_search)_(data|idx|content|docsize|config)$/.exec(t)?.[1];
      const made = (await db.introspection.getTables()).map((t) => t.name).filter((t) => !t.startsWith('kysely_') && !(ftsShadow(t) && tableOwners.has(ftsShadow(t)!)));
      assert.deepEqual(made.filter((t) => !tableOwners.has(t)), [], 'tables no tables.ts declares');
    } finally {
      await db.destroy();
    }
  });

  test("only a table's owner queries it, and routes never open a transaction, call a repository or write the audit", () => {
    const files = sources();
    assert.deepEqual([...ownershipViolations(files), ...routeViolations(files)], []);
  });

  test('the checks find a query on another feature\'s table, and a route that does a service\'s work', () => {
    const tableOwners = owners();
    const intruder = { file: 'src/features/feedback/repository.ts', source: parse('x.ts', "export const a = (db) => db.selectFrom('accounts').innerJoin('caseload as c', 'c.person_id', 'accounts.id').selectAll().execute();") };
    assert.deepEqual(ownershipViolations([intruder], tableOwners).sort(), [
      'src/features/feedback/repository.ts:1 queries "accounts", owned by accounts',
      'src/features/feedback/repository.ts:1 queries "caseload", owned by record',
    ]);
    const own = { file: 'src/features/record/repository.ts', source: parse('x.ts', "export const a = (db) => db.updateTable('caseload').set({}).execute();") };
    assert.deepEqual(ownershipViolations([own], tableOwners), []);
    const route = {
      file: 'src/features/record/routes/me.ts',
      source: parse('x.ts', "import * as repo from '../repository.ts';\nimport { audit } from '../../../platform/audit.ts';\nexport default async (app) => { await app.db.transaction().execute(async (trx) => repo.x(trx)); };"),
    };
    assert.equal(routeViolations([route]).length, 3, 'a repository, the audit and a transaction');
  });

  test('each feature has a door (index.ts) and a README that names every table it owns', () => {
    const tableOwners = owners();
    for (const feature of featureNames()) {
      const dir = path.join(root, 'src/features', feature);
      assert.ok(fs.existsSync(path.join(dir, 'index.ts')), `${feature} has index.ts`);
      const readme = fs.existsSync(path.join(dir, 'README.md')) ? fs.readFileSync(path.join(dir, 'README.md'), 'utf8') : '';
      assert.ok(readme, `${feature} has a README.md`);
      const missing = [...tableOwners].filter(([, o]) => o.owner === feature).map(([t]) => t).filter((t) => !readme.includes(`\`${t}\``));
      assert.deepEqual(missing, [], `${feature}/README.md names each table it owns`);
    }
  });
});
