// Opens the database named by the configuration: the embedded SQLite file (WAL,
// synchronous=FULL, foreign keys on, busy timeout) or PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A transaction that a service entry point opened, passed to the steps inside it. */
export type Trx = Transaction<Database>;
/** Either: for repository functions, which run wherever their caller is. */
export type Conn = Db | Trx;
export type Dialect = 'sqlite' | 'postgres';

/**
 * Runs `fn` in a transaction and returns what it returns: committed when `fn` resolves, rolled
 * back when it throws. Service entry points call this, so each is atomic whoever calls it; when
 * `db` is already a transaction (one service calling another's step), `fn` joins it.
 */
export function inTransaction<T>(db: Conn, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);
}

// PostgreSQL returns bigint (count(*), sums) as strings: read them as numbers.
pg.types.setTypeParser(20, (value: string) => Number(value));
// numeric (e.g. avg()) likewise
pg.types.setTypeParser(1700, (value: string) => Number(value));

/**
 * Opens (creating it when needed) the embedded database. Its files are readable by the service's
 * own user only (0600), and a folder made for it too (0700): they hold people's records. SQLite
 * gives the -wal and -shm files the database file's permissions, so creating it 0600 covers them;
 * files made by an older version are tightened here, and the data folder by the server at start.
 */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

const pools = new WeakMap<object, pg.Pool>();

/** How busy the PostgreSQL connection pool is (for metrics); undefined on the embedded database. */
export function poolUse(db: Db): { total: number; idle: number; waiting: number; max: number } | undefined {
  const pool = pools.get(db);
  return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
  // An idle connection that the server closes (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema will do
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

export function nowIso(): string {
  return new Date().toISOString();
}
