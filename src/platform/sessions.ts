// Server-side sessions (@fastify/session) stored in the shared store, never in process memory.
// The id is regenerated at sign-in; a session ends after 30 minutes idle or 12 hours in all.
import { createHash } from 'node:crypto';
import fastifySession, { type SessionStore } from '@fastify/session';
import type { FastifyRequest, Session } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.ts';
import type { SharedStore } from './shared-store.ts';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export type SignedInWith = 'password' | 'organisation' | 'nhs-login' | 'passkey';

declare module 'fastify' {
  interface Session {
    accountId?: string;
    signedInAt?: number;
    /** When this session showed a second factor (a passkey, an authenticator app's code or a recovery code). */
    secondFactorAt?: number;
    /** An authenticator app's secret while it is being set up, until its first code is right. */
    pendingTotpSecret?: string;
    /** Written into the account's list of sessions ("Your account"). */
    listed?: boolean;
    /** The WebAuthn challenge of a passkey being added or used, until the browser answers. */
    webauthnChallenge?: string;
    lastSeenAt?: number;
    /**
     * How this session was signed in: a password, the organisation's single sign-on (which counts
     * as the second factor), NHS login, or a passkey on its own (verified by the person's
     * fingerprint, face or PIN, so it counts as the second factor too: `secondFactorAt` is set).
     */
    signedInWith?: SignedInWith;
    flash?: string;
    /** Once, on the next page: someone just wrote something that suggests they may be at risk, so the help comes first. */
    helpFirst?: boolean;
  }
}

type Callback = (err?: unknown, result?: unknown) => void;

function storeKey(sessionId: string): string {
  return 'session:' + createHash('sha256').update(sessionId).digest('hex');
}

/** One signed-in session of an account, as "Your account" lists it. */
export interface AccountSession {
  /** A hash of the session's store key: names it on a page, opens nothing. */
  id: string;
  device: string;
  signedInAt: number;
  lastSeenAt: number;
}

interface IndexEntry extends AccountSession {
  key: string;
}

const indexKey = (accountId: string) => `account-sessions:${accountId}`;
const entryId = (key: string) => createHash('sha256').update('entry:' + key).digest('hex').slice(0, 24);

/** "Firefox on Windows", from the User-Agent header: enough to recognise one's own devices. */
export function deviceName(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\/|Chromium\/|HeadlessChrome/.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'A browser';
  const system = /iPhone|iPad/.test(ua) ? 'iPhone or iPad' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'Mac' : /CrOS/.test(ua) ? 'Chromebook' : /Linux/.test(ua) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}

async function readIndex(store: SharedStore, accountId: string): Promise<IndexEntry[]> {
  const raw = await store.get(indexKey(accountId));
  return raw ? (JSON.parse(raw) as IndexEntry[]) : [];
}

async function writeIndex(store: SharedStore, accountId: string, entries: IndexEntry[]): Promise<void> {
  if (!entries.length) return store.delete(indexKey(accountId));
  await store.set(indexKey(accountId), JSON.stringify(entries), ABSOLUTE_TIMEOUT_MS);
}

/**
 * The account's sessions still alive, newest first. The index lives in the shared store beside
 * the sessions; an entry whose session has ended or expired is dropped as it is read. Each live
 * session writes itself back at its once-a-minute touch, so one lost in a race returns.
 */
export async function accountSessions(store: SharedStore, accountId: string): Promise<AccountSession[]> {
  const entries = await readIndex(store, accountId);
  const alive: IndexEntry[] = [];
  for (const entry of entries) if ((await store.get(entry.key)) !== undefined) alive.push(entry);
  if (alive.length !== entries.length) await writeIndex(store, accountId, alive);
  return alive.sort((a, b) => b.lastSeenAt - a.lastSeenAt).map(({ id, device, signedInAt, lastSeenAt }) => ({ id, device, signedInAt, lastSeenAt }));
}

/** Ends the account's sessions with these ids (never another account's). Returns how many. */
export async function endAccountSessions(store: SharedStore, accountId: string, ids: ReadonlySet<string>): Promise<number> {
  const entries = await readIndex(store, accountId);
  const ending = entries.filter((e) => ids.has(e.id));
  for (const entry of ending) await store.delete(entry.key);
  await writeIndex(store, accountId, entries.filter((e) => !ids.has(e.id)));
  return ending.length;
}

/** The id "Your account" knows this request's session by. */
export function currentSessionEntryId(request: FastifyRequest): string {
  return entryId(storeKey(request.session.sessionId));
}

async function listSession(store: SharedStore, request: FastifyRequest): Promise<void> {
  const session = request.session;
  if (!session.accountId) return;
  const key = storeKey(session.sessionId);
  const entries = (await readIndex(store, session.accountId)).filter((e) => e.key !== key);
  entries.push({ key, id: entryId(key), device: deviceName(request.headers['user-agent']), signedInAt: session.signedInAt ?? Date.now(), lastSeenAt: session.lastSeenAt ?? Date.now() });
  await writeIndex(store, session.accountId, entries.slice(-50));
}

/** Adapts the shared store to @fastify/session's callback interface. Keys are hashed ids. */
class SharedSessionStore implements SessionStore {
  private readonly store: SharedStore;
  constructor(store: SharedStore) {
    this.store = store;
  }
  private key(sessionId: string): string {
    return storeKey(sessionId);
  }
  set(sessionId: string, session: Session, callback: Callback): void {
    this.store.set(this.key(sessionId), JSON.stringify(session), IDLE_TIMEOUT_MS).then(() => callback(), callback);
  }
  get(sessionId: string, callback: (err?: unknown, session?: Session | null) => void): void {
    this.store.get(this.key(sessionId)).then(
      (value) => callback(null, value === undefined ? null : (JSON.parse(value) as Session)),
      callback,
    );
  }
  destroy(sessionId: string, callback: Callback): void {
    this.store.delete(this.key(sessionId)).then(() => callback(), callback);
  }
}

export function sessionCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-withme-session' : 'withme-session';
}

export default fp(
  async function sessions(app, opts: { config: Config; store: SharedStore }) {
    const production = opts.config.env === 'production';
    await app.register(fastifySession, {
      secret: opts.config.secret,
      cookieName: sessionCookieName(opts.config),
      saveUninitialized: false,
      // Saved only when changed: sign-in, sign-out, and the once-a-minute touch below, which also
      // renews the cookie. Saving on every request would write (and fsync) for every asset.
      rolling: false,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: production, maxAge: IDLE_TIMEOUT_MS },
      store: new SharedSessionStore(opts.store),
    });

    // Idle and absolute timeouts, checked on the server whatever the cookie says.
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const session = request.session;
      if (!session.accountId) return;
      const now = Date.now();
      const idle = now - (session.lastSeenAt ?? 0) > IDLE_TIMEOUT_MS;
      const expired = now - (session.signedInAt ?? 0) > ABSOLUTE_TIMEOUT_MS;
      if (idle || expired) {
        await session.regenerate();
        return;
      }
      if (now - (session.lastSeenAt ?? 0) > TOUCH_EVERY_MS || !session.listed) {
        session.lastSeenAt = now;
        session.listed = true;
        session.touch();
        await listSession(opts.store, request);
      }
    });
  },
  { name: 'sessions', dependencies: ['security'] },
);
