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

export type SignedInWith = 'password' | 'organisation' | 'nhs-login';

declare module 'fastify' {
  interface Session {
    accountId?: string;
    signedInAt?: number;
    /** When this session showed a second factor (a passkey, an authenticator app's code or a recovery code). */
    secondFactorAt?: number;
    /** An authenticator app's secret while it is being set up, until its first code is right. */
    pendingTotpSecret?: string;
    /** The WebAuthn challenge of a passkey being added or used, until the browser answers. */
    webauthnChallenge?: string;
    lastSeenAt?: number;
    /**
     * How this session was signed in: a password, the organisation's single sign-on (which counts
     * as the second factor), or NHS login.
     */
    signedInWith?: SignedInWith;
    flash?: string;
    /** Once, on the next page: someone just wrote something that suggests they may be at risk, so the help comes first. */
    helpFirst?: boolean;
  }
}

type Callback = (err?: unknown, result?: unknown) => void;

/** Adapts the shared store to @fastify/session's callback interface. Keys are hashed ids. */
class SharedSessionStore implements SessionStore {
  private readonly store: SharedStore;
  constructor(store: SharedStore) {
    this.store = store;
  }
  private key(sessionId: string): string {
    return 'session:' + createHash('sha256').update(sessionId).digest('hex');
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
      if (now - (session.lastSeenAt ?? 0) > TOUCH_EVERY_MS) {
        session.lastSeenAt = now;
        session.touch();
      }
    });
  },
  { name: 'sessions', dependencies: ['security'] },
);
