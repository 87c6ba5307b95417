// Backups of the embedded database. `withme backup` copies a running service's SQLite database
// with SQLite's online backup (page by page, while other connections go on writing: the copy is
// the database as it was at one moment), checks the copy, and writes it readable by the
// service's user only. `withme restore` puts a backup into an empty data folder after checking it:
// its integrity, and that this version of withme knows every migration it has (a backup from a
// newer withme is refused); `withme serve` then brings it up to date. On PostgreSQL, pg_dump and
// pg_restore do this job, and both commands say so.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { migrationFiles } from './migrate.ts';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupReport {
  file: string;
  bytes: number;
  /** The newest migration the copy has. */
  migration: string | undefined;
  /** The audit log's newest entry in the copy (`seq:hash`), to keep with it. */
  anchor: string | undefined;
}

function check(file: string): { migration: string | undefined; anchor: string | undefined } {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} failed SQLite's integrity check: ${String(integrity)}`);
    const hasTable = (name: string) => Boolean(db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name));
    if (!hasTable('kysely_migration')) throw new BackupError(`${file} is not a withme database: it has no migrations`);
    const migration = (db.prepare('select name from kysely_migration order by name desc limit 1').get() as { name: string } | undefined)?.name;
    const last = hasTable('audit_log') ? (db.prepare('select seq, hash from audit_log order by seq desc limit 1').get() as { seq: number; hash: string } | undefined) : undefined;
    return { migration, anchor: last ? `${last.seq}:${last.hash}` : undefined };
  } finally {
    db.close();
  }
}

/** Copies the database at `source` (which may be in use) to `destination`, a new file. */
export async function backupSqlite(source: string, destination: string): Promise<BackupReport> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}`);
  const target = path.resolve(destination);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists: choose a new file, so no backup is overwritten`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Made first, empty and private, so the copy is never readable by others, even for a moment.
  fs.closeSync(fs.openSync(target, 'wx', 0o600));
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  } finally {
    db.close();
  }
  fs.chmodSync(target, 0o600);
  const { migration, anchor } = check(target);
  return { file: target, bytes: fs.statSync(target).size, migration, anchor };
}

/** Puts a backup into `dataDir` as its database, after checking it; refuses a folder that has one unless `force`. */
export function restoreSqlite(backup: string, databaseFile: string, options: { force?: boolean } = {}): BackupReport {
  if (!fs.existsSync(backup)) throw new BackupError(`There is no backup at ${backup}`);
  const { migration, anchor } = check(backup);
  const known = new Set(migrationFiles().map((f) => path.basename(f, '.ts')));
  if (migration && !known.has(migration)) {
    throw new BackupError(`The backup was made by a newer withme (its newest migration, ${migration}, is not one this version knows): restore it with that version or a later one`);
  }
  const exists = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`].filter((f) => fs.existsSync(f));
  if (exists.length && !options.force) {
    throw new BackupError(`${path.dirname(databaseFile)} already has a database (${path.basename(databaseFile)}): restore into an empty data folder, or add --force to replace it`);
  }
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true, mode: 0o700 });
  for (const f of exists) fs.rmSync(f);
  // Copied beside the target, then renamed into place: a crash never leaves half a database.
  const partial = `${databaseFile}.restoring`;
  fs.copyFileSync(backup, partial);
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, databaseFile);
  return { file: databaseFile, bytes: fs.statSync(databaseFile).size, migration, anchor };
}
