// Page data for the accounts pages: pure functions from what the services return.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { ROLES, type Role } from '../../../platform/policy.ts';
import type { AccountForLead } from '../service.ts';

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

/** What each kind of message is for, in words, for the lead's outbox. */
const PURPOSE_TEXT: Record<string, string> = {
  invitation: 'Invitation to create an account',
  'invitation-existing-account': 'Invitation to someone who already has an account',
  'password-reset': 'Link to choose a new password',
  'record-entry': 'Notice: something new in their record',
  'record-access': 'Notice: someone was given access to their record',
  'record-correction-answer': 'Notice: an answer to their correction',
  'record-letter-sent': 'Notice: a letter was sent',
  'data-request-answer': 'Notice: an answer to their data request',
  'feedback-reply': 'Reply to feedback',
  'duty-alert': 'Duty alert',
  'duty-escalation': 'Duty alert, escalated',
  newsletter: 'Newsletter',
  update: 'Notice: an update',
  'updates-digest': 'Notice: something new (one message for all that waited)',
};

const STATUS_TEXT: Record<string, string> = { pending: 'Waiting', sent: 'Sent', failed: 'Failed', withdrawn: 'Withdrawn (the account was suspended)' };

/** The outbox as the lead sees it: who, what for, when, and whether it went. */
export function outboxRows<M extends { purpose: string; status: string; delivery_status?: string | null }>(messages: readonly M[]) {
  return messages.map((m) => ({
    ...m,
    purposeText: PURPOSE_TEXT[m.purpose] ?? (m.purpose.startsWith('coproduction-') ? 'Notice: Coproduction Group' : m.purpose),
    // GOV.UK Notify's receipt, when it has said the message arrived (a letter: printed and posted).
    statusText: m.status === 'sent' && (m.delivery_status === 'delivered' || m.delivery_status === 'received') ? 'Delivered' : (STATUS_TEXT[m.status] ?? m.status),
  }));
}

/**
 * The lead's page for one account: its roles form while it is active (and, unless it is the
 * lead's own, the way to suspend it), or its suspension and the way to restore it.
 */
export function accountPage(data: AccountForLead, form: { roles?: readonly string[]; reason?: string; errors?: FieldError[] } = {}) {
  const { account } = data;
  return {
    pageTitle: account.displayName,
    state: data.state,
    self: data.self,
    account: { ...account, roles: form.roles ?? account.roles },
    roleItems: roleItems(form.roles ?? account.roles),
    roleText: account.roles.map((r) => ROLE_LABELS[r]).join(', '),
    suspension: data.state === 'suspended' ? data.account.suspension : undefined,
    values: { reason: form.reason ?? '' },
    ...formErrors(form.errors ?? []),
  };
}
