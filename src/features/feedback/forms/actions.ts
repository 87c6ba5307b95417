// Actions: a new action (with its due date as three boxes), an update to an open one, and the
// statement that closes one, with the words for what the service refuses or finds in it.
import { list, text, type FieldError } from '../../../platform/forms.ts';
import { ACTION_STATUSES, type ActionStatus } from '../choices.ts';
import { kindWord } from '../deidentify.ts';
import type { ActionRefusal, Closed, NewAction, StatementDraft } from '../service/actions.ts';
import { UUID } from './ids.ts';

/** YYYY-MM-DD, null when all three are empty, undefined when they do not make a real date. */
export function isoDate(day: string, month: string, year: string): string | null | undefined {
  if (!day && !month && !year) return null;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 2000 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

const DUE_ERROR: FieldError = { field: 'due', message: 'The due date must be a real date, like 27 3 2027' };
const OWNER_ERROR: FieldError = { field: 'ownerId', message: 'Choose who owns the action' };

export const ACTION_REFUSALS: Record<ActionRefusal, FieldError> = {
  'owner-not-allowed': OWNER_ERROR,
};

/** Who may own an action, and the themes it may answer (from the service). */
export interface ActionChoices {
  owners: ReadonlyArray<{ id: string }>;
  themes: ReadonlyArray<{ id: string }>;
}

export interface NewActionValues {
  title: string;
  description: string;
  ownerId: string;
  'due-day': string;
  'due-month': string;
  'due-year': string;
  themeIds: string[];
  feedbackIds: string[];
}

export function readActionForm(body: unknown, choices: ActionChoices): { values: NewActionValues; errors: FieldError[]; action: Omit<NewAction, 'by'> } {
  const values: NewActionValues = {
    title: text(body, 'title'),
    description: text(body, 'description'),
    ownerId: text(body, 'ownerId'),
    'due-day': text(body, 'due-day'),
    'due-month': text(body, 'due-month'),
    'due-year': text(body, 'due-year'),
    themeIds: list(body, 'themeIds').filter((id) => UUID.test(id)),
    feedbackIds: list(body, 'feedbackIds').filter((id) => UUID.test(id)),
  };
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Enter what will be done' });
  else if (values.title.length > 200) errors.push({ field: 'title', message: 'The action must be 200 characters or fewer' });
  if (values.description.length > 5000) errors.push({ field: 'description', message: 'The details must be 5,000 characters or fewer' });
  if (!choices.owners.some((o) => o.id === values.ownerId)) errors.push(OWNER_ERROR);
  const due = isoDate(values['due-day'], values['due-month'], values['due-year']);
  if (due === undefined) errors.push(DUE_ERROR);
  values.themeIds = values.themeIds.filter((id) => choices.themes.some((t) => t.id === id));
  if (!values.themeIds.length && !values.feedbackIds.length) errors.push({ field: 'themeIds', message: 'Select at least one theme this action answers' });
  return {
    values,
    errors,
    action: { title: values.title, description: values.description, ownerId: values.ownerId, dueDate: due ?? null, feedbackIds: values.feedbackIds, themeIds: values.themeIds },
  };
}

export function readActionUpdateForm(body: unknown, choices: Pick<ActionChoices, 'owners'>): { errors: FieldError[]; update: { status: ActionStatus; ownerId: string; dueDate: string | null } } {
  const status = text(body, 'status');
  const ownerId = text(body, 'ownerId');
  const due = isoDate(text(body, 'due-day'), text(body, 'due-month'), text(body, 'due-year'));
  const errors: FieldError[] = [];
  if (!ACTION_STATUSES.some((s) => s.value === status)) errors.push({ field: 'status', message: 'Choose a status' });
  if (!choices.owners.some((o) => o.id === ownerId)) errors.push(OWNER_ERROR);
  if (due === undefined) errors.push(DUE_ERROR);
  return { errors, update: { status: status as ActionStatus, ownerId, dueDate: due ?? null } };
}

export interface CloseValues {
  outcome: string;
  youSaid: string;
  weDid: string;
  weCouldnt: string;
  because: string;
  keepWording: string;
  /** 'yes' once the language guide has suggested a change, so the page offers to keep the words. */
  languageWarned?: string;
}

export function readCloseForm(body: unknown): { values: CloseValues; errors: FieldError[]; draft: StatementDraft; publishAsWritten: boolean } {
  const values: CloseValues = {
    outcome: text(body, 'outcome'),
    youSaid: text(body, 'youSaid'),
    weDid: text(body, 'weDid'),
    weCouldnt: text(body, 'weCouldnt'),
    because: text(body, 'because'),
    keepWording: text(body, 'keepWording'),
  };
  const errors: FieldError[] = [];
  if (values.outcome !== 'done' && values.outcome !== 'not-done') errors.push({ field: 'outcome', message: 'Select whether you did it' });
  if (!values.youSaid) errors.push({ field: 'youSaid', message: 'Enter what people said, in a sentence' });
  if (values.outcome === 'done' && !values.weDid) errors.push({ field: 'weDid', message: 'Enter what you did' });
  if (values.outcome === 'not-done') {
    if (!values.weCouldnt) errors.push({ field: 'weCouldnt', message: 'Enter what you could not do' });
    if (!values.because) errors.push({ field: 'because', message: 'Enter why you could not do it' });
  }
  for (const [field, value] of Object.entries(values) as Array<[string, string]>) if (value.length > 2000) errors.push({ field, message: 'Keep each part to 2,000 characters or fewer' });
  const outcome = values.outcome === 'done' ? 'done' : 'not-done';
  const draft: StatementDraft = { outcome, youSaid: values.youSaid, weDid: values.weDid, weCouldnt: values.weCouldnt, because: values.because };
  return { values, errors, draft, publishAsWritten: values.keepWording === 'yes' };
}

/** What the page says beside each part when the action was not closed, and whether to offer keeping the words. */
export function closeProblems(result: Extract<Closed, { closed: false }>): { errors: FieldError[]; languageWarned: boolean } {
  if ('identifiers' in result) {
    return { errors: result.identifiers.map(({ part, kinds }) => ({ field: part, message: `This is published: remove ${kinds.map(kindWord).join(' and ')}` })), languageWarned: false };
  }
  const errors: FieldError[] = [];
  let languageWarned = false;
  for (const { part, blocking, warnings } of result.language) {
    if (blocking.length) errors.push({ field: part, message: `Our language guide says: ${blocking.map((f) => f.message).join('; ')}` });
    else if (warnings.length) {
      errors.push({ field: part, message: `Our language guide suggests a change: ${warnings.map((f) => f.message).join('; ')}. Change it, or choose to publish it as written` });
      languageWarned = true;
    }
  }
  return { errors, languageWarned };
}
