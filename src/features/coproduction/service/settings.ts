// Each member's choice of updates by mail, their own involvement time, and the lead's
// lived-experience quorum (copied onto each decision when it opens, so changing it never changes
// an old result).
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import * as repo from '../repository/index.ts';
import type { MailPreferenceTable } from '../tables.ts';
import type { DigestFrequency } from './digests.ts';

export interface Quorum {
  minGroup: number;
  minSharePercent: number;
}

export interface SettingsView {
  preference: MailPreferenceTable | undefined;
  quorum: Quorum;
  involvement: { meetings: number; minutes: number };
}

export async function settingsView(db: Db, accountId: string): Promise<SettingsView> {
  return { preference: await repo.getMailPreference(db, accountId), quorum: await repo.getQuorum(db), involvement: await repo.involvementFor(db, accountId) };
}

export async function saveMailPreference(db: Db, actor: Actor, choice: { digest: DigestFrequency; replies: boolean; decisions: boolean }): Promise<void> {
  return inTransaction(db, (trx) =>
    repo.setMailPreference(trx, { account_id: actor.id, digest: choice.digest, immediate_replies: choice.replies ? 1 : 0, immediate_decisions: choice.decisions ? 1 : 0, updated_at: nowIso() }),
  );
}

/** The quorum for decisions opened from now on. */
export async function saveQuorum(db: Db, actor: Actor, quorum: Quorum): Promise<void> {
  return inTransaction(db, async (trx) => {
    await repo.setQuorum(trx, quorum, actor.id);
    await audit(trx, { actorId: actor.id, action: 'coproduction.quorum', detail: { minGroup: quorum.minGroup, minSharePercent: quorum.minSharePercent } });
  });
}
