// "Your data" as a person reads it: the same facts as the full download (data-rights.ts), in
// plain sections, with names instead of ids and nothing a database would say. What is not one
// of the sections here (things they wrote elsewhere in the service, the audit trail) is counted,
// with the full machine-readable copy one link away.
import type { Db } from '../../../platform/db/database.ts';
import { displayNames, loadContact, type ContactSafety } from '../../accounts/index.ts';
import { everythingAbout } from '../data-rights.ts';
import { KIND_LABELS } from '../entry-kinds.ts';
import type { AboutMe } from '../profile.ts';
import * as repo from '../repository.ts';
import { listProtectedNames, loadAboutMe, loadPriorities } from './about-me.ts';
import { accessLogOf } from './access.ts';

/** Tables shown in their own section, so not counted again under "Other things we hold". */
const SHOWN = new Set([
  'accounts', 'account_roles', 'contact_preferences', 'about_me', 'previous_names', 'person_priorities', 'caseload', 'record_entries', 'record_revisions',
  'record_responses', 'record_reads', 'access_grants', 'access_log', 'data_requests', 'outbox', 'account_suspensions',
]);

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

export interface ReadableData {
  generatedAt: string;
  name: string;
  email: string;
  roles: string[];
  about: AboutMe | undefined;
  contact: (ContactSafety & { saved: boolean }) | undefined;
  priorities: Array<{ label: string; rank: number; ownWords: string }>;
  protectedNames: Array<{ addedAt: string }>;
  practitioners: Array<{ name: string; since: string }>;
  entries: Array<{ title: string; kind: string; author: string; changedAt: string; letterStatus: string | null; revision: number }>;
  responses: Array<{ kind: string; entryTitle: string; body: string | null; at: string; status: string | null; answer: string | null; answeredBy: string | null }>;
  accessLog: Awaited<ReturnType<typeof accessLogOf>>;
  requests: Awaited<ReturnType<typeof repo.listDataRequests>>;
  messages: Array<{ purpose: string; at: string; status: string }>;
  /** Each time the account was closed for a while: why, when, and when it was opened again. */
  suspensions: Array<{ reason: string; at: string; restoredAt: string | null }>;
  elsewhere: Array<{ label: string; count: number; latest: string | null }>;
}

export async function readableData(db: Db, account: { id: string; email: string; displayName: string; roles: ReadonlySet<string> }): Promise<ReadableData> {
  const full = await everythingAbout(db, account);
  const [about, contact, priorities, protectedNames, practitionerRows, entryRows, responseRows, accessLog, requests] = await Promise.all([
    loadAboutMe(db, account.id),
    loadContact(db, account.id),
    loadPriorities(db, account.id),
    listProtectedNames(db, account.id),
    repo.practitionersOf(db, account.id),
    repo.listEntries(db, account.id),
    repo.responsesBy(db, account.id),
    account.roles.has('person') ? accessLogOf(db, account.id) : Promise.resolve({ log: [], grants: [] }),
    repo.listDataRequests(db, account.id),
  ]);
  const names = await displayNames(db, [...practitionerRows.map((p) => p.practitioner_id), ...entryRows.map((e) => e.author_id), ...responseRows.flatMap((r) => (r.answered_by ? [r.answered_by] : []))]);
  const titles = new Map(entryRows.map((e) => [e.id, e.title]));
  const outbox = full.sections.find((s) => s.table === 'outbox');
  const suspensions = full.sections.find((s) => s.table === 'account_suspensions');
  return {
    generatedAt: full.generatedAt,
    name: account.displayName,
    email: account.email,
    roles: [...account.roles],
    about,
    contact: contact.saved ? contact : undefined,
    priorities: priorities.filter((p) => p.rank !== null).map((p) => ({ label: p.label, rank: p.rank!, ownWords: p.ownWords })).sort((a, b) => a.rank - b.rank),
    protectedNames: protectedNames.map((p) => ({ addedAt: p.addedAt })),
    practitioners: practitionerRows.map((p) => ({ name: names.get(p.practitioner_id) ?? 'A practitioner', since: p.added_at })),
    entries: entryRows.map((e) => ({ title: e.title, kind: KIND_LABELS[e.kind], author: names.get(e.author_id) ?? '', changedAt: e.updated_at, letterStatus: e.letter_status, revision: e.revision })),
    responses: responseRows.map((r) => ({ kind: r.kind, entryTitle: titles.get(r.entry_id) ?? '', body: r.body, at: r.created_at, status: r.status, answer: r.answer, answeredBy: r.answered_by ? (names.get(r.answered_by) ?? null) : null })),
    accessLog,
    requests,
    messages: (outbox?.rows ?? []).map((m) => ({ purpose: textOf(m.purpose), at: textOf(m.created_at), status: textOf(m.status) })),
    suspensions: (suspensions?.rows ?? []).map((r) => ({ reason: textOf(r.reason), at: textOf(r.suspended_at), restoredAt: textOf(r.restored_at) || null })),
    elsewhere: full.sections
      .filter((s) => !SHOWN.has(s.table))
      .map((s) => {
        const times = s.rows.flatMap((r) => Object.entries(r).filter(([k, v]) => k.endsWith('_at') && typeof v === 'string' && v).map(([, v]) => String(v))).sort();
        return { label: s.label, count: s.rows.length, latest: times.at(-1) ?? null };
      }),
  };
}
