// The accounts feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.
import type { Generated } from 'kysely';
import type { Role } from '../../platform/policy.ts';

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: string | null;
  created_at: string;
  /** Set while the account is suspended: no sign-in, no session, no mail, nothing readable. */
  disabled_at: string | null;
  /** Sessions begun before this time are ended (a suspension sets it). */
  sessions_ended_at: string | null;
}

/** Each time an account was suspended: why, by whom and when, and who restored it and when. */
export interface AccountSuspensionTable {
  id: string;
  account_id: string;
  reason: string;
  suspended_by: string;
  suspended_at: string;
  restored_by: string | null;
  restored_at: string | null;
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

/** How withme may reach an account's holder safely: channels, a discreet sender and subject, safe times. */
export interface ContactPreferencesTable {
  account_id: string;
  email_allowed: number;
  letter_allowed: number;
  phone_allowed: number;
  text_allowed: number;
  sender_name: string | null;
  subject: string | null;
  envelope_name: string | null;
  voicemail_allowed: number;
  safe_times: string | null;
  /** Where texts go (GOV.UK Notify), when the person allowed them. */
  mobile_number: string | null;
  /** Where letters go: the lines of the address, one a line, under the envelope name. */
  postal_address: string | null;
  /** How often a digest of notices may go: `immediately` (a few minutes' batching), `daily` or `weekly`. */
  notice_frequency: Generated<string>;
  updated_at: string;
}

/** Something that waits for an account, raised by any feature: listed in the app, and mailed in a digest. */
export interface NoticeTable {
  id: string;
  account_id: string;
  /** What it is for (`record-entry`…): never in a message. */
  purpose: string;
  /** The words listed in the app, behind sign-in ("There is a new entry in your record"). */
  text: string;
  /** Where it leads in the app. */
  href: string;
  created_at: string;
  read_at: string | null;
  /** When a digest took it, or it was settled without one (nothing could reach the person). */
  mailed_at: string | null;
  digest_id: string | null;
}

/** One discreet message for the notices pending for an account; `claim` names the digest before it. */
export interface NoticeDigestTable {
  id: string;
  account_id: string;
  channel: string;
  claim: string;
  notices: number;
  sent_at: string;
}

/** A passkey (WebAuthn credential) or an authenticator app (TOTP secret, encrypted) of an account. */
export interface SecondFactorTable {
  id: string;
  account_id: string;
  kind: 'passkey' | 'totp';
  label: string;
  credential_id: string | null;
  public_key: string | null;
  sign_count: number;
  transports: string | null;
  totp_secret: string | null;
  /** The time step of the last code accepted from this app: that code and older ones are refused after. */
  totp_last_step: number | null;
  created_at: string;
  last_used_at: string | null;
}

/** One recovery code of an account, as an argon2id hash; each signs in once. */
export interface RecoveryCodeTable {
  id: string;
  account_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** The NHS login identity an account is linked to (one each way). */
/** Accounts' search index for the lead, by name and email (an FTS5 table on SQLite, a tsvector on PostgreSQL), kept by triggers; read by platform/db/search.ts. */
export interface AccountsDirectorySearchTable {
  id: string;
  body: string;
}

export interface NhsLoginLinkTable {
  account_id: string;
  /** NHS login's `sub`: stable for the person, meaningless elsewhere. */
  subject: string;
  /** The `nhs_number` claim, AES-256-GCM with a key derived from WITHME_SECRET (nhs-number.ts). */
  nhs_number_encrypted: string | null;
  /** The identity proofing level NHS login vouched for at the last sign-in (P0, P5 or P9). */
  identity_level: string | null;
  linked_at: string;
  last_signed_in_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    accounts: AccountTable;
    account_roles: AccountRoleTable;
    account_suspensions: AccountSuspensionTable;
    invitations: InvitationTable;
    password_resets: PasswordResetTable;
    contact_preferences: ContactPreferencesTable;
    notices: NoticeTable;
    notice_digests: NoticeDigestTable;
    second_factors: SecondFactorTable;
    recovery_codes: RecoveryCodeTable;
    nhs_login_links: NhsLoginLinkTable;
    accounts_directory_search: AccountsDirectorySearchTable;
  }
}
