// Web security for every request: helmet's headers with a per-request nonce in the
// Content Security Policy, signed cookies, CSRF tokens on every form that changes anything,
// and `Cache-Control: no-store` on every signed-in page.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Set to false only for endpoints that cannot carry a token and change nothing for anyone, or
     * that a bearer token authenticates instead of a cookie (a browser never sends one by itself).
     */
    csrf?: boolean;
  }
}

export function csrfCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-withme-csrf' : 'withme-csrf';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export default fp(
  async function security(app, opts: { config: Config }) {
    const { config } = opts;
    const production = config.env === 'production';

    await app.register(fastifyHelmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      strictTransportSecurity: production ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    });

    await app.register(fastifyCookie, { secret: config.secret });
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: csrfCookieName(config),
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: production, signed: true },
      getToken: (request: FastifyRequest) => {
        const body = request.body as Record<string, unknown> | undefined;
        const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
        const header = request.headers['x-csrf-token'];
        return fromBody ?? (typeof header === 'string' ? header : undefined);
      },
    });

    // Every request that changes something must carry the token, unless its route opts out.
    app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return done();
      app.csrfProtection(request, reply, done);
    });

    app.addHook('onSend', async (request, reply) => {
      if (request.session?.accountId || request.url.startsWith('/api/')) {
        reply.header('cache-control', 'no-store');
      }
    });
  },
  { name: 'security' },
);
