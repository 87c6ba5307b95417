// The record feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.
/** The search index of the names people use (About me), kept by triggers; read by platform/db/search.ts. */
export interface RecordPeopleSearchTable {
  id: string;
  body: string;
}

export interface AboutMeTable {
  account_id: string;
  name_to_use: string;
  pronouns: string;
  name_only: number;
  title: string | null;
  gender_words: string;
  avoid_words: string;
  communication_needs: string;
  communication_other: string | null;
  goals: string | null;
  updated_at: string;
}

export interface PreviousNameTable {
  id: string;
  account_id: string;
  sequence_hashes: string;
  word_hashes: string;
  max_words: number;
  created_at: string;
}

export interface CarePriorityTable {
  id: string;
  label: string;
  description: string;
  sort_order: number;
  active: number;
}

export interface PersonPriorityTable {
  account_id: string;
  priority_id: string;
  rank: number;
  own_words: string | null;
  updated_at: string;
}

export interface CaseloadTable {
  practitioner_id: string;
  person_id: string;
  added_at: string;
  added_by: string | null;
}

export type EntryKind = 'note' | 'letter' | 'care-plan';
/** `objected`: the person asked for it not to be sent yet; it goes only once the practitioner records that they discussed it. */
export type LetterStatus = 'awaiting-review' | 'reviewed' | 'objected' | 'sent';

export interface RecordEntryTable {
  id: string;
  person_id: string;
  kind: EntryKind;
  author_id: string;
  revision: number;
  title: string;
  body: string;
  recipient: string | null;
  letter_status: LetterStatus | null;
  reviewed_at: string | null;
  sent_at: string | null;
  sent_by: string | null;
  sent_without_review_reason: string | null;
  /** Sent after the person objected: what the practitioner recorded about discussing it with them. */
  objection_discussed: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecordRevisionTable {
  id: string;
  entry_id: string;
  person_id: string;
  revision: number;
  author_id: string;
  title: string;
  body: string;
  recipient: string | null;
  change_reason: string | null;
  kept_warnings: string;
  created_at: string;
}

/** `review`: the letter can be sent; `objection`: please don't send it yet, and why. */
export type ResponseKind = 'view' | 'agree' | 'correction' | 'review' | 'objection';
export type CorrectionStatus = 'open' | 'corrected' | 'declined';

export interface RecordResponseTable {
  id: string;
  entry_id: string;
  person_id: string;
  revision: number;
  kind: ResponseKind;
  body: string | null;
  status: CorrectionStatus | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  answer_revision: number | null;
  created_at: string;
}

/** The version of each entry the person last opened: anything newer is marked new for them. */
export interface RecordReadTable {
  person_id: string;
  entry_id: string;
  revision: number;
  read_at: string;
}

export interface AccessGrantTable {
  id: string;
  practitioner_id: string;
  person_id: string;
  reason: string;
  granted_at: string;
  expires_at: string;
}

export interface AccessLogTable {
  id: string;
  person_id: string;
  viewer_id: string;
  viewer_role: string;
  what: string;
  why: string;
  at: string;
}

export interface DataRequestTable {
  id: string;
  person_id: string;
  kind: 'erasure' | 'correction';
  detail: string;
  status: 'open' | 'done' | 'refused';
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    about_me: AboutMeTable;
    record_people_search: RecordPeopleSearchTable;
    previous_names: PreviousNameTable;
    care_priorities: CarePriorityTable;
    person_priorities: PersonPriorityTable;
    caseload: CaseloadTable;
    record_entries: RecordEntryTable;
    record_revisions: RecordRevisionTable;
    record_responses: RecordResponseTable;
    record_reads: RecordReadTable;
    access_grants: AccessGrantTable;
    access_log: AccessLogTable;
    data_requests: DataRequestTable;
  }
}
