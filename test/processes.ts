// withme as its operators run it: `withme serve` in a child process on a free port, started and
// stopped (or killed) by tests of the server, backups and several instances.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/withme.js');

export interface Running {
  url: string;
  output: () => string;
  /** Waits (up to 10 s) for a line matching the pattern: the log is written a moment later. */
  line: (pattern: RegExp) => Promise<string>;
  stop: () => Promise<number | null>;
  /** Ends it at once (SIGKILL), as a crash or the kernel would. */
  kill: () => Promise<number | null>;
  pid: number;
}

/** Starts `withme serve` on a free port and waits for the line that gives its address. */
export async function startWithme(env: Record<string, string>): Promise<Running> {
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
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
    pid: child.pid ?? 0,
  };
}
