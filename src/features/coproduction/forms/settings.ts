// The forms on "Your updates": how often a member wants a digest and what they want to hear at
// once, and the lead's lived-experience quorum. Pure.
import { list, text, type FieldError } from '../../../platform/forms.ts';
import type { DigestFrequency } from '../service/digests.ts';
import type { Quorum } from '../service/settings.ts';
import type { Read } from './common.ts';

const FREQUENCIES: readonly DigestFrequency[] = ['daily', 'weekly', 'none'];

export function readSettingsForm(body: unknown): Read<{ digest: string; immediate: string[] }, { digest: DigestFrequency; replies: boolean; decisions: boolean }> {
  const values = { digest: text(body, 'digest'), immediate: list(body, 'immediate') };
  const digest = FREQUENCIES.find((f) => f === values.digest);
  if (!digest) return { values, errors: [{ field: 'digest', message: 'Choose how often you want a digest' }], input: null };
  return { values, errors: [], input: { digest, replies: values.immediate.includes('replies'), decisions: values.immediate.includes('decisions') } };
}

export function readQuorumForm(body: unknown): Read<{ minGroup: string; minSharePercent: string }, Quorum> {
  const values = { minGroup: text(body, 'minGroup'), minSharePercent: text(body, 'minSharePercent') };
  const minGroup = Number(values.minGroup);
  const share = Number(values.minSharePercent);
  const errors: FieldError[] = [];
  if (!values.minGroup || !Number.isInteger(minGroup) || minGroup < 1 || minGroup > 100) errors.push({ field: 'minGroup', message: 'Enter a whole number of group members from 1 to 100' });
  if (!values.minSharePercent || !Number.isInteger(share) || share < 0 || share > 100) errors.push({ field: 'minSharePercent', message: 'Enter a percentage from 0 to 100' });
  return { values, errors, input: errors.length ? null : { minGroup, minSharePercent: share } };
}

/** Mute or unmute a proposal, and the workspace page to go back to (never anywhere else). */
export function readMuteForm(body: unknown): { muted: boolean; back: string } {
  const back = text(body, 'back');
  return { muted: text(body, 'muted') !== 'no', back: /^\/coproduction\/(digest|settings|proposals\/[0-9a-f-]{36})$/.test(back) ? back : '/coproduction/digest' };
}
