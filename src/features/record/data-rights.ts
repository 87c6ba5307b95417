// Data rights: everything withme holds about a person, answered at once (a subject access
// request). (Requests to correct or erase are in service/data-requests.ts.)
//
// The download is built from the live schema, not a hand-kept list: every table with a column
// that refers to an account (a foreign key to accounts, an *_id/*_by column naming a person, or
// an email column) is searched for the person. Secrets (password and token hashes, keyed
// previous-name hashes, the audit chain's hashes) are left out: they are not readable data; and
// so are the links that sign in, in the messages we sent (SIGN_IN_LINK).
import { sql } from 'kysely';
import { audit } from '../../platform/audit.ts';
import { dialectOf, nowIso, type Db, type Conn } from '../../platform/db/database.ts';

/** Column names that refer to an account. */
export const PERSON_COLUMN = /^(account_id|person_id|actor_id|author_id|viewer_id|voter_id|decider_id|practitioner_id|member_id|owner_id|user_id|subject|assigned_to|[a-z_]+_by|[a-z_]+_account_id|[a-z_]+_person_id|[a-z_]+_member_id)$/;
/**
 * Of those, the columns that say whom a row is ABOUT. A row matched by one of these (or by the
 * person's email) is theirs and is exported in full. Every other account column names an ACTOR
 * (who wrote, moderated, answered, invited, viewed…): a row matched only there is about someone
 * else, so only the actor column, the row's id and its times are exported, never its content.
 */
export const ABOUT_COLUMN = /^(account_id|person_id|member_id|owner_id|user_id|subject|[a-z_]+_account_id|[a-z_]+_person_id)$/;
/**
 * Tables of the shared workspace whose rows are about no one in particular, and the columns
 * naming who wrote them (a proposal, a comment, an option, advice, a named vote, a page, minutes,
 * a theme). What the person wrote there is their own words and is exported in full. Listed by
 * hand, not matched by name: a table about someone must never hand its author the content about
 * that person (a note in another person's record stays "who and when"). `data-rights.test.ts`
 * checks every entry still names a real table and column.
 */
export const AUTHORED: Record<string, readonly string[]> = {
  coproduction_proposals: ['author_id'],
  coproduction_comments: ['author_id'],
  coproduction_options: ['drafted_by'],
  coproduction_advice: ['adviser_id'],
  coproduction_ballots: ['voter_id'],
  coproduction_decisions: ['opened_by', 'decider_id', 'closed_by'],
  coproduction_documents: ['created_by'],
  coproduction_document_versions: ['created_by'],
  coproduction_document_comments: ['author_id'],
  coproduction_meetings: ['created_by'],
  feedback_themes: ['created_by'],
};
/** Kept from a row where the person is only the actor: its id and when things happened. */
const ACTOR_ROW_KEEP = /^(id|[a-z_]+_at)$/;
/** Column names that hold an email address. */
export const EMAIL_COLUMN = /^(email|to_address|[a-z_]*_email)$/;
/** Never exported: hashes, tokens and secrets are not readable data. */
export const SECRET_COLUMN = /(^|_)(password|token|secret)(_|$)|(^|_)hash(es)?$/;

/**
 * A link that signs in as someone (an invitation, a password reset), in a message we sent: taken
 * out of the download, which may be saved, printed or handed to someone else, while it could
 * still work.
 */
export const SIGN_IN_LINK = /\/(invitations|reset-password)\/[A-Za-z0-9_-]+/g;

const withoutSignInLinks = (value: unknown): unknown => (typeof value === 'string' ? value.replace(SIGN_IN_LINK, '/$1/[link removed]') : value);

/** Tables holding nothing readable about anyone, with the reason. */
export const NOT_EXPORTED: Record<string, string> = {
  kv: 'Short-lived session and rate-limit state: session ids and counters, nothing a person wrote or that describes them.',
  kysely_migration: 'The database version.',
  kysely_migration_lock: 'The database version.',
  // The caseload's search index: a copy of the name you use, kept by the database from About me
  // (which the download has), in SQLite's own storage tables as well on the embedded database.
  ...Object.fromEntries(['', '_content', '_data', '_idx', '_docsize', '_config'].map((part) => [`record_people_search${part}`, 'A search index: a copy of the name you use from About me, which is in your download.'])),
  // The lead's search of accounts: a copy of your account's name and email address (in your download as your account).
  ...Object.fromEntries(['', '_content', '_data', '_idx', '_docsize', '_config'].map((part) => [`accounts_directory_search${part}`, 'A search index: a copy of your account’s name and email address, which are in your download.'])),
};

export const TABLE_LABELS: Record<string, string> = {
  accounts: 'Your account',
  account_roles: 'Your roles',
  account_suspensions: 'Times your account was suspended, and why',
  invitations: 'Invitations',
  password_resets: 'Password resets',
  audit_log: 'Audit log entries about you or by you',
  outbox: 'Messages we sent you',
  contact_preferences: 'How we may contact you',
  notices: 'Your notifications (listed on your home page)',
  notice_digests: 'Messages we sent to say there was something new',
  about_me: 'About me',
  previous_names: 'Names we must never use (kept only as keyed hashes, so we cannot show them)',
  person_priorities: 'What matters most to you',
  caseload: 'Practitioners you are with',
  record_entries: 'Your record',
  record_revisions: 'Every version of your record',
  record_responses: 'Your views, agreements, reviews and correction requests',
  access_grants: 'Time-limited access to your record',
  access_log: 'Who looked at your record',
  data_requests: 'Your requests to correct or erase data',
};

