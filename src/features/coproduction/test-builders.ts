// Small builders for coproduction tests.
import { loadActor } from '../accounts/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/policy.ts';
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

// For other features' tests: the workspace's own steps, to build a member's life in it, and
// rows as they stand once a decision has closed, for figures computed from them.
export { addComment, castBallot, closeDecision, draftOption, openDecision, raiseProposal, recordAdvice, seekAdvice } from './service.ts';
export { commentOnParagraph, createDocument } from './documents.ts';
export { addEvent, insertDecision, insertOption, insertParticipant, insertProposal } from './repository/index.ts';
