// Moderation: the words a group member approves for publishing (or the decision not to), and
// what the page says when the words still seem to identify someone.
import { text, type FieldError } from '../../../platform/forms.ts';
import { kindWord, type IdentifierKind } from '../deidentify.ts';

export type ModerationDecision = { decision: 'approved'; publicText: string } | { decision: 'rejected' };

/** The decision, or else the one field error that stops it (the first found, in this order). */
export function readModerationForm(body: unknown): { values: { publicText: string }; errors: FieldError[]; moderation?: ModerationDecision } {
  const decision = text(body, 'decision');
  const values = { publicText: text(body, 'publicText') };
  const { publicText } = values;
  if (decision !== 'approve' && decision !== 'reject') return { values, errors: [{ field: 'decision', message: 'Choose to publish or not to publish' }] };
  if (decision === 'reject') return { values, errors: [], moderation: { decision: 'rejected' } };
  if (!publicText) return { values, errors: [{ field: 'publicText', message: 'Enter the words to publish' }] };
  if (publicText.length > 5000) return { values, errors: [{ field: 'publicText', message: 'The words to publish must be 5,000 characters or fewer' }] };
  return { values, errors: [], moderation: { decision: 'approved', publicText } };
}

/** The words still seem to hold these: the approval was not saved. */
export function identifiersLeftError(kinds: readonly IdentifierKind[]): FieldError {
  return { field: 'publicText', message: `This still seems to contain ${kinds.map(kindWord).join(' and ')}. Remove them before publishing` };
}
