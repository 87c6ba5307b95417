// The data every page's layout needs: service name, crisis helplines, quick exit, navigation
// for the signed-in roles, the CSP nonce and a CSRF token (made only when a form asks for it).
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.ts';
import { contactHref, helplineViews } from './crisis.ts';
import type { Db } from './db/database.ts';
import type { Actor } from './policy.ts';
import { navigationCounts, type WaitingItem } from './waiting.ts';

/** Where the quick exit lands: a neutral site that says nothing about what the person was reading. */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';
/** The quick exit's own address: it ends the session on the server, then sends the person on. */
export const QUICK_EXIT_PATH = '/exit';

interface NavItem {
  href: string;
  text: string;
  /** The text and how many things wait there, when any do (our own words and a number: safe). */
  html?: string;
  current?: boolean;
  active?: boolean;
}

const ROLE_NAVIGATION: Array<{ role: string; items: NavItem[] }> = [
  { role: 'person', items: [{ href: '/me', text: 'About me' }, { href: '/me/record', text: 'My record' }] },
  { role: 'practitioner', items: [{ href: '/people', text: 'People' }, { href: '/feedback/manage', text: 'Feedback' }] },
  { role: 'group', items: [{ href: '/coproduction/proposals', text: 'Coproduction' }, { href: '/feedback/manage', text: 'Feedback' }] },
  { role: 'duty', items: [{ href: '/duty', text: 'Duty queue' }] },
  { role: 'lead', items: [{ href: '/admin/accounts', text: 'Accounts' }, { href: '/admin/outbox', text: 'Outbox' }, { href: '/admin/caseloads', text: 'Caseloads' }, { href: '/admin/data-requests', text: 'Data requests' }, { href: '/feedback/manage', text: 'Feedback' }] },
];

export function navigationFor(actor: Actor | null, path: string): NavItem[] {
  if (!actor) return [];
  // An account with no roles reaches only its own data and help.
  if (actor.roles.size === 0) return [{ href: '/no-access', text: 'Help', current: path === '/no-access' }];
  const items: NavItem[] = [];
  const seen = new Set<string>();
  for (const { role, items: roleItems } of ROLE_NAVIGATION) {
    if (!actor.roles.has(role as never)) continue;
    for (const item of roleItems) {
      if (seen.has(item.href)) continue;
      seen.add(item.href);
      const current = path === item.href;
      const active = !current && path.startsWith(item.href + '/') && item.href !== '/me';
      items.push({ ...item, current, active });
    }
  }
  if (actor.roles.has('practitioner') || actor.roles.has('group') || actor.roles.has('lead')) {
    if (!seen.has('/coproduction/proposals')) items.push({ href: '/coproduction/proposals', text: 'Coproduction' });
  }
  // Every account's own notices (the accounts feature), their unread count beside it.
  items.push({ href: '/notifications', text: 'Notifications', current: path === '/notifications' });
  return items;
}

export function setLayoutLocals(config: Config, request: FastifyRequest, reply: FastifyReply): void {
  if (reply.locals?.layoutReady) return;
  const path = request.url.split('?')[0] ?? '/';
  let token: string | undefined;
  const flash = request.session?.flash;
  if (flash) request.session.flash = undefined;
  const helpFirst = request.session?.helpFirst === true;
  if (helpFirst) request.session.helpFirst = undefined;
  reply.locals = {
    ...(reply.locals ?? {}),
    layoutReady: true,
    serviceName: config.serviceName,
    helplines: helplineViews(config.helplines),
    serviceContact: { ...config.contact, ...(config.contact.phone ? { phoneHref: contactHref(config.contact.phone) } : {}) },
    quickExitUrl: QUICK_EXIT_PATH,
    cspNonce: reply.cspNonce?.script ?? '',
    currentPath: path,
    // Replaced by the account's own choice once it is read (below); a visitor may ask for easy read.
    easyReadShown: readingVersion(request, false) === 'easy',
    flash,
    helpFirst,
    actor: request.actor,
    // Owing a second factor, an account sees no navigation until it has shown one.
    navigationItems: request.secondFactorOwed ? [] : navigationFor(request.actor, path),
    // Told to the lead on every page until it is put right.
    leadWarnings: request.actor?.roles.has('lead') && !config.dutyContactEmail ? ['No duty contact is set: alerts about people who may be at risk go only to the duty rota or, when nobody is on it, to the service leads. Set WITHME_DUTY_CONTACT_EMAIL.'] : [],
    accountItems: request.actor && request.secondFactorOwed
      ? [{ text: request.actor.displayName, icon: true }, { action: '/sign-out', method: 'post', text: 'Sign out' }]
      : request.actor
      ? [{ href: '/account', text: request.actor.displayName, icon: true }, { href: '/me/download', text: 'Your data' }, { action: '/sign-out', method: 'post', text: 'Sign out' }]
      : [{ href: '/sign-in', text: 'Sign in' }],
    // Nunjucks calls this only on pages that have a form.
    csrfToken: () => (token ??= reply.generateCsrf()),
  };
}