export interface PersonTable {
  table: string;
  /** Every column that refers to an account (about and actor columns). */
  idColumns: string[];
  /** Columns that say whom the row is about (see ABOUT_COLUMN). */
  aboutColumns: string[];
  /** Authorship in a table about no one in particular (see AUTHORED): their own words, in full. */
  authorColumns: string[];
  /** Columns naming who acted: matched alone, the row is exported without its content. */
  actorColumns: string[];
  emailColumns: string[];
  omit: string[];
}

/** Every table that can hold data about a person, from the live schema. */
export async function personTables(db: Conn): Promise<PersonTable[]> {
  const tables = await db.introspection.getTables();
  const fks = await accountForeignKeys(db);
  const out: PersonTable[] = [];
  for (const t of tables) {
    if (t.name in NOT_EXPORTED) continue;
    const idColumns = t.columns
      .map((c) => c.name)
      .filter((c) => (t.name === 'accounts' ? c === 'id' : c !== 'id' && (PERSON_COLUMN.test(c) || fks.has(`${t.name}.${c}`))));
    const emailColumns = t.columns.map((c) => c.name).filter((c) => EMAIL_COLUMN.test(c));
    if (!idColumns.length && !emailColumns.length) continue;
    const aboutColumns = t.name === 'accounts' ? idColumns : idColumns.filter((c) => ABOUT_COLUMN.test(c));
    // Never for a table that says whom its rows are about (see AUTHORED; the test checks the list).
    const authored = Object.hasOwn(AUTHORED, t.name) && !aboutColumns.length ? AUTHORED[t.name]! : [];
    const authorColumns = idColumns.filter((c) => authored.includes(c));
    const actorColumns = idColumns.filter((c) => !aboutColumns.includes(c) && !authorColumns.includes(c));
    out.push({ table: t.name, idColumns, aboutColumns, authorColumns, actorColumns, emailColumns, omit: t.columns.map((c) => c.name).filter((c) => SECRET_COLUMN.test(c)) });
  }
  return out.sort((a, b) => a.table.localeCompare(b.table));
}

/** `table.column` for every column with a foreign key to accounts. */
async function accountForeignKeys(db: Conn): Promise<Set<string>> {
  const out = new Set<string>();
  if (dialectOf(db) === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    for (const { name } of tables.rows) {
      const fks = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
      for (const fk of fks.rows) if (fk.table === 'accounts') out.add(`${name}.${fk.from}`);
    }
  } else {
    const fks = await sql<{ table_name: string; column_name: string }>`
      select kcu.table_name, kcu.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'accounts' and tc.table_schema = current_schema()`.execute(db);
    for (const fk of fks.rows) out.add(`${fk.table_name}.${fk.column_name}`);
  }
  return out;
}

export interface DataSection {
  table: string;
  label: string;
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

export interface DataExport {
  generatedAt: string;
  person: { id: string; email: string; displayName: string };
  about: string;
  sections: DataSection[];
}

function humanise(table: string): string {
  const s = table.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Everything withme holds about this account (the one signed in, as `loadActor` found it), table
 * by table.
 */
export async function everythingAbout(db: Db, account: { id: string; email: string; displayName: string }): Promise<DataExport> {
  const accountId = account.id;
  // Recorded first, so the download includes the record of itself.
  await audit(db, { actorId: accountId, action: 'data.download', subject: accountId });
  const sections: DataSection[] = [];
  for (const t of await personTables(db)) {
    const conditions = [
      ...t.idColumns.map((c) => sql`${sql.ref(c)} = ${accountId}`),
      ...t.emailColumns.map((c) => sql`lower(${sql.ref(c)}) = ${account.email.toLowerCase()}`),
    ];
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(t.table)} where ${sql.join(conditions, sql` or `)}`.execute(db);
    if (!result.rows.length) continue;
    const email = account.email.toLowerCase();
    const rows = result.rows.map((row) => {
      const theirs = [...t.aboutColumns, ...t.authorColumns].some((c) => row[c] === accountId) || t.emailColumns.some((c) => typeof row[c] === 'string' && row[c].toLowerCase() === email);
      // Only an actor here: the row is about someone else. Say that the person acted, and when; nothing more.
      const keep = theirs ? (k: string) => !t.omit.includes(k) : (k: string) => ACTOR_ROW_KEEP.test(k) || (t.actorColumns.includes(k) && row[k] === accountId);
      return Object.fromEntries(Object.entries(row).filter(([k]) => keep(k)).map(([k, v]) => [k, withoutSignInLinks(v)]));
    });
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    sections.push({ table: t.table, label: TABLE_LABELS[t.table] ?? humanise(t.table), columns, rows });
  }
  return {
    generatedAt: nowIso(),
    person: { id: account.id, email: account.email, displayName: account.displayName },
    about: 'Everything withme holds about you, and everything you wrote in the coproduction workspace. Where you only acted on something about someone else (for example you wrote a note in their record, answered their request or moderated their feedback), we list that you did it and when, but not what it says about them. Previous names are kept only as keyed hashes, which cannot be turned back into names, so they are listed by the date you added them. Password and link hashes are left out for your safety, and so are the links in invitations and password resets we sent you.',
    sections,
  };
}
