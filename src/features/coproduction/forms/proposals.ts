// The proposal forms: raising one, a comment or reply, an option, a change of stage and opening
// a decision. Pure: a request body → what was typed, field errors, and the service's input;
// and each refusal the service may give, in words beside its field.
import { list, text, type FieldError } from '../../../platform/forms.ts';
import { AREAS, isOneOf, METHODS, NEXT_STAGE, STAGES, type Stage } from '../model.ts';
import type { CatalogueChange } from '../service/catalogue.ts';
import type { DecisionInput, OpenDecisionRefusal } from '../service/decisions.ts';
import type { CommentRefusal, OptionRefusal, ProposalInput, StageRefusal } from '../service/proposals.ts';
import type { Read } from './common.ts';

export const MAX = { title: 150, text: 5000, question: 1000 };

export function readProposalForm(body: unknown): Read<Record<'title' | 'problem' | 'affects' | 'idea' | 'area', string>, ProposalInput> {
  const values = { title: text(body, 'title'), problem: text(body, 'problem'), affects: text(body, 'affects'), idea: text(body, 'idea'), area: text(body, 'area') };
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Give your proposal a short title' });
  else if (values.title.length > MAX.title) errors.push({ field: 'title', message: `The title must be ${MAX.title} characters or fewer` });
  if (!values.problem) errors.push({ field: 'problem', message: 'Describe the problem' });
  if (!values.affects) errors.push({ field: 'affects', message: 'Say who it affects' });
  if (!values.idea) errors.push({ field: 'idea', message: 'Describe your idea' });
  for (const f of ['problem', 'affects', 'idea'] as const) if (values[f].length > MAX.text) errors.push({ field: f, message: `This must be ${MAX.text} characters or fewer` });
  const area = values.area;
  if (!isOneOf(AREAS, area)) errors.push({ field: 'area', message: 'Choose the area it is about' });
  return { values, errors, input: errors.length || !isOneOf(AREAS, area) ? null : { ...values, area } };
}

/** A comment, or a reply to one: each reply form on the page has its own field, `reply-<comment id>`. */
export function readCommentForm(body: unknown): { field: string; values: Record<string, string>; errors: FieldError[]; body: string; parentId: string | null } {
  const comment = text(body, 'body');
  const parentId = text(body, 'parentId') || null;
  const field = parentId ? `reply-${parentId}` : 'body';
  const errors: FieldError[] = [];
  if (!comment) errors.push({ field, message: 'Enter your comment' });
  else if (comment.length > MAX.text) errors.push({ field, message: `Your comment must be ${MAX.text} characters or fewer` });
  return { field, values: { [field]: comment }, errors, body: comment, parentId };
}

export const COMMENT_REFUSALS: Record<CommentRefusal, FieldError> = {
  'no-such-parent': { field: 'body', message: 'The comment you are replying to does not exist.' },
};

export function readOptionForm(body: unknown): Read<{ title: string; description: string }, { title: string; description: string }> {
  const values = { title: text(body, 'title'), description: text(body, 'description') };
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'option-title', message: 'Give the option a short title' });
  if (!values.description) errors.push({ field: 'option-description', message: 'Describe the option' });
  if (values.title.length > MAX.title) errors.push({ field: 'option-title', message: `The title must be ${MAX.title} characters or fewer` });
  return { values, errors, input: errors.length ? null : values };
}

export const OPTION_REFUSALS: Record<OptionRefusal, FieldError> = {
  'options-set': { field: 'option-title', message: 'Options are drafted during co-design; once a decision is open the options are set.' },
};

export function readStageForm(body: unknown): Read<{ stage: string; reason: string }, { stage: Stage; reason: string | null }> {
  const values = { stage: text(body, 'stage'), reason: text(body, 'reason') };
  const stage = values.stage;
  if (!isOneOf(STAGES, stage)) return { values, errors: [{ field: 'stage', message: 'Choose what happens next' }], input: null };
  return { values, errors: [], input: { stage, reason: values.reason || null } };
}

const movesOn = Object.fromEntries(
  (Object.keys(STAGES) as Stage[]).map((s) => [`moves-on-from-${s}`, { field: 'stage', message: `A proposal at “${STAGES[s]}” can move on only to “${STAGES[NEXT_STAGE[s] ?? s]}”.` }]),
) as Record<`moves-on-from-${Stage}`, FieldError>;

export const STAGE_REFUSALS: Record<StageRefusal, FieldError> = {
  'decision-open': { field: 'stage', message: 'Close the open decision first: its outcome moves the proposal on.' },
  finished: { field: 'stage', message: 'This proposal is already finished.' },
  'reasons-needed': { field: 'reason', message: 'Give the reasons it was not adopted' },
  'decision-stage-by-opening': { field: 'stage', message: 'Open a decision to move this proposal to the decision stage.' },
  ...movesOn,
};

/** How long a decision may be left open, in days, on the form ('' is the method's default). */
export const OPEN_FOR_CHOICES = ['', '1', '3', '5', '7', '14', '28'] as const;

