// Builders for tests that need an account in a particular state.
import { hashPassword } from '../../platform/auth.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import * as repo from './repository.ts';
import { loadActor } from './service.ts';
import { signInWithNhsLogin } from './sign-on.ts';

/** The signed-in actor of an existing account, found by its address (a demo account, say), for steps a test takes through a service. */
export async function actorByEmail(db: Db, email: string): Promise<Actor> {
  const account = await repo.findAccountByEmail(db, email);
  if (!account) throw new Error(`no account has the address ${email}`);
  return (await loadActor(db, account.id))!;
}

/** Gives an existing account (the demo's members without passwords, say) a password. */
export async function givePassword(db: Db, email: string, password: string): Promise<void> {
  const account = await repo.findAccountByEmail(db, email);
  if (!account) throw new Error(`no account has the address ${email}`);
  await repo.setPassword(db, account.id, await hashPassword(password));
}

/** Links a person's account to an NHS login identity holding an NHS number, as a first NHS login sign-in by their verified address would. */
export async function linkNhsLogin(db: Db, config: Config, email: string, nhsNumber: string): Promise<void> {
  const signedIn = await signInWithNhsLogin(db, config, { sub: `nhs-login-${nhsNumber}`, email, email_verified: true, nhs_number: nhsNumber, identity_proofing_level: 'P9' });
  if (!signedIn) throw new Error(`NHS login did not link ${email}`);
}
