// What a request looks like in the logs: method, route and status, never a secret. Links that
// sign someone in (password resets, invitations) carry their token in the path: it is replaced.
import type { FastifyRequest } from 'fastify';

const TOKEN_PATHS = /^\/(reset-password|invitations)\/[^/?#]+/;

export function redactUrl(url: string): string {
  const path = url.replace(TOKEN_PATHS, '/$1/[token]');
  // Query strings can hold what people typed (a search, a next page): keep only their names.
  const [base, query] = path.split('?', 2);
  if (!query) return base ?? path;
  const names = query.split('&').map((pair) => pair.split('=')[0]).join('&');
  return `${base}?${names}`;
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: redactUrl(request.url), reqId: request.id };
  },
};
