// The forms on a decision's page: an answer or a ranking, settling an objection, advice, seeking
// advice, closing, the level staff claim, and the catalogue changes an adopted decision makes.
// Pure: a request body → what was typed, field errors and the service's input; and each refusal
// the service may give, in words beside its field.
import { text, type FieldError } from '../../../platform/forms.ts';
import { LEVELS, type ParticipationLevel } from '../participation.ts';
import type { GuideChange, GuideChangeRefusal, PriorityChange, PriorityChangeRefusal } from '../service/catalogue.ts';
import { REASON_MAX } from '../model.ts';
import type { AdviceRefusal, AdviserRefusal, BallotRefusal, ClockSummaryRefusal, CloseRefusal, ObjectionRefusal, RunOffRefusal } from '../service/decisions.ts';
import type { OptionTable } from '../tables.ts';
import { beside, type Read } from './common.ts';

export interface Ballot {
  position: string;
  reason: string;
  ranking?: string[];
}

/** An answer (consent, vote), or for ranked choice one rank per option: `rank-<option id>` = 1, 2, 3… */
/**
 * An answer (consent, vote) with its words: "agree, with a concern" sends them as `concern`, an
 * objection and any other answer as `reason`. For ranked choice one rank per option:
 * `rank-<option id>` = 1, 2, 3…, and a reason.
 */
export function readBallotForm(body: unknown, method: string, options: readonly Pick<OptionTable, 'id' | 'title'>[]): Read<Record<string, string>, Ballot> {
  const position = text(body, 'position');
  const concern = text(body, 'concern');
  const given = text(body, 'reason');
  const values: Record<string, string> = { position, reason: given, concern };
  const reason = position === 'concern' ? concern : given;
  const field = position === 'concern' ? 'concern' : 'reason';
  if (reason.length > REASON_MAX) return { values, errors: [{ field, message: `Keep it to ${REASON_MAX} characters or fewer` }], input: null };
  if (method !== 'ranked-choice') return { values, errors: [], input: { position, reason } };
  const ranks: Array<{ id: string; rank: number }> = [];
  const errors: FieldError[] = [];
  for (const option of options) {
    const raw = text(body, `rank-${option.id}`);
    values[`rank-${option.id}`] = raw;
    if (!raw) continue;
    const rank = Number(raw);
    if (!Number.isInteger(rank) || rank < 1) errors.push({ field: `rank-${option.id}`, message: `Enter a whole number from 1 for “${option.title}”, or leave it blank` });
    else ranks.push({ id: option.id, rank });
  }
  if (errors.length) return { values, errors, input: null };
  if (new Set(ranks.map((r) => r.rank)).size !== ranks.length) return { values, errors: [{ field: 'ranking', message: 'Give each option a different rank' }], input: null };
  return { values, errors, input: { position, reason, ranking: ranks.sort((a, b) => a.rank - b.rank).map((r) => r.id) } };
}

export const BALLOT_REFUSALS: Record<BallotRefusal, FieldError> = {
  'decision-closed': { field: 'position', message: 'This decision has closed.' },
  'advice-not-votes': { field: 'position', message: 'In an advice process, advice is given rather than votes cast.' },
  'already-taken-part': { field: 'position', message: 'You have already taken part in this decision.' },
  'rank-one': { field: 'ranking', message: 'Rank at least one option' },
  'ranks-differ': { field: 'ranking', message: 'Give each option a different rank' },
  'choose-answer': { field: 'position', message: 'Choose your answer' },
  'objection-needs-reason': { field: 'reason', message: 'Say why you object, so it can be resolved' },
  'concern-needs-words': { field: 'concern', message: 'Say what your concern is, so the facilitator can weigh it' },
  'reason-too-long': { field: 'reason', message: `Keep it to ${REASON_MAX} characters or fewer` },
};

/** Each objection has its own form on the page: its field is `resolution-<ballot id>`. */
export const objectionField = (ballotId: string) => `resolution-${ballotId}`;

