// Table types for Kysely. The platform's tables are declared here; each feature adds its
// own tables by augmenting `Database` from its `repository.ts`:
//
//   declare module '../../platform/db/schema.ts' {
//     interface Database { feedback: FeedbackTable }
//   }
//
// Conventions that keep one set of migrations working on SQLite and PostgreSQL:
// ids are text (random UUIDs), times are ISO-8601 UTC text, flags are integers 0/1.

export type Role = 'person' | 'practitioner' | 'group' | 'lead';
export const ROLES: readonly Role[] = ['person', 'practitioner', 'group', 'lead'];

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface AccountRoleTable {
  account_id: string;
  role: Role;
  granted_at: string;
  granted_by: string | null;
}

export interface InvitationTable {
  id: string;
  email: string;
  display_name: string;
  roles: string; // comma-separated Role list
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface PasswordResetTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

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
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface Database {
  accounts: AccountTable;
  account_roles: AccountRoleTable;
  invitations: InvitationTable;
  password_resets: PasswordResetTable;
  kv: KvTable;
  audit_log: AuditTable;
  outbox: OutboxTable;
}
