// The coproduction feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.
export interface SettingsTable { id: string; quorum_min_group: number; quorum_min_share_percent: number; updated_at: string; updated_by: string | null }
export interface ProposalTable {
  id: string; title: string; problem: string; affects: string; idea: string; area: string; origin: string;
  author_id: string; stage: string; not_adopted_reason: string | null; created_at: string; updated_at: string;
}
export interface EventTable { id: string; proposal_id: string; decision_id: string | null; at: string; actor_id: string | null; actor_origin: string | null; kind: string; detail: string }
export interface CommentTable {
  id: string; proposal_id: string; parent_id: string | null; author_id: string; author_origin: string; body: string; created_at: string;
  awaits_response: number; responded_by: string | null; responded_at: string | null; response_comment_id: string | null;
}
export interface OptionTable { id: string; proposal_id: string; title: string; description: string; drafted_by: string; drafter_origin: string; position: number; created_at: string }
export interface DecisionTable {
  id: string; proposal_id: string; method: string; question: string; anonymous: number; public: number; document_version_id: string | null;
  status: string; opened_by: string; opened_at: string; closed_by: string | null; closed_at: string | null; outcome: string | null;
  chosen_option_id: string | null; summary: string | null; quorum_min_group: number; quorum_min_share_percent: number; quorum_met: number | null;
  decider_id: string | null; claimed_level: string | null; computed_level: string | null;
  /** The exact language-guide or priorities-of-care change this decision approves (JSON), set when it opens. */
  catalogue_change: string | null;
  /** When what it approved (its catalogue change, or its document version) was applied: once only. */
  applied_at: string | null;
  /** Who runs it: closes it early, sees the concerns gathered, opens a run-off. */
  facilitator_id: string; closes_at: string; tie_break_seed: string; reminded_before_close_at: string | null; reminded_quorum_at: string | null;
}
export interface ParticipantTable { decision_id: string; account_id: string; origin: string; at: string }
export interface BallotTable {
  id: string; decision_id: string; voter_id: string | null; origin: string; position: string | null; ranking: string | null; reason: string | null;
  resolution: string | null; resolved: number | null; resolved_by: string | null; resolved_at: string | null; cast_at: string;
  /** Anonymous ballots only: HMAC(secret, decision, account), so its member can find it; never an account id. */
  owner_key: string | null;
}
export interface AdviceTable { id: string; decision_id: string; adviser_id: string; adviser_origin: string; sought_at: string; advice: string | null; given_at: string | null }
export interface DocumentTable { id: string; kind: string; title: string; slug: string; created_by: string; created_at: string; published_version_id: string | null; published_at: string | null }
export interface DocumentVersionTable {
  id: string; document_id: string; number: number; title: string; summary: string; body: string; created_by: string; author_origin: string; created_at: string;
  findings: number; blocking: number; published_at: string | null; published_by: string | null; approved_by_decision_id: string | null;
}
export interface DocumentCommentTable { id: string; version_id: string; paragraph: number; author_id: string; author_origin: string; body: string; created_at: string }
export interface CatalogueChangeTable { id: string; decision_id: string; catalogue: string; entry_id: string; change: string; before_json: string | null; after_json: string | null; at: string }
export interface MeetingTable { id: string; title: string; held_on: string; minutes: string; created_by: string; created_at: string }
export interface AgendaItemTable { meeting_id: string; proposal_id: string; position: number }
/** A piece of involvement time and its expenses (pence); `decided_by` is its approval record. */
export interface InvolvementTable {
  id: string; account_id: string; meeting_id: string | null; kind: string; worked_on: string; minutes: number; expenses_pence: number; expenses_note: string;
  unpaid: number; status: string; recorded_by: string; recorded_at: string; decided_by: string | null; decided_at: string | null;
  payment_run_id: string | null; time_pence: number | null;
}
export interface PaymentRunTable {
  id: string; period_from: string; period_to: string; method: string; time_pence: number; expenses_pence: number;
  created_by: string; created_at: string; paid_by: string | null; paid_at: string | null;
}
export interface MuteTable { account_id: string; proposal_id: string; muted_at: string }
export interface MailPreferenceTable { account_id: string; digest: string; immediate_replies: number; immediate_decisions: number; updated_at: string }
export interface ProfileTable { account_id: string; group_name: string | null; show_lived_experience: number; updated_at: string }
/** The workspace's search indexes (FTS5 tables on SQLite, tsvectors on PostgreSQL), kept by triggers; read by platform/db/search.ts. */
export interface SearchIndexTable { id: string; body: string }
export interface DigestTable { account_id: string; period: string; items: number; sent_at: string }

declare module '../../platform/db/schema.ts' {
  interface Database {
    coproduction_settings: SettingsTable;
    coproduction_proposals: ProposalTable;
    coproduction_events: EventTable;
    coproduction_comments: CommentTable;
    coproduction_options: OptionTable;
    coproduction_decisions: DecisionTable;
    coproduction_participants: ParticipantTable;
    coproduction_ballots: BallotTable;
    coproduction_advice: AdviceTable;
    coproduction_documents: DocumentTable;
    coproduction_document_versions: DocumentVersionTable;
    coproduction_proposal_search: SearchIndexTable;
    coproduction_page_search: SearchIndexTable;
    coproduction_document_comments: DocumentCommentTable;
    coproduction_catalogue_changes: CatalogueChangeTable;
    coproduction_meetings: MeetingTable;
    coproduction_agenda_items: AgendaItemTable;
    coproduction_involvement: InvolvementTable;
    coproduction_payment_runs: PaymentRunTable;
    coproduction_mutes: MuteTable;
    coproduction_mail_preferences: MailPreferenceTable;
    coproduction_digests: DigestTable;
    coproduction_profiles: ProfileTable;
  }
}
