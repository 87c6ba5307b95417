// Builders for record tests: a person with About me, a practitioner with them on
// their caseload, signed-in agents for each.
import type { Role } from '../../platform/policy.ts';
import { Agent, anAccount, type TestContext } from '../../../test/helpers.ts';
import * as repo from './repository.ts';

export interface Pair {
  person: { id: string; email: string; agent: Agent };
  practitioner: { id: string; email: string; agent: Agent };
}

export async function signedIn(ctx: TestContext, roles: Role[], displayName?: string): Promise<{ id: string; email: string; agent: Agent }> {
  const account = await anAccount(ctx.db, { roles, ...(displayName ? { displayName } : {}) });
  const agent = new Agent(ctx.app);
  await agent.signIn(account.email);
  return { id: account.id, email: account.email, agent };
}

/** A person and a practitioner who has them on their caseload, both signed in. */
export async function aPersonOnACaseload(ctx: TestContext, displayName = 'Sam Rivera'): Promise<Pair> {
  const person = await signedIn(ctx, ['person'], displayName);
  const practitioner = await signedIn(ctx, ['practitioner'], 'Priya Shah');
  await repo.addToCaseload(ctx.db, practitioner.id, person.id, null);
  return { person, practitioner };
}

/** The About me form as the person would fill it in. */
export function aboutMeForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    nameToUse: 'Sam',
    pronouns: ['they/them'],
    customPronouns: '',
    title: 'Mx',
    genderWords: 'non-binary person',
    avoid: 'lady = person',
    communicationNeeds: ['large-print'],
    communicationOther: '',
    goals: 'Start hormones this year and feel at home in my voice.',
    ...overrides,
  };
}

/** For other features' tests: a person's ranking of what matters most, stored as the form would. */
export { replacePersonPriorities } from './repository.ts';
