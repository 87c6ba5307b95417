// `npm run bench:http`: how fast withme serves real pages, measured against a bare Fastify
// handler that returns the very same bytes (and about the same headers), in the same run, on
// the same machine. Each server runs in its own process on 127.0.0.1; autocannon drives them
// from this one, one target at a time. Prints a table and a last line of JSON.
//
// Targets: the home page (signed out) and a signed-in page (the demo practitioner's caseload,
// /people, or the first of a few fallbacks that answers). With WITHME_LARGE_DATA_DIR set to a
// data folder built by `npm run seed:large`, also /insights and a person's record page at
// that size (signed in as WITHME_LARGE_EMAIL, default practitioner@example.org, with
// WITHME_LARGE_PASSWORD, default the demo password that seed:large uses).
//
// Options (environment): BENCH_DURATION seconds per target (default 10), BENCH_CONNECTIONS (10).
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LARGE_DIR = process.env.WITHME_LARGE_DATA_DIR;
const LARGE_EMAIL = process.env.WITHME_LARGE_EMAIL ?? 'practitioner@example.org';

interface Page {
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Target {
  name: string;
  server: 'withme' | 'large';
  path: string;
  cookie?: string;
}

interface Measure {
  rps: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

// ---------------------------------------------------------------------------------------------
// Child processes: `--serve withme [dataDir]` runs the real app; `--serve bare` the baseline.

type ToChild = { pages: Page[] };
type FromChild = { port: number; password?: string };

async function serveWithme(dataDir: string | undefined): Promise<void> {
  const { startServer } = await import('../e2e/support/server.ts');
  const server = await startServer(dataDir ? { dataDir } : {});
  process.send?.({ port: Number(new URL(server.url).port), password: server.password } satisfies FromChild);
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
}

function serveBare(): void {
  process.once('message', (message: ToChild) => {
    const app = Fastify({ logger: false });
    for (const page of message.pages) {
      const headers = { ...page.headers };
      app.get(page.path, (_request, reply) => reply.code(page.status).headers(headers).send(page.body));
    }
    app.listen({ host: '127.0.0.1', port: 0 }).then(
      () => process.send?.({ port: (app.server.address() as { port: number }).port } satisfies FromChild),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
    process.on('disconnect', () => void app.close().then(() => process.exit(0)));
  });
}

function startChild(args: string[], pages?: Page[]): Promise<{ child: ChildProcess; info: FromChild }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (info: FromChild) => resolve({ child, info }));
    child.once('exit', (code) => reject(new Error(`server process ${args.join(' ')} exited with ${code}`)));
    if (pages) child.send({ pages } satisfies ToChild);
  });
}

// ---------------------------------------------------------------------------------------------
// Talking to withme as a browser would.

/** Cookies from a response, merged into a jar. */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Signs in through the real form (CSRF token included) and returns the session's cookies. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/sign-in`);
  keepCookies(jar, form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('no CSRF token on the sign-in page');
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ _csrf: token, email, password, next: '/' }).toString(),
  });
  keepCookies(jar, response);
  if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return cookieHeader(jar);
}

