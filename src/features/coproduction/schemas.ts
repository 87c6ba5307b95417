// Route schemas for the coproduction workspace. Form fields are optional strings: handlers check
// meaning and re-render forms with friendly messages; the schema refuses only what no form sends.
import { Type } from 'typebox';

const field = Type.Optional(Type.String({ maxLength: 50_000 }));
const multi = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })]));
const id = Type.String({ format: 'uuid' });

export const IdParams = Type.Object({ id });
export const DecisionParams = Type.Object({ id, decisionId: id });
export const BallotParams = Type.Object({ id, decisionId: id, ballotId: id });
export const VersionParams = Type.Object({ id, versionId: id });
export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });

export const ProposalListQuery = Type.Object({ stage: Type.Optional(Type.String({ maxLength: 40 })), area: Type.Optional(Type.String({ maxLength: 40 })) });
export const PageQuery = Type.Object({ page: Type.Optional(Type.String({ maxLength: 6 })) });
/** A search of the workspace, from a form that works without JavaScript (GET). Long text is cut, never refused. */
export const SearchQuery = Type.Object({ q: Type.Optional(Type.String()) });

export const DocumentQuery = Type.Object({ version: Type.Optional(Type.String({ maxLength: 10 })) });

export const ProposalBody = Type.Object({ title: field, problem: field, affects: field, idea: field, area: field, _csrf: field });
export const CommentBody = Type.Object({ body: field, parentId: field, _csrf: field });
export const OptionBody = Type.Object({ title: field, description: field, _csrf: field });
export const StageBody = Type.Object({ stage: field, reason: field, _csrf: field });
export const DecisionBody = Type.Object({
  method: field, question: field, anonymous: field, public: field, documentVersionId: field, advisers: multi, facilitatorId: field, openFor: field, _csrf: field,
  change: field, entryId: field, terms: field, suggestions: field, reason: field, label: field, description: field,
});
// Ranked choice ballots send one rank per option: rank-<optionId> = 1, 2, 3…
export const BallotBody = Type.Object({ position: field, reason: field, concern: field, _csrf: field }, { additionalProperties: Type.String({ maxLength: 10 }) });
export const ObjectionBody = Type.Object({ resolution: field, resolved: field, _csrf: field });
export const AdviceBody = Type.Object({ advice: field, _csrf: field });
export const AdviserBody = Type.Object({ adviserId: field, _csrf: field });
export const CloseBody = Type.Object({ summary: field, adopt: field, _csrf: field });
export const ClockSummaryBody = Type.Object({ clockSummary: field, _csrf: field });
export const RunOffBody = Type.Object({ _csrf: field });
export const ClaimBody = Type.Object({ claimedLevel: field, _csrf: field });
export const GuideChangeBody = Type.Object({ entryId: field, change: field, terms: field, suggestions: field, reason: field, _csrf: field });
export const PriorityChangeBody = Type.Object({ entryId: field, change: field, label: field, description: field, _csrf: field });

export const DocumentBody = Type.Object({ kind: field, title: field, slug: field, summary: field, body: field, _csrf: field });
export const VersionBody = Type.Object({ title: field, summary: field, body: field, _csrf: field });
export const ParagraphCommentBody = Type.Object({ paragraph: field, body: field, _csrf: field });

export const MeetingBody = Type.Object({ title: field, heldOn: field, proposals: multi, _csrf: field });
export const MinutesBody = Type.Object({ minutes: field, _csrf: field });
// Attendance sends minutes-<accountId> for each member listed.
export const AttendanceBody = Type.Object({ _csrf: field }, { additionalProperties: Type.String({ maxLength: 10 }) });

export const OwnTimeBody = Type.Object({
  kind: field, meetingId: field, workedOn: field, hours: field, minutes: field, expenses: field, expensesNote: field, unpaid: field, _csrf: field,
});
export const TimeChangeBody = Type.Object({ workedOn: field, hours: field, minutes: field, expenses: field, expensesNote: field, unpaid: field, _csrf: field });
export const TimeDecisionBody = Type.Object({ decision: field, _csrf: field });
export const PaymentRunBody = Type.Object({ from: field, to: field, _csrf: field });
export const CsrfBody = Type.Object({ _csrf: field });

export const MuteBody = Type.Object({ muted: field, back: field, _csrf: field });
export const SettingsBody = Type.Object({ digest: field, immediate: multi, _csrf: field });
export const QuorumBody = Type.Object({ minGroup: field, minSharePercent: field, _csrf: field });

export const ProfileBody = Type.Object({ groupName: field, showLivedExperience: field, _csrf: field });
