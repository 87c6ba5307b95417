// GET /api/openapi.json: an OpenAPI 3.1 document that @fastify/swagger builds from the routes'
// own TypeBox schemas, so it cannot drift from what the routes accept and answer. Only routes
// under /api/ are described; the pages are for people, not programs. Registered before the
// features, because @fastify/swagger learns the routes as they are added.
import fastifySwagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import type { Config } from './config.ts';
import { sessionCookieName } from './sessions.ts';

export const OPENAPI_PATH = '/api/openapi.json';

export default fp(
  async function openapi(app, opts: { config: Config }) {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'withme API',
          version: '1',
          description: 'The API of withme. Calls are made from a signed-in session; a call without one answers 401.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(opts.config) },
            notifyCallback: { type: 'http', scheme: 'bearer', description: 'NOTIFY_CALLBACK_TOKEN, as set beside the callback URL in GOV.UK Notify' },
          },
        },
        security: [{ session: [] }],
      },
      transform: ({ schema, url }) => {
        if (url.startsWith('/api/')) return { schema, url };
        return { schema: { ...schema, hide: true }, url };
      },
    });
    app.get(OPENAPI_PATH, { config: { policy: 'public' }, schema: { security: [] } }, async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(app.swagger()),
    );
  },
  { name: 'openapi' },
);
