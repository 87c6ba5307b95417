// Backups as an operator takes them: `withme backup` of a running service while people keep
// writing, `withme restore` into an empty data folder, and the restored service starts with every
// row the backup held, an intact database and an audit log that verifies.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { bin, startWithme } from '../../../test/processes.ts';

function withme(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function withmeAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NODE_ENV: 'test', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Sends a piece of feedback as a browser would (the form first, for its CSRF token and cookie). */
async function sendFeedback(url: string, n: number): Promise<boolean> {
  const form = await fetch(`${url}/feedback`);
  const cookie = (form.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: token, body: `Feedback number ${n}: the waiting room was calm.`, area: 'appointments', consent: 'no', reply: 'none' });
  // Each from an address of its own (the service trusts the test as its proxy), so the limit on
  // feedback from one address does not stop the writing.
  const response = await fetch(`${url}/feedback`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${n % 250}` }, body });
  return response.status === 200;
}

const count = (file: string, sql: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('backup while people write, restore into an empty folder, start: every row the backup held, intact, and the audit log verifies', { timeout: 240_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-backup-'));
  const live = path.join(root, 'live');
  const restored = path.join(root, 'restored');
  const backup = path.join(root, 'copies', 'withme-backup.sqlite');
  const env = { WITHME_DEMO_PASSWORD: 'demo passphrase for tests', NODE_ENV: 'development' };
  try {
    const service = await startWithme({ ...env, WITHME_DATA_DIR: live, TRUST_PROXY: '127.0.0.1' });
    let sent = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) if (await sendFeedback(service.url, sent + 1)) sent += 1;
    })();
    const until = async (done: () => boolean) => {
      for (let waited = 0; !done(); waited += 20) {
        if (waited > 60_000) assert.fail(`writes stalled at ${sent}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      await until(() => sent >= 4);
      const result = await withmeAsync(['backup', '--to', backup], { WITHME_DATA_DIR: live });
      const sentByThen = sent;
      await until(() => sent >= sentByThen + 3);
      writing = false;
      await writer;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /Backed up to .*withme-backup\.sqlite \(\d+ KiB, checked; migration \d{8}T\d{4}_\w+\)/);
      assert.match(result.stdout, /Audit anchor in the backup: \d+:[0-9a-f]{64}/);
    } finally {
      writing = false;
      await writer;
      assert.equal(await service.stop(), 0);
    }

    assert.equal(fs.statSync(backup).mode & 0o777, 0o600, 'the backup is readable by this user only');
    const inBackup = count(backup, "select count(*) as n from feedback_items where body like 'Feedback number %'");
    assert.ok(inBackup >= 4 && inBackup < sent, `a copy of one moment while writes went on (${inBackup} of ${sent})`);
    // One moment, for every table: each piece of feedback in the copy has its audit entry.
    assert.equal(count(backup, "select count(*) as n from audit_log where action = 'feedback.received'"), inBackup);

    assert.equal(withme(['restore', '--from', backup], { WITHME_DATA_DIR: live }).code, 1, 'a folder with a database is refused');
    const restore = withme(['restore', '--from', backup], { WITHME_DATA_DIR: restored });
    assert.equal(restore.code, 0, restore.stderr);
    const database = path.join(restored, 'withme.sqlite');
    assert.equal(fs.statSync(database).mode & 0o777, 0o600);
    assert.equal(count(database, "select count(*) as n from feedback_items where body like 'Feedback number %'"), inBackup);

    const again = await startWithme({ ...env, WITHME_DATA_DIR: restored });
    try {
      assert.equal((await fetch(`${again.url}/readyz`)).status, 200, 'the restored service starts and is ready');
    } finally {
      assert.equal(await again.stop(), 0);
    }
    const verified = withme(['audit', 'verify'], { WITHME_DATA_DIR: restored });
    assert.equal(verified.code, 0, verified.stderr);
    const integrity = new SQLite(database, { readonly: true });
    assert.equal(integrity.pragma('integrity_check', { simple: true }), 'ok');
    integrity.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('restore refuses what it should: a backup from a newer withme, a file that is not a withme database, and, on PostgreSQL, says to use pg_restore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-restore-'));
  try {
    const source = path.join(root, 'source');
    assert.equal(withme(['migrate'], { WITHME_DATA_DIR: source }).code, 0);
    const newer = path.join(root, 'newer.sqlite');
    assert.equal(withme(['backup', '--to', newer], { WITHME_DATA_DIR: source }).code, 0);
    const db = new SQLite(newer);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('29990101T0000_from_the_future', new Date().toISOString());
    db.close();
    const refused = withme(['restore', '--from', newer], { WITHME_DATA_DIR: path.join(root, 'a') });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /made by a newer withme/);
    assert.equal(fs.existsSync(path.join(root, 'a', 'withme.sqlite')), false, 'nothing was restored');

    const junk = path.join(root, 'notes.txt');
    fs.writeFileSync(junk, 'not a database at all');
    assert.equal(withme(['restore', '--from', junk], { WITHME_DATA_DIR: path.join(root, 'b') }).code !== 0, true);
    assert.equal(withme(['backup', '--to', newer], { WITHME_DATA_DIR: source }).code, 1, 'an existing file is never overwritten');

    const pg = withme(['backup', '--to', path.join(root, 'x.dump')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    assert.equal(pg.code, 1);
    assert.match(pg.stderr, /pg_dump/);
    const pgRestore = withme(['restore', '--from', junk], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    assert.equal(pgRestore.code, 1);
    assert.match(pgRestore.stderr, /pg_restore/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
