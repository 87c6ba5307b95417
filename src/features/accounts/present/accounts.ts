// Page data for the accounts pages: pure functions from what the services return.
import { ROLES, type Role } from '../../../platform/policy.ts';

export const ROLE_LABELS: Record<Role, string> = {
  person: 'Person using the service',
  practitioner: 'Practitioner',
  group: 'Coproduction Group member',
  lead: 'Service lead',
  duty: 'On the duty rota (sees every disclosure of risk)',
};

/** The role checkboxes, ticked as given. */
export function roleItems(selected: readonly string[] | undefined) {
  return ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: Boolean(selected?.includes(role)) }));
}

/** Only a path on this site: never another origin (open redirects) or a protocol-relative URL. */
export function safeNext(next: string | undefined): string {
  // A path on this site: one leading slash, then printable ASCII with no backslash. Browsers drop
  // tabs and newlines, so "/\t/evil.example" would otherwise become "//evil.example".
  if (!next || !/^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next)) return '/';
  return next;
}
