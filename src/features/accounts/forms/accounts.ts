// The accounts forms, read and checked: pure functions from a request body to the values typed
// and the errors to show beside each field (the NHS.UK error summary's shape).
import { EMAIL_PATTERN, list, text, type FieldError } from '../../../platform/forms.ts';
import { ROLES, type Role } from '../../../platform/policy.ts';
import { passwordProblem } from '../password-policy.ts';
import type { InviteRefusal, RolesRefusal, SuspensionRefusal } from '../service.ts';

export function readSignInForm(body: unknown): { values: { email: string; next: string }; password: string; errors: FieldError[] } {
  const email = text(body, 'email');
  const raw = (body as Record<string, unknown> | undefined)?.password;
  const password = typeof raw === 'string' ? raw : '';
  const errors: FieldError[] = [];
  if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
  if (!password) errors.push({ field: 'password', message: 'Enter your password' });
  return { values: { email, next: text(body, 'next') }, password, errors };
}

/** The same words whether the address is unknown or the password wrong. */
export const SIGN_IN_REFUSED: FieldError = { field: 'email', message: 'Enter a correct email address and password' };
/** A sign-on through the organisation or NHS login that did not complete (expired, cancelled, or not what was asked for). */
export const SIGN_ON_FAILED: FieldError = { field: 'email', message: 'Signing in did not work. Try again, or sign in with your email address and password' };

export function readEmailForm(body: unknown): { email: string; errors: FieldError[] } {
  const email = text(body, 'email');
  return { email, errors: EMAIL_PATTERN.test(email) ? [] : [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }] };
}

/** A new password and its confirmation, checked against the policy (and the account's own address). */
export function readNewPasswordForm(body: { password?: string; confirm?: string }, email?: string): { password: string; errors: FieldError[] } {
  const password = typeof body.password === 'string' ? body.password : '';
  const problem = passwordProblem(password, email ? { email } : {});
  if (problem) return { password, errors: [{ field: 'password', message: problem }] };
  if (password !== body.confirm) return { password, errors: [{ field: 'confirm', message: 'The passwords do not match' }] };
  return { password, errors: [] };
}

export function readRoles(body: unknown): Role[] {
  const raw = list(body, 'roles');
  return ROLES.filter((role) => raw.includes(role));
}

export interface InviteValues {
  email: string;
  displayName: string;
  roles: Role[];
}

export function readInviteForm(body: unknown): { values: InviteValues; errors: FieldError[] } {
  const values = { email: text(body, 'email'), displayName: text(body, 'displayName'), roles: readRoles(body) };
  const errors: FieldError[] = [];
  if (!values.displayName) errors.push({ field: 'displayName', message: 'Enter the name they use' });
  else if (values.displayName.length > 200) errors.push({ field: 'displayName', message: 'Name must be 200 characters or fewer' });
  if (!EMAIL_PATTERN.test(values.email) || values.email.length > 320) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' });
  if (!values.roles.length) errors.push({ field: 'roles', message: 'Select at least one role' });
  return { values, errors };
}

export const ROLES_REFUSED: Record<RolesRefusal, FieldError> = {
  'own-lead-role': { field: 'roles', message: 'You cannot remove your own lead role. Ask another lead to do it' },
  'own-record-role': { field: 'roles', message: 'You cannot give yourself a role that reads records or disclosures (practitioner or duty rota). Ask another service lead to do it: it is then recorded in their name' },
  'own-record-role-sole-lead': { field: 'roles', message: 'You cannot give yourself a role that reads records or disclosures (practitioner or duty rota), and you are the only service lead. Another service lead must be added first; they can then give you the role' },
};

export const INVITE_REFUSED: Record<InviteRefusal, FieldError> = {
  'own-address': { field: 'email', message: 'This is your own email address, which already has an account. Another service lead can change your roles' },
};

export const REASON_MAX = 1000;

/** Why an account is suspended: required, kept with the suspension (the person can read it later). */
export function readSuspendForm(body: unknown): { reason: string; errors: FieldError[] } {
  const reason = text(body, 'reason');
  const errors: FieldError[] = [];
  if (!reason) errors.push({ field: 'reason', message: 'Give the reason for suspending this account' });
  else if (reason.length > REASON_MAX) errors.push({ field: 'reason', message: `Reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer` });
  return { reason, errors };
}

export const SUSPENSION_REFUSED: Record<SuspensionRefusal, FieldError> = {
  'own-account': { field: 'reason', message: 'You cannot suspend your own account. Another service lead can' },
};