declare module 'fastify' {
  interface FastifyReply {
    locals: Record<string, unknown> | null;
  }
}

/** Pages that are not pages: files, feeds, health checks, downloads. Nothing is counted for them. */
const NOT_A_PAGE = /^\/(static|assets|api|healthz|readyz|metrics|exit)(\/|$)|\.(json|csv|zip|ics|xml|txt)$/;

/**
 * Adds to each header navigation item how many things wait there for this account to act on. The
 * number is for the eye: the link keeps its name, and the home page says each count in words;
 * where the feature gave words for it ("3 unread"), a screen reader hears them after the name.
 */
export function countedNavigation(items: NavItem[], waiting: readonly WaitingItem[]): NavItem[] {
  const counts = navigationCounts(waiting);
  return items.map((item) => {
    const n = counts.get(item.href);
    if (!n?.count) return item;
    const spoken = n.spoken.length ? `<span class="nhsuk-u-visually-hidden">, ${n.spoken.map(escapeHtml).join(', ')}</span>` : '';
    return { ...item, html: `${item.text} <span class="app-nav-count" aria-hidden="true">${n.count}</span>${spoken}` };
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Which version of a page to show. Someone who asked for easy read (About me) gets the easy-read
 * version of the pages that have one (their home page, About me, a record entry and a letter's
 * review, feedback) and of the crisis help on every page; `?version=full` shows the full page,
 * and `?version=easy` the easy-read one to anyone. Each such page links to the other version.
 */
export function readingVersion(request: FastifyRequest, easyRead: boolean): 'easy' | 'full' {
  const asked = (request.query as { version?: unknown } | undefined)?.version;
  if (asked === 'easy' || asked === 'full') return asked;
  return easyRead ? 'easy' : 'full';
}

function readingLocals(request: FastifyRequest, reading: { largePrint: boolean; easyRead: boolean } | undefined) {
  const easyRead = reading?.easyRead ?? false;
  return { largePrint: reading?.largePrint ?? false, easyRead, easyReadShown: readingVersion(request, easyRead) === 'easy' };
}

export interface LayoutOptions {
  config: Config;
  db?: Db;
  /** What waits for the signed-in account, from every feature (platform/waiting.ts). */
  waiting?: (db: Db, actor: Actor) => Promise<WaitingItem[]>;
  /** How the account asked to read pages (About me's communication needs): large print, easy read. */
  reading?: (db: Db, actor: Actor) => Promise<{ largePrint: boolean; easyRead: boolean }>;
}

export default fp(
  async function layout(app, opts: LayoutOptions) {
    app.addHook('preHandler', async (request, reply) => {
      setLayoutLocals(opts.config, request, reply);
      const actor = request.actor;
      const path = request.url.split('?')[0] ?? '/';
      if (!opts.waiting || !opts.db || !actor || request.secondFactorOwed || actor.roles.size === 0 || NOT_A_PAGE.test(path)) return;
      // How they read is needed by a form shown again with its errors, too.
      if (request.method !== 'GET') {
        const reading = await opts.reading?.(opts.db, actor);
        reply.locals = { ...reply.locals, ...readingLocals(request, reading) };
        return;
      }
      // Read once a page: the home page lists these, every page's header counts them.
      const [waiting, reading] = await Promise.all([opts.waiting(opts.db, actor), opts.reading?.(opts.db, actor)]);
      reply.locals = { ...reply.locals, waiting, navigationItems: countedNavigation(reply.locals!.navigationItems as NavItem[], waiting), ...readingLocals(request, reading) };
    });
  },
  { name: 'layout', dependencies: ['auth', 'views'] },
);
