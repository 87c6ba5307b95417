// `npm run bench:cluster`: withme as a service runs it, N instances (default 2) on one
// PostgreSQL and one Redis behind nginx, against one instance behind the same nginx, in the same
// run on the same machine. autocannon drives, through nginx, a public page (the home page), a
// signed-in page (the demo practitioner's caseload) and a write (feedback sent, each from an
// address of its own, so that the limit on feedback from one address does not stop it). Prints
// requests per second and p99 latency for 1 and N instances, the ratio, a table, and a last line
// of JSON. The database and Redis are the benchmark's own (made with Debian's pg_createcluster,
// dropped after); nginx is Debian's package (`.ci/run` installs it when missing).
//
// Options (environment): BENCH_INSTANCES (2), BENCH_DURATION seconds per target (10),
// BENCH_CONNECTIONS (10).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_ACCOUNTS } from '../src/demo/seed.ts';
import { startWithme, type Running } from '../test/processes.ts';
import { clusterUnavailable, freePort, privatePostgres, privateRedis } from '../test/support/cluster.ts';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PASSWORD = 'bench cluster demo passphrase 41c2';

interface Measure {
  rps: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** How many answers of each status, when any was not 2xx. */
  statuses?: Record<string, number>;
}

function nginxConfig(dir: string, listeners: Array<{ port: number; upstreams: number[] }>): string {
  const blocks = listeners
    .map(
      ({ port, upstreams }, i) => `
  upstream withme_${i} {
    least_conn;
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://withme_${i};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto http;
    }
  }`,
    )
    .join('\n');
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${blocks}
}
`;
}

async function startNginx(listeners: Array<{ port: number; upstreams: number[] }>): Promise<{ stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-nginx-'));
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, listeners));
  const child: ChildProcess = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let waited = 0; ; waited += 100) {
    try {
      await fetch(`http://127.0.0.1:${listeners[0]!.port}/healthz`);
      break;
    } catch {
      if (waited > 10_000 || child.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's cookie and CSRF token from a form page, signed in first when `email` is given. */
async function session(base: string, email?: string): Promise<{ cookie: string; token: string }> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      jar.set(name!.trim(), rest.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = async (pathname: string) => {
    const response = await fetch(base + pathname, { headers: { cookie: cookie() } });
    keep(response);
    return /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
  };
  if (email) {
    const token = await form('/sign-in');
    const response = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, email, password: PASSWORD, next: '/' }),
      redirect: 'manual',
    });
    keep(response);
    if (response.status !== 303) throw new Error(`could not sign in as ${email}: ${response.status}`);
  }
  const token = await form('/feedback');
  return { cookie: cookie(), token };
}

async function measure(options: autocannon.Options): Promise<Measure> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  const measured: Measure = { rps: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
  if (result.non2xx) measured.statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]));
  return measured;
}

async function main(): Promise<void> {
  const unavailable = clusterUnavailable() ?? (spawnSync('which', ['nginx']).status === 0 ? undefined : 'nginx is not installed (apt-get install nginx)');
  if (unavailable) {
    console.error(`bench:cluster cannot run here: ${unavailable}`);
    process.exit(2);
  }
  const postgres = await privatePostgres('withme_bench_cluster');
  const redis = await privateRedis();
  const instances: Running[] = [];
  let nginx: { stop: () => Promise<void> } | undefined;
  try {
    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      WITHME_DEMO_PASSWORD: PASSWORD,
      WITHME_SECRET: 'bench-cluster-secret-0123456789-abcdefghijklmnop',
      TRUST_PROXY: '127.0.0.1',
    };
    for (let i = 0; i < INSTANCES; i += 1) instances.push(await startWithme(env));
    const ports = instances.map((instance) => Number(new URL(instance.url).port));
    const [one, all] = [await freePort(), await freePort()];
    nginx = await startNginx([
      { port: one, upstreams: [ports[0]!] },
      { port: all, upstreams: ports },
    ]);

    const rows: Array<{ target: string; single: Measure; cluster: Measure }> = [];
    for (const [name, run] of [
      ['home page (signed out)', (base: string) => measure({ url: `${base}/` })],
      [
        'caseload (signed in)',
        async (base: string) => {
          const { cookie } = await session(base, DEMO_ACCOUNTS.practitioner.email);
          return measure({ url: `${base}/people`, headers: { cookie } });
        },
      ],
      [
        'feedback sent (write)',
        async (base: string) => {
          const { cookie, token } = await session(base);
          let n = 0;
          return measure({
            url: `${base}/feedback`,
            requests: [
              {
                method: 'POST',
                setupRequest: (request) => {
                  n += 1;
                  const body = new URLSearchParams({ _csrf: token, body: `Benchmark feedback ${n}: the wait was short.`, area: 'appointments', consent: 'no', reply: 'none' }).toString();
                  return { ...request, body, headers: { ...request.headers, cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
                },
              },
            ],
          });
        },
      ],
    ] as const) {
      const single = await run(`http://127.0.0.1:${one}`);
      const cluster = await run(`http://127.0.0.1:${all}`);
      rows.push({ target: name, single, cluster });
    }

    console.log(`\nwithme behind nginx on one PostgreSQL and one Redis: 1 instance against ${INSTANCES} (${DURATION} s and ${CONNECTIONS} connections per target, ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
    console.log(`| Target | 1 instance req/s | p99 ms | ${INSTANCES} instances req/s | p99 ms | ratio |`);
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.target} | ${r.single.rps.toFixed(0)} | ${r.single.p99Ms} | ${r.cluster.rps.toFixed(0)} | ${r.cluster.p99Ms} | ${(r.cluster.rps / r.single.rps).toFixed(2)} |`);
      for (const [label, m] of [['1', r.single], [String(INSTANCES), r.cluster]] as const) {
        if (m.non2xx || m.errors) console.log(`  (${r.target}, ${label}: ${m.non2xx} answers that were not 2xx${m.statuses ? ` ${JSON.stringify(m.statuses)}` : ''}, ${m.errors} errors)`);
      }
    }
    console.log(
      JSON.stringify({
        instances: INSTANCES,
        durationSeconds: DURATION,
        connections: CONNECTIONS,
        targets: rows.map((r) => ({ target: r.target, single: r.single, cluster: r.cluster, ratio: Number((r.cluster.rps / r.single.rps).toFixed(3)) })),
      }),
    );
  } finally {
    await nginx?.stop();
    for (const instance of instances) await instance.stop();
    await redis.stop();
    postgres.drop();
  }
}

await main();
