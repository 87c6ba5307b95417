// What happens to decisions as time passes, run by the job in `src/jobs.ts`: each open decision
// closes by itself at its closing time, and those who have not taken part are reminded (a day
// before it closes, and once when the quorum is at risk). `now` is the clock: the job passes the
// real time, tests a moved one.
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/database.ts';
import { closeDueDecisions, sendDecisionReminders } from './decisions.ts';

export async function runDecisionClock(db: Db, config: Config, now: Date = new Date()): Promise<{ closed: number; reminded: number }> {
  // Reminders first: a decision closing now needs no reminder, and one closing in a day does.
  const { reminded } = await sendDecisionReminders(db, config, now);
  const { closed } = await closeDueDecisions(db, now);
  return { closed, reminded };
}
