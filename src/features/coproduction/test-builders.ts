// Small builders for coproduction tests, and a check that a service refused in the words a form shows.
import assert from 'node:assert/strict';
import { loadActor } from '../accounts/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/forms.ts';
import { refusalCode } from '../../platform/refusal.ts';
import type { Role } from '../../platform/policy.ts';
import type { Actor } from '../../platform/policy.ts';
import { anAccount } from '../../../test/helpers.ts';
import { raiseProposal, type ProposalInput } from './service/proposals.ts';

export async function anActor(db: Db, roles: Role[], displayName?: string): Promise<Actor> {
  const account = await anAccount(db, { roles, ...(displayName ? { displayName } : {}) });
  return (await loadActor(db, account.id))!;
}

export async function aProposal(db: Db, author: Actor, overrides: Partial<ProposalInput> = {}, at?: string): Promise<string> {
  return raiseProposal(
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

/** For `assert.rejects`: the service refused with one of these codes, and the form says so in words matching `pattern`. */
export function refusedSaying(words: Record<string, FieldError>, pattern: RegExp): (error: unknown) => true {
  return (error) => {
    const code = refusalCode(error, words);
    assert.ok(code, `expected a refusal, got ${String(error)}`);
    assert.match(words[code]!.message, pattern);
    return true;
  };
}

// For other features' tests: the workspace's own steps, to build a member's life in it, and
// rows as they stand once a decision has closed, for figures computed from them.
export { addComment, draftOption, raiseProposal } from './service/proposals.ts';
export { castBallot, closeDecision, openDecision, recordAdvice, seekAdvice } from './service/decisions.ts';
export { drawLot } from './ranked-choice.ts';
export { commentOnParagraph, createDocument } from './service/documents.ts';
export { addEvent, insertDecision, insertOption, insertParticipant, insertProposal } from './repository/index.ts';
