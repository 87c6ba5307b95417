// A PostgreSQL cluster and a Redis server of the test's own, so that a test (or a benchmark) can
// restart them under load without disturbing anything else that uses the machine's own. Debian's
// pg_createcluster/pg_ctlcluster make and run the cluster (they switch to the postgres user
// themselves); Redis runs as a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

/** Why a cluster cannot be made here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  if (!fs.existsSync('/etc/postgresql')) return 'no PostgreSQL clusters here (/etc/postgresql)';
  for (const tool of ['pg_createcluster', 'pg_ctlcluster', 'pg_dropcluster', 'redis-server']) {
    if (spawnSync('which', [tool]).status !== 0) return `${tool} is not installed`;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function waitForPort(port: number, ms = 30_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answered on port ${port}`);
}

export interface PrivatePostgres {
  url: string;
  restart(): void;
  stop(): void;
  start(): Promise<void>;
  drop(): void;
}

/** A new PostgreSQL cluster (trust auth, on 127.0.0.1) with one database, `withme`. */
export async function privatePostgres(name: string): Promise<PrivatePostgres> {
  const version = fs.readdirSync('/etc/postgresql').sort().at(-1)!;
  const port = await freePort();
  spawnSync('pg_dropcluster', ['--stop', version, name]);
  run('pg_createcluster', [version, name, '-p', String(port), '--', '--auth-host=trust', '--auth-local=trust']);
  run('pg_ctlcluster', [version, name, 'start']);
  await waitForPort(port);
  run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'create database withme']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/withme`,
    restart: () => run('pg_ctlcluster', [version, name, 'restart', '-m', 'fast']),
    stop: () => run('pg_ctlcluster', [version, name, 'stop', '-m', 'fast']),
    start: async () => {
      run('pg_ctlcluster', [version, name, 'start']);
      await waitForPort(port);
    },
    drop: () => void spawnSync('pg_dropcluster', ['--stop', version, name]),
  };
}

export interface PrivateRedis {
  url: string;
  /** Stops it (as a crash would) and starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    restart: async () => {
      await stop();
      await start();
    },
    stop,
  };
}
