// Form validation results in the shape the NHS.UK error summary and field macros expect.
// An invalid form is rendered again with what the person typed and these messages.

export interface FieldError {
  field: string;
  message: string;
}

export interface FormErrors {
  /** For the error summary at the top of the page: each links to its field. */
  errors: Array<{ text: string; href: string }>;
  /** For each field's own error message: `fieldErrors.email` → `{ text }`. */
  fieldErrors: Record<string, { text: string }>;
}

export function formErrors(list: FieldError[]): FormErrors {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of list) fieldErrors[e.field] ??= { text: e.message };
  return { errors: list.map((e) => ({ text: e.message, href: `#${e.field}` })), fieldErrors };
}

/** Reads a text field from a parsed form body: absent or not a string counts as empty. */
export function text(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value.trim() : '';
}

/** Reads a multi-valued field (checkboxes): always an array of strings. */
export function list(body: unknown, field: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
