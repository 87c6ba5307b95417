// Page data for the lead's caseloads and data-rights requests. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import type { CaseloadsOverview } from '../service/caseloads.ts';
import type { LeadRequests } from '../service/data-requests.ts';

/** The lead's own account is neither offered as a practitioner nor removable here: another lead changes those. */
export function caseloadsPage(
  overview: CaseloadsOverview,
  leadId: string,
  values: Record<string, string> = {},
  errors: FieldError[] = [],
) {
  return {
    pageTitle: 'Caseloads',
    caseloads: overview.caseloads.map((c) => ({ ...c, own: c.practitioner_id === leadId || c.person_id === leadId })),
    values,
    practitionerItems: [
      { value: '', text: 'Choose a practitioner' },
      ...overview.practitioners.filter((p) => p.id !== leadId).map((p) => ({ value: p.id, text: p.displayName, selected: values.practitionerId === p.id })),
    ],
    ...formErrors(errors),
  };
}

/** Open requests, then answered ones; the lead's own are marked (another lead answers them, when there is one). */
export function dataRequestsPage(
  data: LeadRequests,
  leadId: string,
  values: Record<string, Record<string, string>> = {},
  errors: FieldError[] = [],
) {
  return {
    pageTitle: 'Requests to correct or erase data',
    leadId,
    othersCanAnswer: data.othersCanAnswer,
    open: data.requests.filter((r) => r.status === 'open'),
    answered: data.requests.filter((r) => r.status !== 'open'),
    values,
    ...formErrors(errors),
  };
}
