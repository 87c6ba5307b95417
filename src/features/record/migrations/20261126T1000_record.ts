// About me, priorities of care, previous names (keyed hashes only), caseloads, the shared
// record with its revisions and the person's responses, access grants, the access log and
// data-rights requests.
import type { Kysely } from 'kysely';

const PRIORITIES: Array<[string, string, string]> = [
  ['hormones', 'Hormones', 'Starting, changing or monitoring hormone treatment'],
  ['voice', 'Voice and communication', 'Voice and communication therapy or support'],
  ['surgery', 'Surgery referrals', 'Referrals for surgery and what happens before and after'],
  ['mental-health', 'Mental health support', 'Support for your mental health and wellbeing'],
  ['peer-support', 'Peer support', 'Meeting and hearing from other trans and non-binary people'],
  ['sexual-health', 'Sexual health', 'Sexual health advice, testing and care'],
  ['fertility', 'Fertility', 'Fertility preservation and advice'],
  ['hair-removal', 'Hair removal', 'Laser or electrolysis hair removal'],
  ['social-legal', 'Social and legal support', 'Name changes, documents, work, housing and legal support'],
  ['waiting-time', 'Waiting-time support', 'Support while you wait for appointments and treatment'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('about_me')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('name_to_use', 'text', (c) => c.notNull())
    .addColumn('pronouns', 'text', (c) => c.notNull()) // JSON array of "subject/object" sets
    .addColumn('name_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text')
    .addColumn('gender_words', 'text', (c) => c.notNull()) // JSON array
    .addColumn('avoid_words', 'text', (c) => c.notNull()) // JSON array of {word, instead}
    .addColumn('communication_needs', 'text', (c) => c.notNull()) // JSON array
    .addColumn('communication_other', 'text')
    .addColumn('goals', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('previous_names')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('sequence_hashes', 'text', (c) => c.notNull()) // JSON array of keyed hashes of word runs
    .addColumn('word_hashes', 'text', (c) => c.notNull()) // JSON array of keyed hashes of single words
    .addColumn('max_words', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('previous_names_account').on('previous_names').column('account_id').execute();

  await db.schema
    .createTable('care_priorities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const seeded = PRIORITIES.map(([id, label, description], i) => ({ id, label, description, sort_order: i + 1, active: 1 }));
  await (db as Kysely<{ care_priorities: (typeof seeded)[number] }>).insertInto('care_priorities').values(seeded).execute();

  await db.schema
    .createTable('person_priorities')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('priority_id', 'text', (c) => c.notNull().references('care_priorities.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('own_words', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_priorities_pk', ['account_id', 'priority_id'])
    .execute();

  await db.schema
    .createTable('caseload')
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addPrimaryKeyConstraint('caseload_pk', ['practitioner_id', 'person_id'])
    .execute();
  await db.schema.createIndex('caseload_person').on('caseload').column('person_id').execute();

  await db.schema
    .createTable('record_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // note | letter | care-plan
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('letter_status', 'text') // awaiting-review | reviewed | sent (letters only)
    .addColumn('reviewed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('sent_without_review_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_entries_person').on('record_entries').columns(['person_id', 'updated_at']).execute();

  await db.schema
    .createTable('record_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('record_entries.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('change_reason', 'text')
    .addColumn('kept_warnings', 'text', (c) => c.notNull()) // JSON [{ruleId, message, reason}]
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_revisions_entry').on('record_revisions').columns(['entry_id', 'revision']).unique().execute();

  await db.schema
    .createTable('record_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('record_entries.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // view | agree | correction | review
    .addColumn('body', 'text')
    .addColumn('status', 'text') // corrections: open | corrected | declined
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answer_revision', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_responses_entry').on('record_responses').column('entry_id').execute();

  await db.schema
    .createTable('access_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_grants_lookup').on('access_grants').columns(['practitioner_id', 'person_id']).execute();

  await db.schema
    .createTable('access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('viewer_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('viewer_role', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_log_person').on('access_log').columns(['person_id', 'at']).execute();

  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // erasure | correction
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | done | refused
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['data_requests', 'access_log', 'access_grants', 'record_responses', 'record_revisions', 'record_entries', 'caseload', 'person_priorities', 'care_priorities', 'previous_names', 'about_me']) {
    await db.schema.dropTable(table).execute();
  }
}
