// Route schemas for About me and the shared record. Form fields are optional strings (or lists
// for checkboxes); handlers check meaning and re-render with friendly messages. The schema only
// refuses what no form of ours sends.
import { Type } from 'typebox';

const field = Type.Optional(Type.String({ maxLength: 20_000 }));
const many = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]));

/**
 * The longest record entry a handler accepts. The schema allows more (OPEN_FIELD_MAX), so an
 * entry that is too long reaches the handler, which says so and keeps the text.
 */
export const ENTRY_BODY_MAX = 50_000;
const OPEN_FIELD_MAX = 60_000;

/** Forms whose field names are made at render time (rank_<id>, keep_<key>): any short strings. */
export const OpenForm = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([Type.String({ maxLength: OPEN_FIELD_MAX }), Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20 })]),
  { maxProperties: 120 },
);

export const AboutMeBody = Type.Object({
  nameToUse: field,
  pronouns: many,
  customPronouns: field,
  title: field,
  genderWords: field,
  avoid: field,
  communicationNeeds: many,
  communicationOther: field,
  goals: field,
  _csrf: field,
});

export const ContactBody = Type.Object({
  channels: many,
  senderName: field,
  subject: field,
  envelopeName: field,
  voicemail: field,
  safeTimes: field,
  mobileNumber: field,
  postalAddress: field,
  frequency: field,
  _csrf: field,
});

export const PreviousNameBody = Type.Object({ previousName: Type.Optional(Type.String({ maxLength: 500 })), _csrf: field });
export const CsrfOnly = Type.Object({ _csrf: field });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
/** `?page=N` on a list shown a page at a time. */
export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
export const EntryParams = Type.Object({ entryId: Type.String({ format: 'uuid' }) });
export const PersonEntryParams = Type.Object({ id: Type.String({ format: 'uuid' }), entryId: Type.String({ format: 'uuid' }) });
export const CorrectionParams = Type.Object({ id: Type.String({ format: 'uuid' }), entryId: Type.String({ format: 'uuid' }), responseId: Type.String({ format: 'uuid' }) });
export const NewEntryQuery = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 20 })) });
export const RespondBody = Type.Object({ kind: field, body: field, _csrf: field });
export const ReviewBody = Type.Object({ decision: field, holdReason: field, correction: field, body: field, _csrf: field });
export const SendBody = Type.Object({ reason: field, _csrf: field });
export const AccessBody = Type.Object({ email: field, reason: field, hours: field, _csrf: field });
export const DataRequestBody = Type.Object({ kind: field, detail: field, _csrf: field });
export const DataAnswerBody = Type.Object({ outcome: field, answer: field, _csrf: field });
export const CaseloadBody = Type.Object({ practitionerId: field, email: field, _csrf: field });
export const CaseloadRemoveBody = Type.Object({ practitionerId: field, personId: field, _csrf: field });

/** A search of the caseload, from a form that works without JavaScript (GET). Long text is cut, never refused. */
export const SearchQuery = Type.Object({ q: Type.Optional(Type.String()) });
