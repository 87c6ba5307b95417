// Page data for the calls to make: each with what to tell the person (the statement, without
// the "You said" they already know).
import type { Call } from '../service/replies.ts';
import { publicStatement } from '../statement.ts';

export function callsPage(calls: readonly Call[]) {
  return {
    pageTitle: 'Calls to make',
    tasks: calls.map((t) => ({
      ...t,
      statement: publicStatement(t.status === 'not-done' ? { you_said: null, we_did: t.we_did, because: t.because, status: t.status } : { you_said: null, we_did: t.we_did, because: null, status: 'done' }).replace(/^You said:\s*\n/, ''),
    })),
  };
}
