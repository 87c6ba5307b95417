// Builders for tests that need an account in a particular state.
import { hashPassword } from '../../platform/auth.ts';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './repository.ts';

/** Gives an existing account (the demo's members without passwords, say) a password. */
export async function givePassword(db: Db, email: string, password: string): Promise<void> {
  const account = await repo.findAccountByEmail(db, email);
  if (!account) throw new Error(`no account has the address ${email}`);
  await repo.setPassword(db, account.id, await hashPassword(password));
}
