// Migrations land from features built side by side, so a database may have run a migration named
// later than one that arrives afterwards: withme runs the one that has not run, and no other again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createDb } from './database.ts';
import { migrateToLatest } from './migrate.ts';

const EARLIER = '20261215T1404_coproduction_profiles';

void test('a migration that lands after a later-named one has run is run, and nothing runs twice', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'withme-migrate-'));
  const db = createDb(`sqlite:${path.join(dir, 'withme.db')}`);
  try {
    await migrateToLatest(db);
    // As a database would be that ran every migration but this one (it arrived later).
    await db.schema.dropTable('coproduction_profiles').execute();
    await sql`DELETE FROM kysely_migration WHERE name = ${EARLIER}`.execute(db);
    const result = await migrateToLatest(db);
    assert.deepEqual(result.results?.map((r) => [r.migrationName, r.status]), [[EARLIER, 'Success']]);
    await db.selectFrom('coproduction_profiles').selectAll().execute();
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
