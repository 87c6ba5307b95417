// Search of accounts for the lead (/admin/accounts?q=), by the name the account uses and its email
// address, with the database's own full-text engine (platform/db/search.ts reads it): FTS5 on SQLite,
// a tsvector with a GIN index on PostgreSQL, kept equal to the accounts table by triggers. Never by a
// previous name: those are only ever held as keyed hashes (record's previous_names), never here.
// The email is split at its punctuation, so both engines find "sam.rivera@example.org" by "rivera"
// or "example" (PostgreSQL's parser would otherwise keep the address as one word).
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const INDEX = 'accounts_directory_search';
const SOURCE = 'accounts';
const split = (column: string) => ['@', '.', '_', '-', '+'].reduce((expr, mark) => `replace(${expr}, '${mark}', ' ')`, column);
const body = (row: string) => `${row}.display_name || ' ' || ${split(`${row}.email`)}`;

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql.raw(`create virtual table ${INDEX} using fts5(id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`).execute(db);
    await sql.raw(`create trigger ${INDEX}_insert after insert on ${SOURCE} begin insert into ${INDEX} (id, body) values (new.id, ${body('new')}); end`).execute(db);
    await sql.raw(`create trigger ${INDEX}_update after update of display_name, email on ${SOURCE} begin delete from ${INDEX} where id = old.id; insert into ${INDEX} (id, body) values (new.id, ${body('new')}); end`).execute(db);
    await sql.raw(`create trigger ${INDEX}_delete after delete on ${SOURCE} begin delete from ${INDEX} where id = old.id; end`).execute(db);
  } else {
    await sql.raw(`create table ${INDEX} (id text primary key, body text not null, document tsvector generated always as (to_tsvector('simple', body)) stored)`).execute(db);
    await sql.raw(`create index ${INDEX}_document on ${INDEX} using gin (document)`).execute(db);
    await sql.raw(`create function ${INDEX}_sync() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then delete from ${INDEX} where id = old.id; end if;
        if tg_op in ('INSERT', 'UPDATE') then insert into ${INDEX} (id, body) values (new.id, ${body('new')}); end if;
        return null;
      end $$`).execute(db);
    await sql.raw(`create trigger ${INDEX}_sync after insert or update of display_name, email or delete on ${SOURCE} for each row execute function ${INDEX}_sync()`).execute(db);
  }
  await sql.raw(`insert into ${INDEX} (id, body) select s.id, ${body('s')} from ${SOURCE} s`).execute(db);
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
