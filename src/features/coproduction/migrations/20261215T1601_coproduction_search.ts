// Search of the coproduction workspace (/coproduction/search?q=), with the database's own full-text
// engine (platform/db/search.ts reads it): FTS5 on SQLite, a tsvector with a GIN index on
// PostgreSQL, each kept equal to its source by triggers.
// - coproduction_proposal_search: each proposal's title, problem, who it affects and idea.
// - coproduction_page_search: each version of a document (page, news post, leaflet…): its title,
//   summary and text. Which of them a searcher may see (only a document's published version for
//   the public; drafts for the group and staff) is the service's decision (service/search.ts).
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const INDEXES = [
  { index: 'coproduction_proposal_search', source: 'coproduction_proposals', body: (row: string) => `${row}.title || ' ' || ${row}.problem || ' ' || ${row}.affects || ' ' || ${row}.idea`, columns: 'title, problem, affects, idea' },
  { index: 'coproduction_page_search', source: 'coproduction_document_versions', body: (row: string) => `${row}.title || ' ' || ${row}.summary || ' ' || ${row}.body`, columns: 'title, summary, body' },
];

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  for (const { index, source, body, columns } of INDEXES) {
    if (isSqlite(db)) {
      await sql.raw(`create virtual table ${index} using fts5(id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`).execute(db);
      await sql.raw(`create trigger ${index}_insert after insert on ${source} begin insert into ${index} (id, body) values (new.id, ${body('new')}); end`).execute(db);
      await sql.raw(`create trigger ${index}_update after update of ${columns} on ${source} begin delete from ${index} where id = old.id; insert into ${index} (id, body) values (new.id, ${body('new')}); end`).execute(db);
      await sql.raw(`create trigger ${index}_delete after delete on ${source} begin delete from ${index} where id = old.id; end`).execute(db);
    } else {
      await sql.raw(`create table ${index} (id text primary key, body text not null, document tsvector generated always as (to_tsvector('simple', body)) stored)`).execute(db);
      await sql.raw(`create index ${index}_document on ${index} using gin (document)`).execute(db);
      await sql.raw(`create function ${index}_sync() returns trigger language plpgsql as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') then delete from ${index} where id = old.id; end if;
          if tg_op in ('INSERT', 'UPDATE') then insert into ${index} (id, body) values (new.id, ${body('new')}); end if;
          return null;
        end $$`).execute(db);
      await sql.raw(`create trigger ${index}_sync after insert or update of ${columns} or delete on ${source} for each row execute function ${index}_sync()`).execute(db);
    }
    await sql.raw(`insert into ${index} (id, body) select s.id, ${body('s')} from ${source} s`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { index, source } of INDEXES) {
    if (isSqlite(db)) {
      for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${index}_${t}`).execute(db);
    } else {
      await sql.raw(`drop trigger if exists ${index}_sync on ${source}`).execute(db);
      await sql.raw(`drop function if exists ${index}_sync()`).execute(db);
    }
    await sql.raw(`drop table if exists ${index}`).execute(db);
  }
}
