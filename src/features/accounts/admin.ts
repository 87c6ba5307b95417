// `withme admin create`: the first lead of a new service, who then invites everyone else.
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './repository.ts';
import { newToken } from './service.ts';

const ADMIN_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function createAdmin(db: Db, config: Config, input: { email: string; displayName: string }): Promise<{ created: false } | { created: true; link: string }> {
  return db.transaction().execute(async (trx) => {
    // Any account with that address, suspended ones too: this never restores or adds to one.
    if (await repo.findAnyAccountByEmail(trx, input.email)) return { created: false as const };
    const accountId = await repo.createAccount(trx, { email: input.email, displayName: input.displayName, passwordHash: null, roles: ['lead'] });
    const { token, hash } = newToken();
    await repo.insertPasswordReset(trx, { accountId, tokenHash: hash, expiresAt: new Date(Date.now() + ADMIN_LINK_LIFETIME_MS).toISOString() });
    await audit(trx, { actorId: null, action: 'account-created', subject: accountId, detail: { roles: 'lead', via: 'cli' } });
    return { created: true as const, link: `${config.publicUrl}/reset-password/${token}` };
  });
}
