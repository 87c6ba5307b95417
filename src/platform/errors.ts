// One error handler: friendly pages that still carry the crisis panel and the quick
// exit, JSON for the API, and never a stack trace or internal message shown to anyone. Bad
// input is answered with 4xx; only our own faults are 500s, and those carry a reference.
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setLayoutLocals } from './layout.ts';

interface PageError {
  status: number;
  title: string;
  message: string;
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

// The database or the shared store cannot be reached (restarting, failing over, the network):
// not our fault in the request, and it passes. Say so with a 503 and a time to try again.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return /Connection (is closed|terminated)|connect ECONNREFUSED|timeout exceeded when trying to connect|Redis did not answer|Client has encountered a connection error/i.test(error.message);
}

function classify(error: FastifyError): PageError | undefined {
  const status = error.statusCode ?? 500;
  if (isUnavailable(error)) return { status: 503, title: 'Sorry, the service is unavailable for a moment', message: 'Nothing you had already saved is lost. Wait a minute, then try again.' };
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, title: 'This form has expired', message: 'For your security, forms expire. Go back, refresh the page and try again. Nothing was saved.' };
  }
  if (status === 404) return { status, title: 'Page not found', message: 'If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.' };
  if (status === 413) return { status, title: 'That was too much to send', message: 'What you sent was larger than we accept. Try sending less at once.' };
  if (status === 415) return { status, title: 'We could not read that', message: 'What you sent was in a form we do not accept.' };
  if (status === 429) return { status, title: 'Too many attempts', message: 'You have tried this too many times. Wait a few minutes, then try again.' };
  if (error.validation || (status >= 400 && status < 500)) {
    return { status: status >= 400 && status < 500 ? status : 400, title: 'We could not read what was sent', message: 'Go back and check what you entered, then try again.' };
  }
  return undefined;
}

/**
 * A number too big to be a number ("?page=1e309") passes the schema as Infinity (Ajv's coercion
 * reads it as a number, and Infinity counts as a whole one), then fails in the database. Every
 * route is protected at once: a query, a parameter or a body value that is not finite is bad
 * input, a 400, before any handler sees it.
 */
function hasNonFinite(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (depth > 3 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((v) => hasNonFinite(v, depth + 1));
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (hasNonFinite(request.query) || hasNonFinite(request.params) || hasNonFinite(request.body)) {
      throw Object.assign(new Error('A number in the request is out of range'), { statusCode: 400 });
    }
  });

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    setLayoutLocals(app.config, request, reply);
    if (wantsJson(request)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'Not found' });
    return reply.code(404).view('errors/error.njk', {
      pageTitle: 'Page not found',
      heading: 'Page not found',
      message: 'If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.',
    });
  });

  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // Errors can come before the layout's hook ran (a body too large, say): the page still
    // needs the service name, the crisis panel's helplines and the quick exit.
    setLayoutLocals(app.config, request, reply);
    // A refusal that carries its own words for the page (the person's own previous name, say:
    // what they wrote offered back with the name taken out) is shown with them.
    const page = (error as { publicPage?: { title: string; message: string; texts?: string[] } }).publicPage;
    if (page && (error.statusCode ?? 500) >= 400 && (error.statusCode ?? 500) < 500) {
      if (wantsJson(request)) return reply.code(error.statusCode!).send({ statusCode: error.statusCode!, error: page.title, message: page.message });
      return reply.code(error.statusCode!).view('errors/error.njk', { pageTitle: page.title, heading: page.title, message: page.message, texts: page.texts ?? [] });
    }
    const known = classify(error);
    if (known) {
      const headers = (error as FastifyError & { headers?: Record<string, string> }).headers;
      if (known.status === 429 && headers) reply.headers(headers);
      if (known.status === 503) {
        reply.header('retry-after', '30');
        request.log.warn({ err: error }, 'database or shared store unavailable');
      }
      if (wantsJson(request)) {
        const fields = error.validation?.map((v) => ({
          field: (v.instancePath || (v.params as { missingProperty?: string })?.missingProperty || '').replace(/^\//, ''),
          message: v.message ?? 'is not valid',
        }));
        return reply.code(known.status).send({
          statusCode: known.status,
          error: known.title,
          message: error.validation ? error.message : known.message,
          ...(fields ? { fields } : {}),
        });
      }
      return reply.code(known.status).view('errors/error.njk', { pageTitle: known.title, heading: known.title, message: known.message });
    }

    const reference = randomBytes(4).toString('hex').toUpperCase();
    // Internals go to the log with the reference, never to the page.
    request.log.error({ err: error, reference }, 'request failed');
    if (wantsJson(request)) {
      return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: `Something went wrong. Reference ${reference}` });
    }
    return reply.code(500).view('errors/500.njk', { pageTitle: 'Sorry, there is a problem with the service', reference });
  });
}
