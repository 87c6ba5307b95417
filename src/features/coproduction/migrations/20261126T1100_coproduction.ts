// The coproduction workspace: proposals and their timeline, threaded comments with tracked staff
// responses, options, decisions (consent, vote, ranked choice, advice process) with a
// lived-experience quorum, coproduced documents and their publish gate, meetings and involvement
// time, and members' mail preferences. Frozen in time: imports nothing from the app.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row ('default'): the lived-experience quorum and anything else the service configures.
  await db.schema
    .createTable('coproduction_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quorum_min_group', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('quorum_min_share_percent', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('coproduction_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('affects', 'text', (c) => c.notNull())
    .addColumn('idea', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull()) // lived-experience | staff
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('stage', 'text', (c) => c.notNull()) // idea | co-design | decision | implementing | done | not-adopted
    .addColumn('not_adopted_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coproduction_proposals_stage').on('coproduction_proposals').column('stage').execute();

  // The timeline: every event that the participation level is computed from.
  await db.schema
    .createTable('coproduction_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('coproduction_proposals.id'))
    .addColumn('decision_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_origin', 'text') // lived-experience | staff | null (system)
    .addColumn('kind', 'text', (c) => c.notNull()) // raised | stage | comment | response | option | decision-opened | decision-closed | published
    .addColumn('detail', 'text', (c) => c.notNull()) // JSON: ids and outcomes only
    .execute();
  await db.schema.createIndex('coproduction_events_proposal').on('coproduction_events').columns(['proposal_id', 'at']).execute();

  await db.schema
    .createTable('coproduction_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('coproduction_proposals.id'))
    .addColumn('parent_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('author_origin', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('awaits_response', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('responded_by', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('response_comment_id', 'text')
    .execute();
  await db.schema.createIndex('coproduction_comments_proposal').on('coproduction_comments').columns(['proposal_id', 'created_at']).execute();

  await db.schema
    .createTable('coproduction_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('coproduction_proposals.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('drafter_origin', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coproduction_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('coproduction_proposals.id'))
    .addColumn('method', 'text', (c) => c.notNull()) // consent | vote | ranked-choice | advice
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('document_version_id', 'text') // approves this exact version when set
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('opened_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('outcome', 'text') // adopted | not-adopted
    .addColumn('chosen_option_id', 'text')
    .addColumn('summary', 'text')
    .addColumn('quorum_min_group', 'integer', (c) => c.notNull())
    .addColumn('quorum_min_share_percent', 'integer', (c) => c.notNull())
    .addColumn('quorum_met', 'integer')
    .addColumn('decider_id', 'text') // advice process: who decides
    .addColumn('claimed_level', 'text') // what staff say the level was; shown beside the computed one
    .addColumn('computed_level', 'text') // stored at close, recomputable from the timeline
    .execute();
  await db.schema.createIndex('coproduction_decisions_proposal').on('coproduction_decisions').column('proposal_id').execute();

  // Who took part (one row each, so no one decides twice). For anonymous decisions the ballot
  // below carries no account id, so a ballot cannot be traced to a person.
  await db.schema
    .createTable('coproduction_participants')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('coproduction_decisions.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coproduction_participants_pk', ['decision_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('coproduction_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('coproduction_decisions.id'))
    .addColumn('voter_id', 'text') // null when the decision is anonymous
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('position', 'text') // consent: agree|concern|object; vote: for|against|abstain
    .addColumn('ranking', 'text') // ranked choice: JSON array of option ids, most preferred first
    .addColumn('reason', 'text')
    .addColumn('resolution', 'text') // an objection's resolution, or why it stands
    .addColumn('resolved', 'integer') // 1 resolved, 0 recorded as standing, null untouched
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coproduction_ballots_decision').on('coproduction_ballots').column('decision_id').execute();

  await db.schema
    .createTable('coproduction_advice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('coproduction_decisions.id'))
    .addColumn('adviser_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('adviser_origin', 'text', (c) => c.notNull())
    .addColumn('sought_at', 'text', (c) => c.notNull())
    .addColumn('advice', 'text')
    .addColumn('given_at', 'text')
    .execute();

  await db.schema
    .createTable('coproduction_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // letter-template | leaflet | policy | web-page | news-post
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_version_id', 'text')
    .addColumn('published_at', 'text')
    .execute();

  await db.schema
    .createTable('coproduction_document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('coproduction_documents.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('author_origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('blocking', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('approved_by_decision_id', 'text')
    .addUniqueConstraint('coproduction_document_versions_number', ['document_id', 'number'])
    .execute();

  await db.schema
    .createTable('coproduction_document_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('coproduction_document_versions.id'))
    .addColumn('paragraph', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('author_origin', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Which adopted decision changed which catalogue row (language guide, priorities of care).
  await db.schema
    .createTable('coproduction_catalogue_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull().references('coproduction_decisions.id'))
    .addColumn('catalogue', 'text', (c) => c.notNull()) // language-guide | priorities-of-care
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull()) // add | update | retire
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coproduction_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('coproduction_agenda_items')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('coproduction_meetings.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('coproduction_proposals.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coproduction_agenda_items_pk', ['meeting_id', 'proposal_id'])
    .execute();
  await db.schema
    .createTable('coproduction_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('coproduction_meetings.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('minutes_involved', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coproduction_attendance_pk', ['meeting_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('coproduction_mail_preferences')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('digest', 'text', (c) => c.notNull()) // daily | weekly | none
    .addColumn('immediate_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('immediate_decisions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One row per member per period: the primary key makes a second digest for the same period impossible.
  await db.schema
    .createTable('coproduction_digests')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // daily:2026-11-26 | weekly:2026-W48
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coproduction_digests_pk', ['account_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'coproduction_digests', 'coproduction_mail_preferences', 'coproduction_attendance', 'coproduction_agenda_items',
    'coproduction_meetings', 'coproduction_catalogue_changes', 'coproduction_document_comments',
    'coproduction_document_versions', 'coproduction_documents', 'coproduction_advice', 'coproduction_ballots',
    'coproduction_participants', 'coproduction_decisions', 'coproduction_options', 'coproduction_comments',
    'coproduction_events', 'coproduction_proposals', 'coproduction_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
