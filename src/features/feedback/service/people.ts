// The people feedback needs to know about, asked of the accounts feature (which owns them): the
// names de-identification removes, who may own an action, the leads a risk alert goes to, and
// the names of actions' owners. Steps for the services here: each runs on the caller's `Conn`.
import type { Conn } from '../../../platform/db/database.ts';
import type { Role } from '../../../platform/policy.ts';
import { accountsWithRoles, displayNames, roleHolderNames } from '../../accounts/index.ts';

/** Staff and group members: the people whose names feedback may carry, and who may own an action. */
const SERVICE_ROLES: readonly Role[] = ['practitioner', 'lead', 'group'];

export interface Owner {
  id: string;
  displayName: string;
}

/** Names of the service's staff and group (and the person giving feedback), for de-identification. */
export async function knownNames(db: Conn, accountId?: string | null): Promise<string[]> {
  const names = await roleHolderNames(db, SERVICE_ROLES);
  if (accountId) {
    const own = (await displayNames(db, [accountId])).get(accountId);
    if (own !== undefined) names.push(own);
  }
  return names;
}

/** Who may own an action: staff and group members with an active account, by name. */
export async function possibleOwners(db: Conn): Promise<Owner[]> {
  return (await accountsWithRoles(db, SERVICE_ROLES)).slice(0, 1000).map((a) => ({ id: a.id, displayName: a.displayName }));
}

/** The addresses of the service's leads (active accounts). */
export async function leadEmails(db: Conn): Promise<string[]> {
  return [...new Set((await accountsWithRoles(db, ['lead'])).map((a) => a.email))];
}

/** Rows with an owner, each given its owner's name (null when it has none). */
export async function withOwnerNames<T extends { owner_id: string | null }>(db: Conn, rows: readonly T[]): Promise<Array<T & { owner_name: string | null }>> {
  const names = await displayNames(db, rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])));
  return rows.map((r) => ({ ...r, owner_name: r.owner_id ? (names.get(r.owner_id) ?? null) : null }));
}
