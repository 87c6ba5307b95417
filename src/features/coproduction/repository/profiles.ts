// How people appear to each other in the workspace: the name chosen for the group, and whether
// others see that they speak from lived experience.
import { nowIso, type Conn } from '../../../platform/db/database.ts';
import type { ProfileTable } from '../tables.ts';

export async function getProfile(db: Conn, accountId: string): Promise<ProfileTable | undefined> {
  return db.selectFrom('coproduction_profiles').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function profilesOf(db: Conn, accountIds: readonly string[]): Promise<Map<string, ProfileTable>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('coproduction_profiles').selectAll().where('account_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.account_id, r]));
}

export async function saveProfile(db: Conn, accountId: string, values: { group_name: string | null; show_lived_experience: number }): Promise<void> {
  const row = { ...values, updated_at: nowIso() };
  await db.insertInto('coproduction_profiles').values({ account_id: accountId, ...row }).onConflict((oc) => oc.column('account_id').doUpdateSet(row)).execute();
}
