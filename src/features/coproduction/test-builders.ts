// Small builders for coproduction tests.
import { loadActor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/policy.ts';
import { anAccount } from '../../../test/helpers.ts';
import * as service from './service.ts';

export async function anActor(db: Db, roles: Role[], displayName?: string): Promise<Actor> {
  const account = await anAccount(db, { roles, ...(displayName ? { displayName } : {}) });
  return (await loadActor(db, account.id))!;
}

export async function aProposal(db: Db, author: Actor, overrides: Partial<service.ProposalInput> = {}, at?: string): Promise<string> {
  return service.raiseProposal(
    db,
    author,
    { title: 'Letters should use the name people use', problem: 'Some letters use old names.', affects: 'Everyone who gets letters', idea: 'Check letters before sending.', area: 'document', ...overrides },
    at,
  );
}

export async function aGroup(db: Db, n: number): Promise<Actor[]> {
  const members: Actor[] = [];
  for (let i = 0; i < n; i += 1) members.push(await anActor(db, ['group']));
  return members;
}
