// The one place that answers "may this account do this to that?", on the principle of least
// privilege by relationship. Every route names a policy in its config; a test enumerates all
// routes and fails if one does not. Route policies check roles; resource policies (below) check the
// relationship to a particular record and are called by services with the record in hand.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export type Role = 'person' | 'practitioner' | 'group' | 'lead' | 'duty';
export const ROLES: readonly Role[] = ['person', 'practitioner', 'group', 'lead', 'duty'];

export interface Actor {
  id: string;
  email: string;
  displayName: string;
  roles: ReadonlySet<Role>;
}

export const routePolicies = {
  /** Anyone, signed in or not. */
  public: () => true,
  /**
   * Any signed-in account holding at least one role. An account whose roles were all taken away
   * reaches only the `own-account` routes.
   */
  'signed-in': (actor: Actor | null) => actor !== null && actor.roles.size > 0,
  /**
   * Every signed-in account, with roles or none: what each must keep whatever happens to its
   * roles (its own data and requests, help). Never anything about anyone else.
   */
  'own-account': (actor: Actor | null) => actor !== null,
  /** A person using the service (their own About me and record). */
  person: (actor: Actor | null) => hasRole(actor, 'person'),
  /** Practitioners: their caseload, the record editor. */
  practitioner: (actor: Actor | null) => hasRole(actor, 'practitioner'),
  /** The service lead: accounts, invitations, the outbox, configuration. Never records. */
  lead: (actor: Actor | null) => hasRole(actor, 'lead'),
  /** Staff on the duty rota (a practitioner or lead may hold it): every disclosure of risk. */
  duty: (actor: Actor | null) => hasRole(actor, 'duty'),
  /** Coproduction Group members. */
  group: (actor: Actor | null) => hasRole(actor, 'group'),
  /** Staff: practitioners and the lead. */
  staff: (actor: Actor | null) => hasRole(actor, 'practitioner') || hasRole(actor, 'lead'),
  /** Group members and staff: theming feedback, moderating, deliberating. */
  'group-or-staff': (actor: Actor | null) =>
    hasRole(actor, 'group') || hasRole(actor, 'practitioner') || hasRole(actor, 'lead'),
} satisfies Record<string, (actor: Actor | null) => boolean>;

export type RoutePolicy = keyof typeof routePolicies;

/** Where an account that owes a second factor is sent (the accounts feature serves it). */
export const SECOND_FACTOR_PATH = '/account/second-factor';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; required on every route (see policy.test.ts). */
    policy?: RoutePolicy;
    /**
     * Reachable by a signed-in account that still owes a second factor (setting one up, showing
     * it, signing out). Every other route but the public ones waits until it has.
     */
    beforeSecondFactor?: boolean;
  }
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  return actor !== null && actor.roles.has(role);
}

export function isStaff(actor: Actor | null): boolean {
  return hasRole(actor, 'practitioner') || hasRole(actor, 'lead');
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  statusCode = 404;
}

export default fp(
  async function policy(app) {
    app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
      const name = request.routeOptions.config?.policy;
      // Unmatched URLs (the 404 handler) and framework routes have no policy; they serve nothing.
      if (request.is404) return;
      if (!name) throw new Error(`Route ${request.routeOptions.url ?? request.url} names no policy`);
      // A staff account that signed in with only a password reaches nothing but the pages that
      // set up or ask for its second factor (auth.ts decides when one is owed).
      // Public pages see such an account as signed out: the home page lists nothing that waits for it.
      if (request.secondFactorOwed && name === 'public' && !request.routeOptions.config?.beforeSecondFactor) request.actor = null;
      if (request.secondFactorOwed && name !== 'public' && !request.routeOptions.config?.beforeSecondFactor) {
        if (request.url.startsWith('/api/')) {
          return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'A second factor is needed first' });
        }
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`${SECOND_FACTOR_PATH}${next}`, 303);
      }
      const allowed = routePolicies[name](request.actor);
      if (allowed) return;
      if (!request.actor) {
        if (request.url.startsWith('/api/')) {
          return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first' });
        }
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`/sign-in${next}`, 303);
      }
      // Signed in without the role: the page does not exist for them (nothing to learn from a 403).
      throw new NotFoundError('Not found');
    });
  },
  { name: 'policy', dependencies: ['auth'] },
);

/**
 * May this account read this person's About me and record? The person themself; a practitioner
 * with the person on their caseload, or holding an unexpired, reasoned access grant. Nobody else:
 * not group members, not the lead, not other practitioners (callers answer 404).
 */
export function personRecordAccess(
  actor: Actor | null,
  personId: string,
  relation: { onCaseload: boolean; grantActive: boolean },
): 'self' | 'caseload' | 'grant' | null {
  if (!actor) return null;
  if (actor.id === personId) return 'self';
  if (!hasRole(actor, 'practitioner')) return null;
  if (relation.onCaseload) return 'caseload';
  if (relation.grantActive) return 'grant';
  return null;
}

/** May this account write in this person's record (notes, letters, care plans, answers)? */
export function mayWritePersonRecord(actor: Actor | null, access: 'self' | 'caseload' | 'grant' | null): boolean {
  return hasRole(actor, 'practitioner') && (access === 'caseload' || access === 'grant');
}
