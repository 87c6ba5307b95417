// Rate limits that hold across instances: counters live in the shared store (database or
// Redis). Routes opt in with `config: { rateLimit: { max, timeWindow } }`.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SharedStore } from './shared-store.ts';

/**
 * A limit for signed-in forms, counted per account rather than per network address: people in
 * one clinic or behind one network do not use up each other's allowance. It runs once the
 * account is known (preHandler) and names its own key prefix, so each limit counts only its
 * own route.
 */
export function perAccount(name: string, max: number, timeWindow: number) {
  return {
    max,
    timeWindow,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `${name}:${request.actor?.id ?? request.ip}`,
  };
}

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

function sharedRateLimitStore(store: SharedStore, prefix = 'rate:') {
  return class SharedRateLimitStore {
    private readonly prefix: string;
    constructor(_options?: unknown, routePrefix = prefix) {
      this.prefix = routePrefix;
    }
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      store.increment(this.prefix + key, timeWindow).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error('rate limit store failed')),
      );
    }
    /**
     * One counter per route. Its types say it receives the route's options, but @fastify/rate-limit
     * passes the merged limit settings, with the route under `routeInfo`.
     */
    child(params: object) {
      const { method, url } = (params as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      if (!url) return new SharedRateLimitStore(undefined, prefix);
      return new SharedRateLimitStore(undefined, `${prefix}${String(method)} ${url}:`);
    }
  };
}

export default fp(
  async function rateLimit(app, opts: { store: SharedStore }) {
    await app.register(fastifyRateLimit, {
      global: false,
      store: sharedRateLimitStore(opts.store),
      // Shown on the friendly 429 page by the error handler.
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        error: 'Too Many Requests',
        message: `Too many attempts. Try again in ${Math.ceil(context.ttl / 60000)} minutes.`,
      }),
    });
  },
  { name: 'rate-limit' },
);
