// The append-only, hash-chained audit log. Each entry's hash covers its own fields and the
// previous entry's hash, so removing or editing any entry breaks every hash after it; `withme
// audit verify` walks the chain. Details hold ids and outcomes only, never personal data.
//
// Cutting entries off the END leaves a shorter chain that still holds together, so the chain
// alone cannot show it. Verification prints the head (`seq:hash`) as an anchor to keep somewhere
// else (a ticket, the operations log, another system); verifying later with that anchor proves
// the log still holds that entry, unchanged, and everything before it.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, inTransaction, nowIso, type Conn, type Db, type Trx } from './db/database.ts';
import type { AuditTable } from './db/schema.ts';

export interface AuditEvent {
  actorId: string | null;
  action: string;
  subject?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

const GENESIS = '0'.repeat(64);

let appended = 0;
/** Entries this process has appended since it started (for metrics). */
export function auditAppends(): number {
  return appended;
}
// Any value: the lock only has to be the same for every writer of the audit log.
const AUDIT_LOCK_KEY = 7_220_461;

function entryHash(entry: Omit<AuditTable, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([entry.seq, entry.at, entry.actor_id, entry.action, entry.subject, entry.detail, entry.prev_hash]))
    .digest('hex');
}

export interface AuditOptions {
  /**
   * Append only if the same actor has no entry with this action and subject in the last this
   * many milliseconds: for events that can repeat many times a minute (a live check).
   */
  oncePerMs?: number;
}

async function appendIn(trx: Trx, event: AuditEvent, options: AuditOptions): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    // Several instances append at once: one at a time keeps the chain a single line.
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  }
  if (options.oncePerMs) {
    const since = new Date(Date.now() - options.oncePerMs).toISOString();
    let recent = trx.selectFrom('audit_log').select('seq').where('action', '=', event.action).where('at', '>=', since);
    recent = event.subject ? recent.where('subject', '=', event.subject) : recent.where('subject', 'is', null);
    recent = event.actorId ? recent.where('actor_id', '=', event.actorId) : recent.where('actor_id', 'is', null);
    if (await recent.limit(1).executeTakeFirst()) return;
  }
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    at: nowIso(),
    actor_id: event.actorId,
    action: event.action,
    subject: event.subject ?? null,
    detail: JSON.stringify(event.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx.insertInto('audit_log').values({ ...entry, hash: entryHash(entry) }).execute();
  appended += 1;
}

/** Appends an event, inside the caller's transaction when it has one. */
export async function audit(db: Conn, event: AuditEvent, options: AuditOptions = {}): Promise<void> {
  await inTransaction(db, (trx) => appendIn(trx, event, options));
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The newest entry, as an anchor to keep outside the database: `seq:hash`. */
  head?: string;
  /** The first entry whose hash or link does not hold. */
  brokenAt?: number;
  problem?: string;
}

/** The newest entry as an anchor (`seq:hash`), without walking the chain; undefined when empty. */
export async function auditHead(db: Db): Promise<string | undefined> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ? `${last.seq}:${last.hash}` : undefined;
}

export class AnchorError extends Error {
  override name = 'AnchorError';
}

/** Reads an anchor `seq:hash` as printed by a verification; throws AnchorError when it is not one. */
export function parseAnchor(text: string): { seq: number; hash: string } {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new AnchorError(`"${text}" is not an audit anchor: expected the entry number, a colon and its 64-character hash, as "withme audit verify" prints it`);
  return { seq: Number(match[1]), hash: match[2]! };
}

/**
 * Walks the whole chain. With an anchor from an earlier verification, also requires that entry
 * still to be there with the same hash, which shows that nothing was cut off the end since.
 */
export async function verifyAuditChain(db: Db, anchor?: { seq: number; hash: string }): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, entries, brokenAt: expectedSeq, problem: `entry ${expectedSeq} is missing` };
      if (row.prev_hash !== prevHash) return { ok: false, entries, brokenAt: row.seq, problem: `entry ${row.seq} does not link to the entry before it` };
      const { hash, ...rest } = row;
      if (entryHash(rest) !== hash) return { ok: false, entries, brokenAt: row.seq, problem: `entry ${row.seq} was changed after it was written` };
      prevHash = hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = entries ? `${entries}:${prevHash}` : undefined;
  if (anchor) {
    if (anchor.seq > entries) return { ok: false, entries, brokenAt: entries + 1, problem: `the log ends at entry ${entries}, but entry ${anchor.seq} was written before (the anchor): entries were removed from the end` };
    const anchored = await db.selectFrom('audit_log').select('hash').where('seq', '=', anchor.seq).executeTakeFirstOrThrow();
    if (anchored.hash !== anchor.hash) return { ok: false, entries, brokenAt: anchor.seq, problem: `entry ${anchor.seq} is not the entry that was anchored: the log was rewritten from there` };
  }
  return { ok: true, entries, ...(head ? { head } : {}) };
}
