// The feedback feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.
export interface FeedbackItemTable {
  id: string;
  created_at: string;
  body: string;
  rating: string | null;
  area: string;
  consent_publish: number;
  account_id: string | null;
  reply_channel: string | null;
  reply_email: string | null;
  reply_phone: string | null;
  replied_at: string | null;
  risk: number;
  deidentified_text: string;
  moderation: string;
  public_text: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  first_response_at: string | null;
  days_to_first_response: number | null;
  closed_at: string | null;
  days_to_closure: number | null;
}

export interface FeedbackThemeTable {
  id: string;
  name: string;
  description: string;
  created_by: string | null;
  created_at: string;
}

export interface FeedbackItemThemeTable {
  feedback_id: string;
  theme_id: string;
  applied_by: string | null;
  applied_at: string;
  feedback_created_at: string;
  via_suggestion: number;
}

export interface FeedbackThemeSuggestionTable {
  feedback_id: string;
  theme_id: string;
  score: number;
  decision: string;
  decided_by: string | null;
  decided_at: string;
}

export interface FeedbackActionTable {
  id: string;
  title: string;
  description: string;
  owner_id: string | null;
  due_date: string | null;
  status: string;
  proposal_id: string | null;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  you_said: string | null;
  we_did: string | null;
  because: string | null;
}

export interface FeedbackActionItemTable {
  action_id: string;
  feedback_id: string;
}

export interface FeedbackActionThemeTable {
  action_id: string;
  theme_id: string;
}

export interface FeedbackReplyTaskTable {
  id: string;
  feedback_id: string;
  action_id: string;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    feedback_items: FeedbackItemTable;
    feedback_themes: FeedbackThemeTable;
    feedback_item_themes: FeedbackItemThemeTable;
    feedback_theme_suggestions: FeedbackThemeSuggestionTable;
    feedback_actions: FeedbackActionTable;
    feedback_action_items: FeedbackActionItemTable;
    feedback_action_themes: FeedbackActionThemeTable;
    feedback_reply_tasks: FeedbackReplyTaskTable;
  }
}