export function readObjectionForm(body: unknown, ballotId: string): Read<{ resolution: string; resolved: string }, { resolution: string; resolved: boolean }> {
  const values = { resolution: text(body, 'resolution'), resolved: text(body, 'resolved') };
  if (!values.resolution || !['yes', 'no'].includes(values.resolved)) {
    return { values, errors: [{ field: objectionField(ballotId), message: !values.resolution ? 'Say how the objection was resolved, or why it stands' : 'Say whether the objection is resolved' }], input: null };
  }
  return { values, errors: [], input: { resolution: values.resolution, resolved: values.resolved === 'yes' } };
}

export const objectionRefusals = (ballotId: string): Record<ObjectionRefusal, FieldError> =>
  beside<ObjectionRefusal>(objectionField(ballotId), {
    'no-such-objection': 'That objection does not exist.',
    'decision-closed': 'This decision has closed.',
    'resolution-needed': 'Say how the objection was resolved, or why it stands',
    'only-objector-or-facilitator': 'Only the person who objected (withdrawing it) or the decision’s facilitator can settle an objection.',
  });

export const ADVICE_REFUSALS: Record<AdviceRefusal, FieldError> = beside<AdviceRefusal>('advice', {
  'not-an-advice-process': 'That decision does not exist.',
  'decision-closed': 'This decision has closed.',
  'advice-not-sought': 'Your advice was not sought on this decision.',
  'advice-needed': 'Enter your advice',
});

export const ADVISER_REFUSALS: Record<AdviserRefusal, FieldError> = beside<AdviserRefusal>('adviserId', {
  'not-an-open-advice-process': 'That decision is not an open advice process.',
  'only-the-decider-seeks': 'Only the decider seeks advice.',
  'already-sought': 'Their advice has already been sought.',
  'choose-adviser': 'Choose someone to ask',
  'self-as-adviser': 'You decide this advice process, so you cannot also be its adviser.',
});

export function readCloseForm(body: unknown): Read<{ summary: string; adopt: string }, { summary: string; adopt?: boolean }> {
  const values = { summary: text(body, 'summary'), adopt: text(body, 'adopt') };
  if (values.summary.length > 2000) return { values, errors: [{ field: 'summary', message: 'The summary must be 2000 characters or fewer' }], input: null };
  return { values, errors: [], input: { summary: values.summary, ...(values.adopt === 'yes' ? { adopt: true } : values.adopt === 'no' ? { adopt: false } : {}) } };
}

export const CLOSE_REFUSALS: Record<CloseRefusal, FieldError> = {
  'already-closed': { field: 'summary', message: 'This decision has already closed.' },
  'summary-needed': { field: 'summary', message: 'Write a short public summary of the decision' },
  'objections-unsettled': { field: 'summary', message: 'Resolve each objection, or record it as standing, before closing' },
  'only-the-decider-closes': { field: 'summary', message: 'Only the decider closes an advice process.' },
  'advice-first': { field: 'summary', message: 'Record the advice given before deciding' },
  'adopt-needed': { field: 'adopt', message: 'Say whether the proposal is adopted' },
  'group-advice-needed': { field: 'adopt', message: 'This decision approves a document or changes the guide or the priorities: it can be adopted only once enough group members (at least the quorum’s minimum) have given advice' },
  'only-the-facilitator-closes': { field: 'summary', message: 'Only the facilitator closes a decision before its closing time.' },
  'quorum-not-met-yet': { field: 'summary', message: 'The quorum is not met yet: the decision can close early only once it is, or it closes by itself at its closing time.' },
};

export const CLOCK_SUMMARY_REFUSALS: Record<ClockSummaryRefusal, FieldError> = beside<ClockSummaryRefusal>('clockSummary', {
  'not-closed-by-clock': 'Only a decision that closed by itself at its closing time has its summary written afterwards.',
  'only-the-facilitator-writes': 'Only the facilitator writes the summary of this decision.',
  'summary-already-written': 'The summary of this decision has already been written.',
  'summary-needed': 'Write the summary people will read',
  'summary-too-long': 'The summary must be 2000 characters or fewer',
});

export const RUN_OFF_REFUSALS: Record<RunOffRefusal, FieldError> = beside<RunOffRefusal>('runoff', {
  'not-a-tied-vote': 'A run-off follows a vote that closed with as many for as against.',
  'only-the-facilitator-runs-off': 'Only the facilitator opens a run-off.',
  'decision-already-open': 'This proposal already has an open decision.',
});

