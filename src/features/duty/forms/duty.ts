// The duty forms: closing an alert (what was done, and whether a de-identified version may go
// back where it came from), and the words for each refusal.
import { text, type FieldError } from '../../../platform/forms.ts';
import type { Closing, DutyRefusal } from '../service.ts';

export function readCloseForm(body: unknown): { values: { actionTaken: string; release: string; releasedText: string }; closing?: Closing; errors: FieldError[] } {
  const values = { actionTaken: text(body, 'actionTaken'), release: text(body, 'release'), releasedText: text(body, 'releasedText') };
  const errors: FieldError[] = [];
  if (!values.actionTaken) errors.push({ field: 'actionTaken', message: 'Say what you did, following the duty procedure' });
  else if (values.actionTaken.length > 5000) errors.push({ field: 'actionTaken', message: 'What you did must be 5,000 characters or fewer' });
  if (values.release !== 'withheld' && values.release !== 'released') errors.push({ field: 'release', message: 'Choose whether a de-identified version may go back to where it came from' });
  if (values.release === 'released') {
    if (!values.releasedText) errors.push({ field: 'releasedText', message: 'Enter the de-identified words that may go back' });
    else if (values.releasedText.length > 5000) errors.push({ field: 'releasedText', message: 'The words must be 5,000 characters or fewer' });
  }
  if (errors.length) return { values, errors };
  return { values, closing: { actionTaken: values.actionTaken, release: values.release as Closing['release'], releasedText: values.releasedText }, errors };
}

export const DUTY_REFUSED: Record<DutyRefusal, FieldError> = {
  'already-taken': { field: 'take', message: 'Someone else on duty has already taken this' },
  closed: { field: 'actionTaken', message: 'This has already been closed' },
  'not-taken': { field: 'actionTaken', message: 'Take this first, so the team knows who is dealing with it' },
};
