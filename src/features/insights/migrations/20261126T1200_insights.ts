// Snapshots of the insight figures, so /insights stays fast however large the service grows.
// Shared by every instance (it is in the database), refreshed when stale or after a write.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insight_snapshots')
    .addColumn('figure', 'text', (c) => c.primaryKey())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON: the figure's rows, already suppressed
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insight_snapshots').execute();
}
