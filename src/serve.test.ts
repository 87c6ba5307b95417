// `withme serve` as `npm start` runs it: on a fresh folder it migrates, seeds the demo and answers;
// in production it writes the audit log's anchor to its log; SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startWithme as serve } from '../test/processes.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/withme.js');

test('withme serve runs the service on the embedded database with the demo, and stops cleanly', { timeout: 180_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-serve-'));
  fs.chmodSync(dataDir, 0o755); // as an older version, or a careless operator, may have left it
  try {
    const dev = await serve({ NODE_ENV: 'development', WITHME_DATA_DIR: dataDir, WITHME_DEMO_PASSWORD: 'demo passphrase for tests' });
    try {
      assert.match(dev.output(), /Demo accounts/);
      assert.match(dev.output(), /person@example\.org/);
      const home = await fetch(dev.url);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /If you are in crisis, <a href="tel:999">call 999<\/a>/);
      assert.equal((await fetch(`${dev.url}/sign-in`)).status, 200);
    } finally {
      assert.equal(await dev.stop(), 0, `stopped cleanly:\n${dev.output()}`);
    }
    assert.ok(fs.existsSync(path.join(dataDir, 'withme.sqlite')), 'the embedded database is in the data folder');
    // People's records: readable by the service's user only.
    assert.equal(fs.statSync(dataDir).mode & 0o777, 0o700, 'the data folder is 0700');
    for (const name of fs.readdirSync(dataDir)) assert.equal(fs.statSync(path.join(dataDir, name)).mode & 0o777, 0o600, `${name} is 0600`);

    // The same data in production: the newest audit entry is logged as an anchor that verifies.
    const prod = await serve({ NODE_ENV: 'production', WITHME_DATA_DIR: dataDir, WITHME_SECRET: 'a-production-secret-for-this-test-only-0123456789', WITHME_PUBLIC_URL: 'https://withme.example.org' });
    let anchor: string | undefined;
    try {
      const line = await prod.line(/"auditAnchor"/);
      anchor = (JSON.parse(line) as { auditAnchor: string }).auditAnchor;
      assert.match(anchor, /^\d+:[0-9a-f]{64}$/);
    } finally {
      assert.equal(await prod.stop(), 0);
    }
    const verified = spawnSync(process.execPath, [bin, 'audit', 'verify', '--anchor', anchor], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', WITHME_DATA_DIR: dataDir } });
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /is as anchored/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
