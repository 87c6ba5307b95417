import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/withme.js');

function withme(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--help lists the commands', () => {
  const result = withme(['--help']);
  assert.equal(result.code, 0);
  for (const command of ['serve', 'migrate', 'seed-demo', 'admin create --email E', 'audit verify', 'lint']) {
    assert.ok(result.stdout.includes(command), `help mentions ${command}`);
  }
});

test('an unknown command or a bad flag is a clear usage error', () => {
  const unknown = withme(['serv']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command "serv"/);
  const badFlag = withme(['migrate', '--force']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /Unknown option '--force'/);
  const noEmail = withme(['admin', 'create']);
  assert.equal(noEmail.code, 2);
  assert.match(noEmail.stderr, /needs --email/);
});

test('admin create, seed-demo and audit verify work on a data folder, and a tampered log fails', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-cli-'));
  const env = { WITHME_DATA_DIR: dataDir, WITHME_DEMO_PASSWORD: 'demo passphrase for tests' };
  try {
    const migrate = withme(['migrate'], env);
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.match(migrate.stdout, /Applied \d+ migration/);
    assert.match(withme(['migrate'], env).stdout, /up to date/);

    const created = withme(['admin', 'create', '--email', 'first.lead@example.org', '--name', 'First Lead'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /http:\/\/127\.0\.0\.1:3000\/reset-password\/[A-Za-z0-9_-]{40,}/);
    const again = withme(['admin', 'create', '--email', 'first.lead@example.org'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);

    const seeded = withme(['seed-demo'], env);
    assert.equal(seeded.code, 1, 'the demo goes only into an empty database');

    assert.equal(withme(['admin', 'create', '--email', 'second.lead@example.org'], env).code, 0);
    const verified = withme(['audit', 'verify'], env);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /Audit log intact: \d+ entries/);

    const anchor = /^Anchor: (\d+:[0-9a-f]{64})$/m.exec(verified.stdout)?.[1];
    assert.ok(anchor, `the check prints an anchor: ${verified.stdout}`);
    const [anchorSeq] = anchor.split(':');
    assert.ok(Number(anchorSeq) >= 2, 'two leads created, so two entries at least');
    assert.match(withme(['audit', 'verify', '--anchor', anchor], env).stdout, new RegExp(`entry ${anchorSeq} is as anchored`));
    const badAnchor = withme(['audit', 'verify', '--anchor', 'yesterday'], env);
    assert.equal(badAnchor.code, 2);
    assert.match(badAnchor.stderr, /is not an audit anchor/);

    // Cutting the newest entry off leaves a chain that holds together, but not the anchor.
    const db = new Database(path.join(dataDir, 'withme.sqlite'));
    db.prepare('delete from audit_log where seq = ?').run(Number(anchorSeq));
    db.close();
    assert.equal(withme(['audit', 'verify'], env).code, 0, 'without the anchor the shorter chain looks whole');
    const cut = withme(['audit', 'verify', '--anchor', anchor], env);
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, new RegExp(`BROKEN at entry ${anchorSeq}: the log ends at entry ${Number(anchorSeq) - 1}, but entry ${anchorSeq} was written before`));

    const db2 = new Database(path.join(dataDir, 'withme.sqlite'));
    db2.prepare("update audit_log set action = 'nothing-to-see' where seq = 1").run();
    db2.close();
    const broken = withme(['audit', 'verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /BROKEN at entry 1/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('seed-demo fills an empty database with the demo accounts', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-cli-'));
  try {
    const seeded = withme(['seed-demo'], { WITHME_DATA_DIR: dataDir, WITHME_DEMO_PASSWORD: 'demo passphrase for tests' });
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /lead@example\.org, practitioner@example\.org, group@example\.org, person@example\.org/);
    assert.match(seeded.stdout, /Password: demo passphrase for tests/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
