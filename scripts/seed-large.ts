// `npm run seed:large`: builds a large service in its own data folder, to show that pages stay
// fast at that size (`WITHME_LARGE_DATA_DIR=./data-large npm run bench:http`):
//   20,000 people, 1,000,000 record entries (each with its first revision and a language-check
//   log row), 200,000 pieces of feedback with themes and actions, 5,000 proposals with
//   comments, options and decisions, plus the demo accounts (lead@, practitioner@, group@,
//   person@example.org) sharing WITHME_DEMO_PASSWORD (default: the benchmark's demo password).
// Folder: WITHME_DATA_DIR, default ./data-large. It is replaced only if seed:large made it.
// Sizes can be scaled down for a quick try: SEED_LARGE_SCALE=0.01.
//
// Fast on two cores: the schema comes from the real migrations (Kysely), then rows go in with
// better-sqlite3 prepared statements in large transactions, with synchronous=OFF while loading
// (a half-built folder is thrown away anyway), then FULL again, ANALYZE, and the insight
// snapshot computed once so the first reader does not pay for it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { DEMO_ACCOUNTS } from '../src/demo/seed.ts';
import { hashPassword } from '../src/platform/auth.ts';
import { createDb, openSqlite } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { refreshInsights } from '../src/features/insights/index.ts';
import { deidentify } from '../src/features/feedback/index.ts';

const SCALE = Number(process.env.SEED_LARGE_SCALE ?? 1);
const SIZES = {
  people: Math.round(20_000 * SCALE),
  practitioners: Math.max(2, Math.round(200 * SCALE)),
  groupMembers: Math.max(5, Math.round(60 * SCALE)),
  entries: Math.round(1_000_000 * SCALE),
  feedback: Math.round(200_000 * SCALE),
  proposals: Math.round(5_000 * SCALE),
  actions: Math.round(4_000 * SCALE),
};
const MONTHS = 24;
const DAY = 24 * 60 * 60 * 1000;
const MARKER = '.seed-large';
// The same password the benchmark's demo server uses, unless one is given.
const PASSWORD = process.env.WITHME_DEMO_PASSWORD || 'e2e demo password, not secret 8c1f';

const dataDir = path.resolve(process.env.WITHME_DATA_DIR || './data-large');
const file = path.join(dataDir, 'withme.sqlite');

// A small, seeded random number generator: the same service every time.
let state = 0x9e3779b9;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

// Ids shaped like UUIDs but increasing, so each insert lands at the end of its primary-key index
// instead of splitting pages all over it (random UUIDs make a million inserts several times slower).
let sequence = 0;
function seqId(): string {
  sequence += 1;
  const hex = sequence.toString(16).padStart(12, '0');
  return `5eed1a26-0000-4000-8000-${hex}`;
}

const now = Date.now();
const start = now - MONTHS * 30 * DAY;
/** A time in the last two years, later times a little more likely (the service grows). */
const someTime = (): number => start + Math.sqrt(random()) * (now - start - DAY);
const iso = (ms: number) => new Date(ms).toISOString();

function log(message: string): void {
  console.log(`${((Date.now() - began) / 1000).toFixed(1).padStart(6)}s  ${message}`);
}
const began = Date.now();

function prepareFolder(): void {
  if (fs.existsSync(file)) {
    if (!fs.existsSync(path.join(dataDir, MARKER))) {
      console.error(`${dataDir} holds a database that seed:large did not make. Choose another folder with WITHME_DATA_DIR.`);
      process.exit(1);
    }
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, MARKER), 'Made by npm run seed:large: safe to delete.\n');
}

function batch<T>(sqlite: SQLite.Database, rows: Iterable<T>, insert: (row: T) => void, size = 50_000): number {
  let n = 0;
  let pending: T[] = [];
  const flush = sqlite.transaction((list: T[]) => {
    for (const row of list) insert(row);
  });
  for (const row of rows) {
    pending.push(row);
    n += 1;
    if (pending.length >= size) {
      flush(pending);
      pending = [];
    }
  }
  if (pending.length) flush(pending);
  return n;
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i += 1) yield i;
}

