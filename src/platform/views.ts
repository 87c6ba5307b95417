// Server-rendered pages: Nunjucks (autoescaped) with the NHS.UK design system's templates.
// Template roots: the platform's views, each feature's folder (`<feature>/views/x.njk`) and
// nhsuk-frontend (`nhsuk/components/...`). Every page gets the layout's data from `reply.locals`.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import type { Config } from './config.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const nhsukDist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');
export const templateRoots = [path.join(here, 'views'), path.resolve(here, '../features'), nhsukDist];

export function configureNunjucks(env: nunjucks.Environment): nunjucks.Environment {
  env.addFilter('date', (value: unknown) => formatDate(value, false));
  env.addFilter('dateTime', (value: unknown) => formatDate(value, true));
  env.addFilter('plural', (count: number, one: string, many: string) => (count === 1 ? one : many));
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
  return env;
}

// Made once: building an Intl formatter costs far more than using one.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

export function formatDate(value: unknown, withTime: boolean): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value as string);
  if (Number.isNaN(date.getTime())) return '';
  return (withTime ? DATE_TIME : DATE).format(date);
}

/** A Nunjucks environment for rendering outside a request (emails, feeds). */
export function createTemplateEnvironment(config: Config): nunjucks.Environment {
  return configureNunjucks(
    new nunjucks.Environment(new nunjucks.FileSystemLoader(templateRoots, { noCache: config.reloadTemplates }), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    }),
  );
}

export default fp(
  async function views(app, opts: { config: Config }) {
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: templateRoots,
      options: {
        autoescape: true,
        trimBlocks: true,
        lstripBlocks: true,
        noCache: opts.config.reloadTemplates,
        onConfigure: (env: nunjucks.Environment) => configureNunjucks(env),
      },
    });
  },
  { name: 'views' },
);
