// Metrics for a monitoring system, in Prometheus's text format (prom-client): requests by route
// and status, their latency, and gauges the app gives it (outbox depth and age, duty alerts
// nobody has taken, the database pool). `GET /metrics` answers only with
// `Authorization: Bearer $WITHME_METRICS_TOKEN`, and does not exist without the variable. Labels
// hold route patterns (`/people/:id`), methods and status codes: never an id, a name or a query.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { auditAppends } from './audit.ts';
import type { Config } from './config.ts';
import { poolUse, type Db } from './db/database.ts';

export interface GaugeSource {
  name: string;
  help: string;
  /** Read at each scrape. */
  read: () => Promise<number>;
}

declare module 'fastify' {
  interface FastifyRequest {
    metricsStart?: bigint;
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default fp(
  async function metrics(app, opts: { config: Config; db: Db; gauges?: GaugeSource[] }) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'withme_process_' });
    const requests = new Counter({ name: 'withme_http_requests_total', help: 'Requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
    const latency = new Histogram({
      name: 'withme_http_request_duration_seconds',
      help: 'Time to answer a request, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    new Counter({
      name: 'withme_audit_appends_total',
      help: 'Entries this instance appended to the audit log since it started',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(auditAppends());
      },
    });
    const pool = new Gauge({ name: 'withme_db_pool_connections', help: 'PostgreSQL pool connections, by state (total, idle, waiting, max)', labelNames: ['state'], registers: [registry] });
    for (const source of opts.gauges ?? []) {
      new Gauge({
        name: source.name,
        help: source.help,
        registers: [registry],
        async collect() {
          this.set(await source.read());
        },
      });
    }

    app.addHook('onRequest', async (request: FastifyRequest) => {
      request.metricsStart = process.hrtime.bigint();
    });
    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
      if (route === '/metrics') return;
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      requests.inc(labels);
      if (request.metricsStart !== undefined) latency.observe(labels, Number(process.hrtime.bigint() - request.metricsStart) / 1e9);
    });

    const token = opts.config.metricsToken;
    app.get('/metrics', { config: { policy: 'public' } }, async (request, reply) => {
      if (!token) return reply.callNotFound();
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameToken(given, token)) return reply.code(401).header('www-authenticate', 'Bearer').send({ statusCode: 401, error: 'Unauthorized', message: 'A metrics token is needed' });
      const use = poolUse(opts.db);
      pool.reset();
      if (use) for (const [state, value] of Object.entries(use)) pool.set({ state }, value);
      return reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics' },
);
