// What every page of the workspace shares: its sub-navigation, who counts as a workspace member,
// and a form's state (which form on the page was sent, what was typed, its errors).
import { formErrors, type FieldError, type FormErrors } from '../../../platform/forms.ts';
import { isStaff, type Actor } from '../../../platform/policy.ts';
import { SEVERITY_LABELS } from '../../language/index.ts';
import type { WritingFinding } from '../service/language-check.ts';

export function subNav(current: string, actor: Actor | null): Array<{ href: string; text: string; current: boolean }> {
  const staffOrGroup = isWorkspaceMember(actor);
  const items = [
    { href: '/coproduction/proposals', text: 'Proposals' },
    ...(staffOrGroup
      ? [
          { href: '/coproduction/documents', text: 'Documents' },
          { href: '/coproduction/meetings', text: 'Meetings' },
          { href: '/coproduction/involvement', text: 'Your involvement' },
          { href: '/coproduction/responses', text: 'Waiting for a response' },
          { href: '/coproduction/digest', text: 'Your digest' },
          { href: '/coproduction/settings', text: 'Your updates' },
        ]
      : []),
    { href: '/coproduction/decisions', text: 'Decisions' },
    { href: '/coproduction/search', text: 'Search' },
  ];
  return items.map((i) => ({ ...i, current: i.href === current }));
}

/** Group members and staff: the people who deliberate, draft and decide. */
export const isWorkspaceMember = (actor: Actor | null): boolean => actor !== null && (actor.roles.has('group') || isStaff(actor));

/** A page shown again after a form on it was sent: which form, what was typed, and what was wrong. */
export interface FormState {
  form?: string;
  values?: Record<string, string>;
  errors?: FieldError[];
}

/** The error summary and each field's message, for a page with errors (nothing for one without). */
export function errorData(errors: readonly FieldError[] | undefined): FormErrors | Record<string, never> {
  return errors?.length ? formErrors([...errors]) : {};
}

/** 400 when the page is shown again with errors. */
export const statusFor = (errors: readonly FieldError[] | undefined): number => (errors?.length ? 400 : 200);

/** The guard's findings for a page, each with its severity in the one vocabulary (Must change / Check / Suggestion). */
export const labelledFindings = (findings: readonly WritingFinding[]) => findings.map((f) => ({ ...f, severityLabel: SEVERITY_LABELS[f.severity] }));
