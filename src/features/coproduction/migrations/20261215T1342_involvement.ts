// Involvement recognised and paid: each piece of time (a meeting, reading, preparation) and its
// expenses, recorded by the member and approved by the meeting's facilitator or the lead, paid
// in payment runs; and the proposals a member has muted in their digests. Meeting attendance
// (minutes only, which any group member could change for anyone) becomes approved involvement
// time: it was recorded by whoever planned the meeting or its attendees, so it counts as approved by
// the meeting's planner.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coproduction_payment_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_from', 'text', (c) => c.notNull()) // YYYY-MM-DD, inclusive
    .addColumn('period_to', 'text', (c) => c.notNull()) // YYYY-MM-DD, inclusive
    .addColumn('method', 'text', (c) => c.notNull()) // payroll | voucher
    .addColumn('time_pence', 'integer', (c) => c.notNull())
    .addColumn('expenses_pence', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('paid_at', 'text')
    .execute();

  await db.schema
    .createTable('coproduction_involvement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('coproduction_meetings.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // meeting | reading | preparation
    .addColumn('worked_on', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('expenses_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expenses_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unpaid', 'integer', (c) => c.notNull().defaultTo(0)) // 1: the member gives this time unpaid
    .addColumn('status', 'text', (c) => c.notNull()) // awaiting | approved | declined
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'text')
    .addColumn('payment_run_id', 'text', (c) => c.references('coproduction_payment_runs.id'))
    .addColumn('time_pence', 'integer') // fixed when a payment run takes it
    .execute();
  await db.schema.createIndex('coproduction_involvement_account').on('coproduction_involvement').columns(['account_id', 'worked_on']).execute();
  await db.schema.createIndex('coproduction_involvement_status').on('coproduction_involvement').columns(['status', 'worked_on']).execute();

  await sql`
    insert into coproduction_involvement (id, account_id, meeting_id, kind, worked_on, minutes, expenses_pence, expenses_note, unpaid, status, recorded_by, recorded_at, decided_by, decided_at)
    select a.meeting_id || ':' || a.account_id, a.account_id, a.meeting_id, 'meeting', m.held_on, a.minutes_involved, 0, '', 0, 'approved', m.created_by, m.created_at, m.created_by, m.created_at
    from coproduction_attendance a join coproduction_meetings m on m.id = a.meeting_id
  `.execute(db);
  await db.schema.dropTable('coproduction_attendance').execute();

  await db.schema
    .createTable('coproduction_mutes')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('coproduction_proposals.id'))
    .addColumn('muted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coproduction_mutes_pk', ['account_id', 'proposal_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coproduction_mutes').execute();
  await db.schema
    .createTable('coproduction_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('coproduction_meetings.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('minutes_involved', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coproduction_attendance_pk', ['meeting_id', 'account_id'])
    .execute();
  await sql`
    insert into coproduction_attendance (meeting_id, account_id, minutes_involved)
    select meeting_id, account_id, sum(minutes) from coproduction_involvement
    where meeting_id is not null and status = 'approved' group by meeting_id, account_id
  `.execute(db);
  await db.schema.dropTable('coproduction_involvement').execute();
  await db.schema.dropTable('coproduction_payment_runs').execute();
}
