// One set of dialect-neutral migrations for SQLite and PostgreSQL. Migration files
// live in `src/platform/db/migrations/` and in each feature's `migrations/` folder; they are
// named `YYYYMMDDTHHMM_what.ts` so that their names sort in the order they must run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function migrationFiles(): string[] {
  const folders = [path.join(srcDir, 'platform/db/migrations')];
  const featuresDir = path.join(srcDir, 'features');
  for (const feature of fs.readdirSync(featuresDir, { withFileTypes: true })) {
    if (feature.isDirectory()) folders.push(path.join(featuresDir, feature.name, 'migrations'));
  }
  const files: string[] = [];
  for (const folder of folders) {
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder)) {
      if (/^\d{8}T\d{4}_[\w-]+\.ts$/.test(name)) files.push(path.join(folder, name));
    }
  }
  return files.sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of migrationFiles()) {
      const name = path.basename(file, '.ts');
      if (migrations[name]) throw new Error(`Two migrations are named ${name}`);
      migrations[name] = (await import(pathToFileURL(file).href)) as Migration;
    }
    return migrations;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  // Features are built side by side, so a migration named earlier can land after a later one has
  // run somewhere (each feature's migrations touch only its own tables): run whatever has not run.
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(), allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(`Migration failed: ${JSON.stringify(result.error)}`);
  return result;
}
