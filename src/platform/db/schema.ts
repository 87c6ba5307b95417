// Table types for Kysely. The platform's own tables are declared here (the shared store's kv,
// the audit log, the outbox); each feature adds its tables by augmenting `Database` from its
// `tables.ts`, and only that feature's repository queries them:
//
//   declare module '../../platform/db/schema.ts' {
//     interface Database { feedback_items: FeedbackItemTable }
//   }
//
// Conventions that keep one set of migrations working on SQLite and PostgreSQL:
// ids are text (random UUIDs), times are ISO-8601 UTC text, flags are integers 0/1.

/** Short-lived keyed state shared by every instance: sessions and rate-limit counters. */
export interface KvTable {
  key: string;
  value: string;
  expires_at: number; // epoch milliseconds
}

export interface AuditTable {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  subject: string | null;
  detail: string; // JSON, never personal data beyond ids
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  sender_name: string | null;
  purpose: string;
  /** `withdrawn`: never sent, because the account it was for was suspended first. */
  status: 'pending' | 'sent' | 'failed' | 'withdrawn';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Higher is sent first: a duty alert goes ahead of everything else. */
  priority: number;
  /** `email` (SMTP, or Notify when no SMTP), `sms` or `letter` (GOV.UK Notify). */
  channel: 'email' | 'sms' | 'letter';
  /** For a text: the person's safe times (`Mon-Fri 10:00-15:00`); outside them it waits. */
  send_window: string | null;
  /** GOV.UK Notify's id for the message once Notify accepted it: its delivery receipts name it. */
  provider_id: string | null;
  /** The last status Notify gave after accepting it (`delivered`, `permanent-failure`…). */
  delivery_status: string | null;
  /** When the outbox job last asked Notify how the message went (letters have no callback). */
  delivery_checked_at: string | null;
}

export interface Database {
  kv: KvTable;
  audit_log: AuditTable;
  outbox: OutboxTable;
}
