// The duty feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.

export type DutySource = 'feedback' | 'record-response';

export interface DutyAlertTable {
  id: string;
  /** Where the words came from, and that item's id there. */
  source: DutySource;
  source_id: string;
  /** Whose words, when they were signed in (null for anonymous feedback). */
  person_id: string | null;
  /** The words as written: read only by the duty role, never mailed, never shown to peers. */
  body: string;
  /** The source's own de-identified version, which the duty team may edit and release. */
  suggested_release: string | null;
  raised_at: string;
  taken_by: string | null;
  taken_at: string | null;
  escalated_at: string | null;
  closed_by: string | null;
  closed_at: string | null;
  /** What the duty team did, in their words. */
  action_taken: string | null;
  /** After closing: kept withheld, or released (de-identified) to where it came from. */
  release: 'withheld' | 'released' | null;
  released_text: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    duty_alerts: DutyAlertTable;
  }
}
