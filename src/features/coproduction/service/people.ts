// Who takes part in the workspace, as accounts answers it (group members and staff), and how each
// appears to other people: a person who is not staff appears by the name they chose for the group
// (a pseudonym is fine), or, if they use the service and chose none, as "A member" — never by the
// name on their account — and is marked "(lived experience)" only when they chose to be. Staff
// appear by their account's name.
import { accountsWithRoles, displayNames } from '../../accounts/index.ts';
import { audit } from '../../../platform/audit.ts';
import { inTransaction, type Conn, type Db } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import * as repo from '../repository/index.ts';

export interface Person {
  id: string;
  displayName: string;
}

export interface WorkspacePeople {
  group: Person[];
  practitioners: Person[];
  leads: Person[];
}

/** What a person who uses the service and chose no name for the group is called. */
export const UNNAMED_MEMBER = 'A member';

/** Each account's name as other people in the workspace see it (see above). */
export async function namesAsSeen(db: Conn, ids: readonly string[]): Promise<Map<string, string>> {
  const names = await displayNames(db, ids);
  if (!names.size) return names;
  const [profiles, users, staff] = await Promise.all([
    repo.profilesOf(db, [...names.keys()]),
    accountsWithRoles(db, ['person']),
    accountsWithRoles(db, ['practitioner', 'lead']),
  ]);
  const usesService = new Set(users.map((a) => a.id));
  const isStaff = new Set(staff.map((a) => a.id));
  for (const [id, accountName] of names) {
    if (isStaff.has(id)) continue;
    const profile = profiles.get(id);
    const name = profile?.group_name || (usesService.has(id) ? UNNAMED_MEMBER : accountName);
    names.set(id, profile?.show_lived_experience === 1 ? `${name} (lived experience)` : name);
  }
  return names;
}

/** Group members, practitioners and leads, each list by name as others see it (someone with two roles is in both). */
export async function workspacePeople(db: Conn): Promise<WorkspacePeople> {
  const [group, practitioners, leads] = await Promise.all([accountsWithRoles(db, ['group']), accountsWithRoles(db, ['practitioner']), accountsWithRoles(db, ['lead'])]);
  const names = await namesAsSeen(db, [...group, ...practitioners, ...leads].map((p) => p.id));
  const seen = (list: Person[]) => list.map((p) => ({ id: p.id, displayName: names.get(p.id) ?? p.displayName }));
  return { group: seen(group), practitioners: seen(practitioners), leads: seen(leads) };
}

export type ProfileRefusal = 'group-name-too-long';

/** The person's own choice of how they appear; an empty name clears it. */
export async function saveProfile(db: Db, actor: Actor, input: { groupName: string; showLivedExperience: boolean }): Promise<void> {
  if (input.groupName.length > 60) throw new Refusal<ProfileRefusal>('group-name-too-long');
  return inTransaction(db, async (trx) => {
    await repo.saveProfile(trx, actor.id, { group_name: input.groupName || null, show_lived_experience: input.showLivedExperience ? 1 : 0 });
    await audit(trx, { actorId: actor.id, action: 'coproduction.profile-saved', subject: actor.id, detail: { named: Boolean(input.groupName), showLivedExperience: input.showLivedExperience } });
  });
}

export async function profileOf(db: Conn, accountId: string): Promise<{ groupName: string; showLivedExperience: boolean }> {
  const p = await repo.getProfile(db, accountId);
  return { groupName: p?.group_name ?? '', showLivedExperience: p?.show_lived_experience === 1 };
}
