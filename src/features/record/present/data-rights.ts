// Page data for "Your data" and the person's requests to correct or erase it. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import type { DataRequest } from '../service/data-requests.ts';

export function myRequestsPage(requests: DataRequest[], values: Record<string, string> = {}, errors: FieldError[] = []) {
  return { pageTitle: 'Ask us to correct or erase your data', requests, values, ...formErrors(errors) };
}
