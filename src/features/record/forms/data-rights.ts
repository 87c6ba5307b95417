// A request to correct or erase data (any account, staff too). Pure.
import { text, type FieldError } from '../../../platform/forms.ts';
import type { DataRequestKind } from '../service/data-requests.ts';

export function readDataRequestForm(body: unknown): { values: { kind: string; detail: string }; request?: { kind: DataRequestKind; detail: string }; errors: FieldError[] } {
  const values = { kind: text(body, 'kind'), detail: text(body, 'detail') };
  const errors: FieldError[] = [];
  if (values.kind !== 'erasure' && values.kind !== 'correction') errors.push({ field: 'kind', message: 'Choose whether you want something corrected or erased' });
  if (!values.detail) errors.push({ field: 'detail', message: 'Tell us what you want corrected or erased' });
  else if (values.detail.length > 5000) errors.push({ field: 'detail', message: 'Keep this to 5,000 characters or fewer' });
  if (errors.length) return { values, errors };
  return { values, request: { kind: values.kind as DataRequestKind, detail: values.detail }, errors };
}
