// Small helpers shared by the workspace's routes: sub-navigation, transactions, and turning a
// WorkspaceError into the NHS.UK error summary shape.
import type { FastifyInstance } from 'fastify';
import { formErrors, type FieldError, type FormErrors } from '../../platform/forms.ts';
import type { Actor } from '../../platform/policy.ts';
import { WorkspaceError } from './service.ts';

export function subNav(current: string, actor: Actor | null): Array<{ href: string; text: string; current: boolean }> {
  const staffOrGroup = actor !== null && (actor.roles.has('group') || actor.roles.has('practitioner') || actor.roles.has('lead'));
  const items = [
    { href: '/coproduction/proposals', text: 'Proposals' },
    ...(staffOrGroup
      ? [
          { href: '/coproduction/documents', text: 'Documents' },
          { href: '/coproduction/meetings', text: 'Meetings' },
          { href: '/coproduction/responses', text: 'Waiting for a response' },
          { href: '/coproduction/settings', text: 'Your updates' },
        ]
      : []),
    { href: '/coproduction/decisions', text: 'Decisions' },
  ];
  return items.map((i) => ({ ...i, current: i.href === current }));
}

export { inTransaction } from '../../platform/db/database.ts';

export function errorsFrom(error: unknown): FormErrors | null {
  if (error instanceof WorkspaceError) return formErrors([{ field: error.field, message: error.message }]);
  return null;
}

export function fieldErrors(list: FieldError[]): FormErrors {
  return formErrors(list);
}

export type App = FastifyInstance;
