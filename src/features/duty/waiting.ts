// What waits for someone on the duty rota, for the home page and the header count: disclosures
// of risk nobody has taken yet, and those taken but not closed.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import type { WaitingItem } from '../../platform/waiting.ts';
import { countOpen } from './repository.ts';

export async function dutyWaiting(db: Db, actor: Actor): Promise<WaitingItem[]> {
  if (!actor.roles.has('duty')) return [];
  const { open, untaken } = await countOpen(db);
  const taken = open - untaken;
  const group = 'Duty queue';
  return [
    { group, text: `${untaken} ${untaken === 1 ? 'disclosure of risk has' : 'disclosures of risk have'} not been taken by anyone`, href: '/duty', count: untaken, nav: '/duty', action: true },
    { group, text: `${taken} ${taken === 1 ? 'disclosure is' : 'disclosures are'} taken and not yet closed`, href: '/duty', count: taken, action: false },
  ];
}