const FIRST = ['Alex', 'Sam', 'Jordan', 'Robin', 'Kit', 'Ash', 'Charlie', 'Riley', 'Morgan', 'Jamie', 'Ezra', 'Noor', 'Rowan', 'Sasha', 'Quinn', 'Avery', 'Mika', 'Remy', 'Eden', 'Blake'];
const LAST = ['Rivera', 'Shah', 'Ellis', 'Okafor', 'Nguyen', 'Murphy', 'Khan', 'Jones', 'Evans', 'Clarke', 'Patel', 'Hughes', 'Osei', 'Walsh', 'Kowalski', 'Reid'];
const PRONOUNS = ['["they/them"]', '["she/her"]', '["he/him"]', '["she/her","they/them"]', '["he/him","they/them"]', '["xe/xem"]'];
const PRIORITY_WEIGHTS: Array<[string, number]> = [['hormones', 30], ['mental-health', 14], ['waiting-time', 14], ['voice', 9], ['surgery', 9], ['peer-support', 8], ['social-legal', 6], ['hair-removal', 5], ['sexual-health', 3], ['fertility', 2]];
const NOTE_BODIES = [
  'Talked through how things have been since the last appointment. They feel more settled and want to keep the current plan.',
  'Reviewed blood results together: all within range. Next review in three months, as agreed.',
  'They asked about voice therapy; referral discussed and agreed. They will think about group or one-to-one sessions.',
  'Discussed support while waiting for a surgery consultation, including the peer support group run by members.',
  'Agreed a care plan together: goals in their own words are recorded in About me.',
];
const FEEDBACK_BODIES = [
  'The waiting list is far too long and nobody tells you anything while you wait.',
  'Reception used my name and pronouns without me asking, which made a big difference.',
  'A letter to my GP used the wrong title again.',
  'I would love a peer support group for people on the waiting list.',
  'The hormone review took months to arrange and I ran out of my prescription.',
  'The website is hard to use on a phone.',
  'My practitioner listened and we agreed the plan together.',
  'The leaflet about voice therapy was clear and kind.',
  'It is hard to get through on the phone; nobody calls back.',
  'I was misgendered in the waiting room by another service’s staff.',
];
const THEMES = ['Waiting times', 'Letters and names', 'Respectful language', 'Peer support', 'Hormones and prescriptions', 'Phone and contact', 'Website', 'Voice and communication', 'Being listened to', 'Other services'];
const THEME_FOR_BODY = [0, 2, 1, 3, 4, 6, 8, 7, 5, 9];
const AREAS = ['first-contact', 'waiting', 'appointments', 'hormones', 'letters', 'language', 'website', 'other'];
const RATINGS = ['very-good', 'good', 'neither', 'poor', 'very-poor', 'dont-know', null];
const LEVEL_ORIGINS = ['lived-experience', 'staff'] as const;

