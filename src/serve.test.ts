// `withme serve` as `npm start` runs it: on a fresh folder it migrates, seeds the demo and answers;
// in production it writes the audit log's anchor to its log; SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/withme.js');

interface Running {
  url: string;
  output: () => string;
  /** Waits (up to 10 s) for a line matching the pattern: the log is written a moment later. */
  line: (pattern: RegExp) => Promise<string>;
  stop: () => Promise<number | null>;
}

/** Starts `withme serve` on a free port and waits for the line that gives its address. */
async function serve(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /withme is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    line: async (pattern) => {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = output.split('\n').find((l) => pattern.test(l));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail(`no line matching ${pattern} in:\n${output}`);
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

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