/** The page as withme sends it, to serve the same bytes and headers from the baseline. */
async function capture(base: string, path: string, cookie?: string): Promise<Page> {
  const response = await fetch(`${base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'set-cookie'].includes(key)) headers[key] = value;
  });
  // A Set-Cookie of about the same size, if withme sent one.
  const setCookie = response.headers.getSetCookie();
  if (setCookie.length) headers['set-cookie'] = setCookie.join(', ');
  return { path, status: response.status, headers, body: await response.text() };
}

async function firstAnswering(base: string, paths: string[], cookie: string): Promise<string> {
  for (const path of paths) {
    const response = await fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie } });
    await response.arrayBuffer();
    if (response.status === 200) return path;
  }
  throw new Error(`none of ${paths.join(', ')} answered 200`);
}

/** A person's record page: the first /people/{id} link on the caseload. */
async function aRecordPage(base: string, cookie: string): Promise<string | undefined> {
  const response = await fetch(`${base}/people`, { headers: { cookie } });
  const html = await response.text();
  return /href="(\/people\/[0-9a-f-]{36})"/.exec(html)?.[1];
}

async function measure(url: string, cookie?: string): Promise<Measure> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: cookie ? { cookie } : {} });
  return { rps: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  try {
    const withme = await startChild(['withme']);
    children.push(withme.child);
    const bases: Record<Target['server'], string> = { withme: `http://127.0.0.1:${withme.info.port}`, large: '' };
    const password = withme.info.password ?? '';

    const practitioner = await signIn(bases.withme, 'practitioner@example.org', password);
    const signedInPath = await firstAnswering(bases.withme, ['/people', '/coproduction/proposals', '/'], practitioner);
    const targets: Target[] = [
      { name: 'home page, signed out', server: 'withme', path: '/' },
      { name: `${signedInPath}, signed in (practitioner)`, server: 'withme', path: signedInPath, cookie: practitioner },
    ];

    if (LARGE_DIR) {
      const large = await startChild(['withme', LARGE_DIR]);
      children.push(large.child);
      bases.large = `http://127.0.0.1:${large.info.port}`;
      const largeCookie = await signIn(bases.large, LARGE_EMAIL, process.env.WITHME_LARGE_PASSWORD ?? password);
      targets.push({ name: '/insights at large size', server: 'large', path: '/insights' });
      const record = await aRecordPage(bases.large, largeCookie);
      if (record) targets.push({ name: "a person's record at large size", server: 'large', path: record, cookie: largeCookie });
      else console.error(`No /people/{id} link for ${LARGE_EMAIL} on the large data: record page skipped`);
    }

    // The baseline serves exactly what withme sent for each target.
    const pages = await Promise.all(targets.map((t) => capture(bases[t.server], t.path, t.cookie)));
    for (const [i, page] of pages.entries()) {
      if (page.status !== 200) throw new Error(`${targets[i]?.path} answered ${page.status}, not 200`);
    }
    const barePages = pages.map((page, i) => ({ ...page, path: `/t${i}` }));
    const bare = await startChild(['bare'], barePages);
    children.push(bare.child);
    const bareBase = `http://127.0.0.1:${bare.info.port}`;

    console.log(`withme HTTP benchmark: ${DURATION} s per target, ${CONNECTIONS} connections, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
    const rows = [];
    for (const [i, target] of targets.entries()) {
      const page = pages[i] as Page;
      const ours = await measure(`${bases[target.server]}${target.path}`, target.cookie);
      const base = await measure(`${bareBase}/t${i}`);
      const row = {
        name: target.name,
        path: target.path.replace(/[0-9a-f-]{36}/, '{id}'),
        bytes: Buffer.byteLength(page.body),
        rps: Math.round(ours.rps),
        p99Ms: ours.p99Ms,
        bareRps: Math.round(base.rps),
        bareP99Ms: base.p99Ms,
        rpsRatio: Number((ours.rps / base.rps).toFixed(3)),
        p99Ratio: Number((ours.p99Ms / Math.max(base.p99Ms, 1)).toFixed(2)),
        non2xx: ours.non2xx,
        errors: ours.errors,
      };
      rows.push(row);
      console.log(`  measured ${row.name}: ${row.rps} req/s, p99 ${row.p99Ms} ms (bare: ${row.bareRps} req/s, p99 ${row.bareP99Ms} ms)`);
    }

    console.log('');
    console.table(
      rows.map((r) => ({
        target: r.name,
        bytes: r.bytes,
        'req/s': r.rps,
        'p99 ms': r.p99Ms,
        'bare req/s': r.bareRps,
        'bare p99 ms': r.bareP99Ms,
        'req/s ratio': r.rpsRatio,
        'p99 ratio': r.p99Ratio,
        'non-2xx': r.non2xx,
      })),
    );
    const failed = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
    if (failed.length) console.error(`Some answers were not 2xx or failed: ${failed.map((r) => r.name).join(', ')}`);
    console.log(JSON.stringify({ durationSeconds: DURATION, connections: CONNECTIONS, node: process.version, targets: rows }));
    if (failed.length) process.exitCode = 1;
  } finally {
    for (const child of children) child.disconnect();
  }
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  const kind = process.argv[serveIndex + 1];
  if (kind === 'bare') serveBare();
  else await serveWithme(process.argv[serveIndex + 2]);
} else {
  await main();
}
