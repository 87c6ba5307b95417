// The participation level of a decision, computed from evidence on its timeline rather than
// claimed. Pure: no I/O. The ladder, lowest to highest, and the rule for each rung:
//
//   informing     — people with lived experience did nothing that shaped it: they did not raise
//                   it, did not comment, did not draft options, did not take part in deciding.
//   consultation  — their first input came only after the options were set (or their only part
//                   was in the decision itself): asked about choices someone else made.
//   engagement    — their input came before the options were set (or they raised it), but every
//                   option was drafted by staff, or no option was drafted at all.
//   co-design     — as engagement, and at least one option was drafted by a group member; but the
//                   decision was not theirs (staff decided, or the lived-experience quorum was not met).
//   co-production — they were there from the start (raised it, or first input before the options
//                   were set), drafted options, and the decision was taken with the quorum met (or,
//                   in an advice process, the decider has lived experience).
//
// "Options were set" is the moment the decision opened: from then on the choices are fixed.
// When a decision has no options (e.g. consent to a document version), "drafted options" means
// the thing decided on was drafted by a group member (the document version's author).

export const LEVELS = ['informing', 'consultation', 'engagement', 'co-design', 'co-production'] as const;
export type ParticipationLevel = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<ParticipationLevel, string> = {
  informing: 'Informing',
  consultation: 'Consultation',
  engagement: 'Engagement',
  'co-design': 'Co-design',
  'co-production': 'Co-production',
};

export type Origin = 'lived-experience' | 'staff';

export interface DecisionEvidence {
  /** Who raised the proposal. */
  raisedBy: Origin;
  /** When a person with lived experience first commented, drafted, or otherwise gave input (ISO), or null. */
  firstGroupInputAt: string | null;
  /** When the options were set: the decision opened (ISO). */
  optionsSetAt: string;
  /** Origin of whoever drafted each option (or the document version decided on). */
  drafters: Origin[];
  /** Did people with lived experience take part in deciding (cast a ballot or gave advice)? */
  groupTookPart: boolean;
  /** Was the decision theirs: the lived-experience quorum met, or an advice-process decider with lived experience. */
  groupDecided: boolean;
}

export function participationLevel(e: DecisionEvidence): ParticipationLevel {
  const groupEarly =
    e.raisedBy === 'lived-experience' || (e.firstGroupInputAt !== null && e.firstGroupInputAt <= e.optionsSetAt);
  const groupDrafted = e.drafters.includes('lived-experience');
  if (groupEarly && groupDrafted && e.groupDecided) return 'co-production';
  if (groupEarly && groupDrafted) return 'co-design';
  if (groupEarly) return 'engagement';
  if (e.firstGroupInputAt !== null || e.groupTookPart || groupDrafted) return 'consultation';
  return 'informing';
}

/** Is the lived-experience quorum met? At least `minGroup` group members and at least `minSharePercent`% of those deciding. */
export function quorumMet(input: { groupDeciders: number; allDeciders: number; minGroup: number; minSharePercent: number }): boolean {
  if (input.allDeciders === 0) return false;
  return input.groupDeciders >= input.minGroup && input.groupDeciders * 100 >= input.minSharePercent * input.allDeciders;
}