async function main(): Promise<void> {
  if (process.env.DATABASE_URL && !process.env.DATABASE_URL.startsWith('sqlite:')) {
    console.error('seed:large builds the embedded database; unset DATABASE_URL.');
    process.exit(1);
  }
  prepareFolder();
  log(`Building a large service in ${dataDir} (scale ${SCALE})`);
  const kysely = createDb(`sqlite:${file}`);
  await migrateToLatest(kysely);
  await kysely.destroy();
  log('Migrated');

  const sqlite = openSqlite(file);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -200000');
  // Secondary indexes are dropped while loading and built again at the end, from the very SQL
  // the migrations made: building an index once over sorted data is far cheaper than keeping it
  // up to date through a million inserts.
  const indexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (select name from sqlite_master where type = 'table' and name not like 'kysely_%')")
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);

  // Accounts -----------------------------------------------------------------------------------
  const hash = await hashPassword(PASSWORD);
  const insertAccount = sqlite.prepare('insert into accounts (id, email, display_name, password_hash, created_at, disabled_at) values (?, ?, ?, ?, ?, null)');
  const insertRole = sqlite.prepare('insert into account_roles (account_id, role, granted_at, granted_by) values (?, ?, ?, null)');
  const demo: Record<string, string> = {};
  const opened = iso(start - 30 * DAY);
  sqlite.transaction(() => {
    for (const [key, account] of Object.entries(DEMO_ACCOUNTS)) {
      const id = randomUUID();
      demo[key] = id;
      insertAccount.run(id, account.email, account.displayName, hash, opened);
      for (const role of account.roles) insertRole.run(id, role, opened);
    }
  })();
  const practitioners = [demo.practitioner!];
  const group = [demo.group!];
  const people = [demo.person!];
  const staffAccounts = (n: number, role: string, list: string[], label: string) =>
    batch(sqlite, range(n), (i) => {
      const id = seqId();
      list.push(id);
      insertAccount.run(id, `${label}${i}@large.example.org`, `${pick(FIRST)} ${pick(LAST)}`, null, opened);
      insertRole.run(id, role, opened);
    });
  staffAccounts(SIZES.practitioners - 1, 'practitioner', practitioners, 'practitioner');
  staffAccounts(SIZES.groupMembers - 1, 'group', group, 'member');
  batch(sqlite, range(SIZES.people - 1), (i) => {
    const id = seqId();
    people.push(id);
    insertAccount.run(id, `person${i}@large.example.org`, `${pick(FIRST)} ${pick(LAST)}`, null, iso(someTime()));
    insertRole.run(id, 'person', opened);
  });
  log(`${people.length} people, ${practitioners.length} practitioners, ${group.length} group members`);

  // About me, priorities, caseloads -------------------------------------------------------------
  const insertAbout = sqlite.prepare("insert into about_me (account_id, name_to_use, pronouns, name_only, title, gender_words, avoid_words, communication_needs, communication_other, goals, updated_at) values (?, ?, ?, 0, ?, '[]', '[]', '[]', null, ?, ?)");
  const insertPriority = sqlite.prepare('insert into person_priorities (account_id, priority_id, rank, own_words, updated_at) values (?, ?, ?, null, ?)');
  const insertCaseload = sqlite.prepare('insert into caseload (practitioner_id, person_id, added_at, added_by) values (?, ?, ?, null)');
  const totalWeight = PRIORITY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const weighted = (): string => {
    let r = random() * totalWeight;
    for (const [id, w] of PRIORITY_WEIGHTS) if ((r -= w) < 0) return id;
    return PRIORITY_WEIGHTS[0]![0];
  };
  batch(sqlite, people.entries(), ([i, id]) => {
    const at = iso(someTime());
    insertAbout.run(id, pick(FIRST), pick(PRONOUNS), pick(['Mx', null, 'Ms', 'Mr', null]), 'To feel like myself and be treated as me.', at);
    const chosen = new Set<string>();
    while (chosen.size < 3) chosen.add(weighted());
    [...chosen].forEach((priority, rank) => insertPriority.run(id, priority, rank + 1, at));
    insertCaseload.run(i === 0 ? demo.practitioner! : practitioners[i % practitioners.length]!, id, at);
  });
  log('About me, priorities of care and caseloads');

  // The shared record: entries, first revisions, language-check log ---------------------------
  const insertEntry = sqlite.prepare("insert into record_entries (id, person_id, kind, author_id, revision, title, body, recipient, letter_status, reviewed_at, sent_at, sent_by, sent_without_review_reason, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?, ?, ?, null, null, null, null, ?, ?)");
  const insertRevision = sqlite.prepare("insert into record_revisions (id, entry_id, person_id, revision, author_id, title, body, recipient, change_reason, kept_warnings, created_at) values (?, ?, ?, 1, ?, ?, ?, ?, null, '[]', ?)");
  const insertCheck = sqlite.prepare('insert into language_check_log (id, at, source, words, findings, blocking) values (?, ?, ?, ?, ?, ?)');
  batch(sqlite, range(SIZES.entries), (i) => {
    const personIndex = i % people.length;
    const personId = people[personIndex]!;
    const author = personIndex === 0 ? demo.practitioner! : practitioners[personIndex % practitioners.length]!;
    const t = someTime();
    const at = iso(t);
    const letter = i % 10 === 0;
    const kind = letter ? 'letter' : i % 10 === 1 ? 'care-plan' : 'note';
    const title = letter ? 'Letter to GP' : kind === 'care-plan' ? 'Care plan' : 'Appointment note';
    const body = pick(NOTE_BODIES);
    const id = seqId();
    insertEntry.run(id, personId, kind, author, title, body, letter ? 'GP practice' : null, letter ? 'sent' : null, at, at);
    insertRevision.run(seqId(), id, personId, author, title, body, letter ? 'GP practice' : null, at);
    // Findings fall as the guide takes hold: about 12 per 1,000 words two years ago, 3 now.
    const words = 20 + int(60);
    const rate = 0.012 - (0.009 * (t - start)) / (now - start);
    const findings = random() < words * rate ? 1 + (random() < 0.2 ? 1 : 0) : 0;
    insertCheck.run(seqId(), at, letter ? 'record-letter' : 'record-entry', words, findings, findings && random() < 0.1 ? 1 : 0);
  }, 20_000);
  log(`${SIZES.entries} record entries with revisions and language checks`);

  // Feedback -------------------------------------------------------------------------------------
  const themeIds = THEMES.map(() => seqId());
  const insertTheme = sqlite.prepare('insert into feedback_themes (id, name, description, created_by, created_at) values (?, ?, ?, ?, ?)');
  sqlite.transaction(() => THEMES.forEach((name, i) => insertTheme.run(themeIds[i], name, '', demo.group!, opened)))();
  const insertFeedback = sqlite.prepare(`insert into feedback_items (id, created_at, body, rating, area, consent_publish, account_id, reply_channel, reply_email, reply_phone, replied_at, risk, deidentified_text, moderation, public_text, moderated_by, moderated_at, first_response_at, days_to_first_response, closed_at, days_to_closure)
    values (?, ?, ?, ?, ?, ?, null, null, null, null, null, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertItemTheme = sqlite.prepare('insert into feedback_item_themes (feedback_id, theme_id, applied_by, applied_at, feedback_created_at, via_suggestion) values (?, ?, ?, ?, ?, ?)');
  const deidentified = FEEDBACK_BODIES.map((b) => deidentify(b).text);
  const byTheme: string[][] = THEMES.map(() => []);
  batch(sqlite, range(SIZES.feedback), () => {
    const id = seqId();
    const t = someTime();
    const b = int(FEEDBACK_BODIES.length);
    const consent = random() < 0.6;
    const responded = t < now - 14 * DAY ? random() < 0.9 : random() < 0.4;
    const firstDays = responded ? Math.round((0.5 + random() * random() * 30) * 100) / 100 : null;
    const firstAt = firstDays === null ? null : t + firstDays * DAY;
    const moderation = !consent ? 'not-consented' : responded ? (random() < 0.85 ? 'approved' : 'rejected') : 'pending';
    insertFeedback.run(id, iso(t), FEEDBACK_BODIES[b], pick(RATINGS), pick(AREAS), consent ? 1 : 0, deidentified[b], moderation, moderation === 'approved' ? deidentified[b] : null,
      moderation === 'approved' || moderation === 'rejected' ? pick(group) : null, firstAt && moderation !== 'pending' ? iso(firstAt) : null,
      firstAt ? iso(firstAt) : null, firstDays, null, null);
    if (responded) {
      const theme = THEME_FOR_BODY[b]!;
      insertItemTheme.run(id, themeIds[theme], pick(group), iso(firstAt!), iso(t), random() < 0.3 ? 1 : 0);
      byTheme[theme]!.push(id);
    }
  });
  log(`${SIZES.feedback} pieces of feedback, themed`);

  // Actions: closing them closes the feedback linked to them.
  const insertAction = sqlite.prepare(`insert into feedback_actions (id, title, description, owner_id, due_date, status, proposal_id, created_by, created_at, closed_at, closed_by, you_said, we_did, because)
    values (?, ?, '', ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?)`);
  const insertActionItem = sqlite.prepare('insert or ignore into feedback_action_items (action_id, feedback_id) values (?, ?)');
  const insertActionTheme = sqlite.prepare('insert into feedback_action_themes (action_id, theme_id) values (?, ?)');
  const closeItem = sqlite.prepare("update feedback_items set closed_at = ?, days_to_closure = round((julianday(?) - julianday(created_at)) * 100) / 100 where id = ? and closed_at is null and created_at < ?");
  batch(sqlite, range(SIZES.actions), (i) => {
    const theme = i % THEMES.length;
    const id = seqId();
    const created = someTime();
    const closed = created < now - 20 * DAY && random() < 0.7;
    const closedAt = closed ? Math.min(now - DAY, created + (5 + random() * 80) * DAY) : null;
    const done = random() < 0.8;
    insertAction.run(id, `${THEMES[theme]}: change ${i + 1}`, pick(practitioners), iso(created + 60 * DAY).slice(0, 10), closed ? (done ? 'done' : 'not-done') : 'in-progress', demo.lead!, iso(created),
      closedAt ? iso(closedAt) : null, closed ? demo.lead! : null, closed ? `People told us about ${THEMES[theme]!.toLowerCase()}.` : null,
      closed ? (done ? 'We changed how we work, with the Coproduction Group.' : 'make this change yet') : null, closed && !done ? 'it needs funding we do not control; we have raised it with commissioners.' : null);
    insertActionTheme.run(id, themeIds[theme]);
    const pool = byTheme[theme]!;
    for (let k = 0; k < 25 && pool.length; k += 1) {
      const feedbackId = pool[int(pool.length)]!;
      insertActionItem.run(id, feedbackId);
      if (closedAt) closeItem.run(iso(closedAt), iso(closedAt), feedbackId, iso(closedAt));
    }
  }, 2_000);
  log(`${SIZES.actions} actions`);

  // Coproduction: proposals, timeline, comments, options, decisions ------------------------------
  const insertProposal = sqlite.prepare("insert into coproduction_proposals (id, title, problem, affects, idea, area, origin, author_id, stage, not_adopted_reason, created_at, updated_at) values (?, ?, 'A problem people told us about.', 'People using the service', 'An idea to try.', ?, ?, ?, ?, null, ?, ?)");
  const insertEvent = sqlite.prepare("insert into coproduction_events (id, proposal_id, decision_id, at, actor_id, actor_origin, kind, detail) values (?, ?, ?, ?, ?, ?, ?, '{}')");
  const insertComment = sqlite.prepare("insert into coproduction_comments (id, proposal_id, parent_id, author_id, author_origin, body, created_at, awaits_response, responded_by, responded_at, response_comment_id) values (?, ?, null, ?, ?, 'A comment in the deliberation.', ?, ?, ?, ?, null)");
  const insertOption = sqlite.prepare("insert into coproduction_options (id, proposal_id, title, description, drafted_by, drafter_origin, position, created_at) values (?, ?, ?, 'An option.', ?, ?, ?, ?)");
  const insertDecision = sqlite.prepare(`insert into coproduction_decisions (id, proposal_id, method, question, anonymous, public, document_version_id, status, opened_by, opened_at, closed_by, closed_at, outcome, chosen_option_id, summary, quorum_min_group, quorum_min_share_percent, quorum_met, decider_id, claimed_level, computed_level)
    values (?, ?, ?, 'Shall we adopt this?', 0, 1, null, 'closed', ?, ?, ?, ?, ?, null, 'Decided together.', 3, 50, ?, null, null, null)`);
  const insertParticipant = sqlite.prepare('insert or ignore into coproduction_participants (decision_id, account_id, origin, at) values (?, ?, ?, ?)');
  batch(sqlite, range(SIZES.proposals), (i) => {
    const id = seqId();
    const t = someTime();
    const origin = LEVEL_ORIGINS[random() < 0.55 ? 0 : 1];
    const author = origin === 'lived-experience' ? pick(group) : pick(practitioners);
    const decided = t < now - 30 * DAY && random() < 0.7;
    insertProposal.run(id, `Proposal ${i + 1}`, pick(['policy', 'care-pathway', 'document', 'website', 'other']), origin, author, decided ? 'done' : pick(['idea', 'co-design', 'decision']), iso(t), iso(t));
    insertEvent.run(seqId(), id, null, iso(t), author, origin, 'raised');
    let clock = t;
    // Some staff proposals never hear from the group before a decision: the ladder's low rungs.
    const groupVoice = origin === 'lived-experience' || random() < 0.6;
    for (let c = 0; c < 4; c += 1) {
      clock += random() * 5 * DAY;
      const fromGroup = groupVoice && random() < 0.6;
      const commenter = fromGroup ? pick(group) : pick(practitioners);
      const answered = fromGroup && random() < 0.75;
      insertComment.run(seqId(), id, commenter, fromGroup ? 'lived-experience' : 'staff', iso(clock), fromGroup ? 1 : 0, answered ? pick(practitioners) : null, answered ? iso(clock + DAY) : null);
      insertEvent.run(seqId(), id, null, iso(clock), commenter, fromGroup ? 'lived-experience' : 'staff', 'comment');
    }
    if (decided) {
      for (let o = 0; o < 2; o += 1) {
        const byGroup = groupVoice && random() < 0.5;
        clock += DAY;
        insertOption.run(seqId(), id, `Option ${o + 1}`, byGroup ? pick(group) : pick(practitioners), byGroup ? 'lived-experience' : 'staff', o + 1, iso(clock));
      }
      const decisionId = seqId();
      const openedAt = clock + DAY;
      const closedAt = openedAt + 7 * DAY;
      const quorum = random() < 0.6;
      insertDecision.run(decisionId, id, pick(['consent', 'vote', 'ranked-choice', 'advice']), demo.lead!, iso(openedAt), demo.lead!, iso(closedAt), random() < 0.85 ? 'adopted' : 'not-adopted', quorum ? 1 : 0);
      const groupDecides = groupVoice || random() < 0.5;
      for (let p = 0; p < 6; p += 1) {
        const lived = groupDecides && p < 4;
        insertParticipant.run(decisionId, lived ? pick(group) : pick(practitioners), lived ? 'lived-experience' : 'staff', iso(openedAt + DAY));
      }
      insertEvent.run(seqId(), id, decisionId, iso(openedAt), demo.lead!, 'staff', 'decision-opened');
      insertEvent.run(seqId(), id, decisionId, iso(closedAt), demo.lead!, 'staff', 'decision-closed');
    }
  }, 1_000);
  log(`${SIZES.proposals} proposals with comments, options and decisions`);

  for (const index of indexes) sqlite.exec(index.sql);
  log(`${indexes.length} indexes built`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec('ANALYZE');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  log('Indexed statistics (ANALYZE)');

  // The insight snapshot, so the first reader of /insights does not wait for it.
  const db = createDb(`sqlite:${file}`);
  await refreshInsights(db);
  await db.destroy();
  log('Insight snapshot computed');
  const size = fs.statSync(file).size / 1024 / 1024;
  console.log(`\nDone: ${file} (${size.toFixed(0)} MB). Demo accounts sign in with the password "${PASSWORD}".`);
  console.log(`Benchmark it: WITHME_LARGE_DATA_DIR=${path.relative(process.cwd(), dataDir) || '.'} npm run bench:http`);
}

await main();