export function readClaimForm(body: unknown): { errors: FieldError[]; level: ParticipationLevel | null } {
  const claimed = text(body, 'claimedLevel');
  const level = LEVELS.find((l) => l === claimed) ?? null;
  return level ? { errors: [], level } : { errors: [{ field: 'claimedLevel', message: 'Choose the level you think this decision reached' }], level: null };
}

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CHANGES = ['add', 'update', 'retire'] as const;
const isChange = (value: string): value is (typeof CHANGES)[number] => (CHANGES as readonly string[]).includes(value);
/** Terms and suggestions: one per line, or separated by commas. */
const split = (s: string) => s.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);

export function readGuideChangeForm(body: unknown): Read<Record<'entryId' | 'change' | 'terms' | 'suggestions' | 'reason', string>, GuideChange> {
  const values = { entryId: text(body, 'entryId'), change: text(body, 'change'), terms: text(body, 'terms'), suggestions: text(body, 'suggestions'), reason: text(body, 'reason') };
  const errors: FieldError[] = [];
  if (!ENTRY_ID.test(values.entryId)) errors.push({ field: 'entryId', message: 'Enter the entry id: lower-case letters, numbers and hyphens' });
  const change = values.change;
  if (!isChange(change)) errors.push({ field: 'change', message: 'Choose the kind of change' });
  if (errors.length || !isChange(change)) return { values, errors, input: null };
  return {
    values,
    errors,
    input: {
      entryId: values.entryId, change,
      ...(values.terms ? { terms: split(values.terms) } : {}), ...(values.suggestions ? { suggestions: split(values.suggestions) } : {}), ...(values.reason ? { reason: values.reason } : {}),
    },
  };
}

export const GUIDE_CHANGE_REFUSALS: Record<GuideChangeRefusal, FieldError> = beside<GuideChangeRefusal>('entryId', {
  'guide-needs-adopted-decision': 'The language guide changes only through an adopted decision.',
  'not-a-guide-decision': 'That decision was not about the language guide.',
  'entry-exists': 'An entry with that id already exists.',
  'entry-needs-terms-and-reason': 'A new entry needs its terms and the reason.',
  'no-such-entry': 'There is no entry with that id.',
  'not-what-was-decided': 'That is not the change this decision approved: a guide change cites the decision that approved exactly it.',
  'already-applied': 'The change this decision approved has already been applied.',
});

export function readPriorityChangeForm(body: unknown): Read<Record<'entryId' | 'change' | 'label' | 'description', string>, PriorityChange> {
  const values = { entryId: text(body, 'entryId'), change: text(body, 'change'), label: text(body, 'label'), description: text(body, 'description') };
  const errors: FieldError[] = [];
  if (!ENTRY_ID.test(values.entryId)) errors.push({ field: 'entryId', message: 'Enter the priority id: lower-case letters, numbers and hyphens' });
  const change = values.change;
  if (!isChange(change)) errors.push({ field: 'change', message: 'Choose the kind of change' });
  if (values.label.length > 200 || values.description.length > 1000) errors.push({ field: 'label', message: 'Keep the wording under 200 characters and the description under 1000' });
  if (errors.length || !isChange(change)) return { values, errors, input: null };
  return { values, errors, input: { entryId: values.entryId, change, ...(values.label ? { label: values.label } : {}), ...(values.description ? { description: values.description } : {}) } };
}

export const PRIORITY_CHANGE_REFUSALS: Record<PriorityChangeRefusal, FieldError> = beside<PriorityChangeRefusal>('entryId', {
  'priorities-need-adopted-decision': 'The priorities of care change only through an adopted decision.',
  'not-a-priorities-decision': 'That decision was not about the priorities of care.',
  'priority-exists': 'A priority with that id already exists.',
  'priority-needs-wording': 'A new priority needs its wording and a description.',
  'no-such-priority': 'There is no priority with that id.',
  'not-what-was-decided': 'That is not the change this decision approved: a change cites the decision that approved exactly it.',
  'already-applied': 'The change this decision approved has already been applied.',
});
