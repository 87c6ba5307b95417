// The insights feature's tables, added to the `Database` type Kysely checks every query against.
// Only this feature's repository queries them; other features go through its index.ts.
export interface InsightSnapshotTable {
  figure: string;
  computed_at: string;
  data: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    insight_snapshots: InsightSnapshotTable;
  }
}
