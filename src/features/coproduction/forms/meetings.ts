// The meeting forms: planning one, its minutes, and attendance with each person's involvement
// time. Pure.
import { list, text, type FieldError } from '../../../platform/forms.ts';
import type { Read } from './common.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readMeetingForm(body: unknown): Read<{ title: string; heldOn: string }, { title: string; heldOn: string; proposalIds: string[] }> & { proposals: string[] } {
  const values = { title: text(body, 'title'), heldOn: text(body, 'heldOn') };
  const proposals = list(body, 'proposals');
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Enter a name for the meeting' });
  else if (values.title.length > 200) errors.push({ field: 'title', message: 'The name must be 200 characters or fewer' });
  if (!DATE.test(values.heldOn) || Number.isNaN(new Date(`${values.heldOn}T00:00:00Z`).getTime())) errors.push({ field: 'heldOn', message: 'Enter the date as year-month-day, like 2026-12-03' });
  return { values, proposals, errors, input: errors.length ? null : { ...values, proposalIds: proposals } };
}

export function readMinutesForm(body: unknown): { minutes: string; errors: FieldError[] } {
  const minutes = text(body, 'minutes');
  return { minutes, errors: minutes.length > 50_000 ? [{ field: 'minutes', message: 'The minutes must be 50,000 characters or fewer' }] : [] };
}

/**
 * Attendance sends `minutes-<account id>` for each person listed; only the people the page
 * lists (`known`) count. Blank means they did not attend; 0 is kept as typed but not recorded.
 */
export function readAttendanceForm(body: unknown, known: ReadonlySet<string>): Read<Record<string, string>, Array<{ accountId: string; minutes: number }>> {
  const values: Record<string, string> = {};
  const rows: Array<{ accountId: string; minutes: number }> = [];
  const errors: FieldError[] = [];
  for (const [key, raw] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const m = /^minutes-([0-9a-f-]{36})$/.exec(key);
    if (!m || !known.has(m[1]!)) continue;
    const value = (typeof raw === 'string' ? raw : '').trim();
    values[key] = value;
    if (!value) continue;
    const minutes = Number(value);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) errors.push({ field: key, message: 'Enter the minutes as a whole number from 0 to 1440' });
    else if (minutes > 0) rows.push({ accountId: m[1]!, minutes });
  }
  return { values, errors, input: errors.length ? null : rows };
}
