// Who takes part in the workspace, as accounts answers it: group members and staff, by name.
import { accountsWithRoles } from '../../accounts/index.ts';
import type { Conn } from '../../../platform/db/database.ts';

export interface Person {
  id: string;
  displayName: string;
}

export interface WorkspacePeople {
  group: Person[];
  practitioners: Person[];
  leads: Person[];
}

/** Group members, practitioners and leads, each list by name (someone with two roles is in both). */
export async function workspacePeople(db: Conn): Promise<WorkspacePeople> {
  return { group: await accountsWithRoles(db, ['group']), practitioners: await accountsWithRoles(db, ['practitioner']), leads: await accountsWithRoles(db, ['lead']) };
}
