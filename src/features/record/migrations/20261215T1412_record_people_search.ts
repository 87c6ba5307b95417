// Search of the people using the service by the name they use (About me's name_to_use, never a
// previous name: those are only ever held as keyed hashes), with the database's own full-text engine
// (platform/db/search.ts reads it): FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL, kept
// equal to About me by triggers. A practitioner searches only within their caseload (service/people.ts).
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const INDEX = 'record_people_search';
const SOURCE = 'about_me';
const body = (row: string) => `${row}.name_to_use`;
const when = (row: string) => `${row}.name_to_use <> ''`;

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql.raw(`create virtual table ${INDEX} using fts5(id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`).execute(db);
    await sql.raw(`create trigger ${INDEX}_insert after insert on ${SOURCE} when ${when('new')} begin insert into ${INDEX} (id, body) values (new.account_id, ${body('new')}); end`).execute(db);
    await sql.raw(`create trigger ${INDEX}_update after update on ${SOURCE} begin delete from ${INDEX} where id = old.account_id; insert into ${INDEX} (id, body) select new.account_id, ${body('new')} where ${when('new')}; end`).execute(db);
    await sql.raw(`create trigger ${INDEX}_delete after delete on ${SOURCE} begin delete from ${INDEX} where id = old.account_id; end`).execute(db);
  } else {
    await sql.raw(`create table ${INDEX} (id text primary key, body text not null, document tsvector generated always as (to_tsvector('simple', body)) stored)`).execute(db);
    await sql.raw(`create index ${INDEX}_document on ${INDEX} using gin (document)`).execute(db);
    await sql.raw(`create function ${INDEX}_sync() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then delete from ${INDEX} where id = old.account_id; end if;
        if tg_op in ('INSERT', 'UPDATE') then
          if ${when('new')} then insert into ${INDEX} (id, body) values (new.account_id, ${body('new')}); end if;
        end if;
        return null;
      end $$`).execute(db);
    await sql.raw(`create trigger ${INDEX}_sync after insert or update or delete on ${SOURCE} for each row execute function ${INDEX}_sync()`).execute(db);
  }
  await sql.raw(`insert into ${INDEX} (id, body) select s.account_id, ${body('s')} from ${SOURCE} s where ${when('s')}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${INDEX}_${t}`).execute(db);
  } else {
    await sql.raw(`drop trigger if exists ${INDEX}_sync on ${SOURCE}`).execute(db);
    await sql.raw(`drop function if exists ${INDEX}_sync()`).execute(db);
  }
  await sql.raw(`drop table if exists ${INDEX}`).execute(db);
}
