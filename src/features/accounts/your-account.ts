// "Your account": the account's second factors and its signed-in sessions, and ending them.
import { audit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { accountSessions, endAccountSessions, type AccountSession } from '../../platform/sessions.ts';
import type { SharedStore } from '../../platform/shared-store.ts';
import { secondFactorsOf, type SecondFactorSummary } from './second-factor.ts';

export interface YourAccount {
  factors: SecondFactorSummary[];
  recoveryCodesLeft: number;
  sessions: Array<AccountSession & { current: boolean }>;
}

export async function yourAccount(db: Db, store: SharedStore, accountId: string, currentSessionId: string): Promise<YourAccount> {
  const [{ factors, recoveryCodesLeft }, sessions] = await Promise.all([secondFactorsOf(db, accountId), accountSessions(store, accountId)]);
  return { factors, recoveryCodesLeft, sessions: sessions.map((s) => ({ ...s, current: s.id === currentSessionId })) };
}

/**
 * Ends one of the account's sessions (by the id its page showed), or every one but this; never
 * another account's, whatever id is sent. Returns how many ended.
 */
export async function endSessions(db: Db, store: SharedStore, accountId: string, currentSessionId: string, which: { id: string } | 'all-others'): Promise<number> {
  const sessions = await accountSessions(store, accountId);
  const ids = new Set(sessions.filter((s) => s.id !== currentSessionId && (which === 'all-others' || s.id === which.id)).map((s) => s.id));
  const ended = ids.size ? await endAccountSessions(store, accountId, ids) : 0;
  if (ended) await audit(db, { actorId: accountId, action: 'sessions.end', subject: accountId, detail: { count: ended } });
  return ended;
}
