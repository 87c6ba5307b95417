// Figures about the workspace for insight: how often staff responded to the group, and how many
// members took part (and came back).
import type { Conn } from '../../../platform/db/database.ts';
import * as repo from '../repository/index.ts';

/** Share of group comments awaiting a staff response that got one (null when there were none). */
export async function staffResponseRate(db: Conn, range: { from?: string; to?: string } = {}): Promise<{ awaiting: number; responded: number; rate: number | null }> {
  const counts = await repo.staffResponseCounts(db, range);
  return { ...counts, rate: counts.awaiting ? counts.responded / counts.awaiting : null };
}

/** Group members active in the range, and of those how many had taken part before it (returning). */
export async function activeMembers(db: Conn, range: { from: string; to: string }): Promise<{ active: number; returning: number; newcomers: number }> {
  const rows = await repo.groupMemberActivity(db, range);
  const active = rows.filter((r) => r.activeInRange);
  const returning = active.filter((r) => r.firstEverAt < range.from).length;
  return { active: active.length, returning, newcomers: active.length - returning };
}

/** Changes whenever any figure above, or a decision's level, would (for insight's snapshot). */
export { figuresWatermark } from '../repository/index.ts';