type DecisionFields = 'method' | 'question' | 'anonymous' | 'public' | 'documentVersionId' | 'facilitatorId' | 'openFor' | 'change' | 'entryId' | 'terms' | 'suggestions' | 'reason' | 'label' | 'description';

/**
 * Opening a decision. On a language-guide or priorities-of-care proposal it may name the exact
 * change it approves (`change` add/update/retire and `entryId`, with the entry's wording): that
 * change, and only it, can be applied once the decision is adopted.
 */
export function readDecisionForm(body: unknown): Read<Record<DecisionFields, string>, DecisionInput> {
  const values = {
    method: text(body, 'method'), question: text(body, 'question'), anonymous: text(body, 'anonymous'), public: text(body, 'public'), documentVersionId: text(body, 'documentVersionId'),
    change: text(body, 'change'), entryId: text(body, 'entryId'), terms: text(body, 'terms'), suggestions: text(body, 'suggestions'), reason: text(body, 'reason'),
    label: text(body, 'label'), description: text(body, 'description'), facilitatorId: text(body, 'facilitatorId'), openFor: text(body, 'openFor'),
  };
  const advisers = list(body, 'advisers');
  const errors: FieldError[] = [];
  const catalogueChange = values.change ? readCatalogueChange(values, errors) : null;
  const method = values.method;
  if (!isOneOf(METHODS, method)) errors.push({ field: 'method', message: 'Choose how the decision will be made' });
  if (!values.question) errors.push({ field: 'question', message: 'Write the question being decided' });
  else if (values.question.length > MAX.question) errors.push({ field: 'question', message: `The question must be ${MAX.question} characters or fewer` });
  if (values.method === 'advice' && advisers.length === 0) errors.push({ field: 'advisers', message: 'Choose whose advice you will seek' });
  if (!(OPEN_FOR_CHOICES as readonly string[]).includes(values.openFor)) errors.push({ field: 'openFor', message: 'Choose how long the decision stays open' });
  if (errors.length || !isOneOf(METHODS, method)) return { values, errors, input: null };
  return {
    values,
    errors,
    input: {
      method, question: values.question, anonymous: values.anonymous === 'yes', public: values.public !== 'no', documentVersionId: values.documentVersionId || null, adviserIds: advisers,
      catalogueChange, facilitatorId: values.facilitatorId || null, openForDays: values.openFor ? Number(values.openFor) : null,
    },
  };
}

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CHANGES = ['add', 'update', 'retire'] as const;
const isChange = (value: string): value is (typeof CHANGES)[number] => (CHANGES as readonly string[]).includes(value);
/** Terms and suggestions: one per line, or separated by commas. */
const split = (s: string) => s.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);

function readCatalogueChange(values: Record<DecisionFields, string>, errors: FieldError[]): CatalogueChange | null {
  const change = values.change;
  if (!isChange(change)) errors.push({ field: 'change', message: 'Choose the kind of change' });
  if (!ENTRY_ID.test(values.entryId)) errors.push({ field: 'entryId', message: 'Enter the entry id: lower-case letters, numbers and hyphens' });
  if (values.label.length > 200 || values.description.length > 1000 || values.reason.length > 1000) errors.push({ field: 'label', message: 'Keep the wording under 200 characters and the description or reason under 1000' });
  if (!isChange(change) || errors.length) return null;
  return {
    entryId: values.entryId, change,
    ...(values.terms ? { terms: split(values.terms) } : {}), ...(values.suggestions ? { suggestions: split(values.suggestions) } : {}), ...(values.reason ? { reason: values.reason } : {}),
    ...(values.label ? { label: values.label } : {}), ...(values.description ? { description: values.description } : {}),
  };
}

export const OPEN_DECISION_REFUSALS: Record<OpenDecisionRefusal, FieldError> = {
  'proposal-decided': { field: 'method', message: 'Decisions are opened on proposals that are not yet decided.' },
  'decision-already-open': { field: 'method', message: 'This proposal already has an open decision.' },
  'ranked-choice-needs-options': { field: 'method', message: 'Ranked choice needs at least two options: draft them first' },
  'no-such-version': { field: 'documentVersionId', message: 'Choose a document version that exists' },
  'advice-not-anonymous': { field: 'anonymous', message: 'Advice is given by name, so an advice process cannot be anonymous' },
  'self-as-adviser': { field: 'advisers', message: 'You decide this advice process, so you cannot also be its adviser: choose other people, including group members' },
  'change-not-in-area': { field: 'change', message: 'Only a decision on a language-guide or priorities-of-care proposal can change them' },
  'entry-needs-terms-and-reason': { field: 'terms', message: 'A new guide entry needs its terms and the reason' },
  'priority-needs-wording': { field: 'label', message: 'A new priority needs its wording and a description' },
  'choose-facilitator': { field: 'facilitatorId', message: 'Choose a facilitator who is in the workspace' },
  'closing-time-too-soon': { field: 'openFor', message: 'A decision stays open for at least an hour' },
  'closing-time-too-late': { field: 'openFor', message: 'A decision stays open for 90 days at most' },
};
