// Route schemas for feedback. Form fields are optional strings: the forms/ modules check what
// they mean and the page is shown again with friendly messages; the schema refuses only what no
// form sends.
import { Type } from 'typebox';

const field = Type.Optional(Type.String({ maxLength: 20_000 }));
const many = Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500 })]));

export const FeedbackBody = Type.Object({
  body: field,
  rating: field,
  area: field,
  consent: field,
  reply: field,
  replyEmail: field,
  replyPhone: field,
  attach: field,
  website: field, // the honeypot: people leave it blank
  _csrf: field,
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ItemThemeParams = Type.Object({ id: Type.String({ format: 'uuid' }), themeId: Type.String({ format: 'uuid' }) });
export const ManageQuery = Type.Object({
  show: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('new'), Type.Literal('risk'), Type.Literal('awaiting-moderation'), Type.Literal('unthemed')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
export const ApplyThemeBody = Type.Object({ themeId: field, newTheme: field, _csrf: field });
export const SuggestionBody = Type.Object({ themeId: field, score: field, decision: field, _csrf: field });
export const ModerationBody = Type.Object({ publicText: field, decision: field, _csrf: field });
export const ThemeBody = Type.Object({ name: field, description: field, _csrf: field });
export const ActionQuery = Type.Object({ theme: Type.Optional(Type.String({ format: 'uuid' })), feedback: Type.Optional(Type.String({ format: 'uuid' })) });
export const ActionBody = Type.Object({
  title: field,
  description: field,
  ownerId: field,
  'due-day': field,
  'due-month': field,
  'due-year': field,
  status: field,
  themeIds: many,
  feedbackIds: many,
  proposalId: field,
  _csrf: field,
});
export const CloseBody = Type.Object({ outcome: field, youSaid: field, weDid: field, weCouldnt: field, because: field, keepWording: field, _csrf: field });
export const BoardQuery = Type.Object({
  theme: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
export const ProposalBody = Type.Object({ title: field, problem: field, idea: field, _csrf: field });
