// The public statement that closes an action: "You said … We did …", or "You said … We couldn't
// … Because …". Pure: the board's feed, the reply email and the calls to make all say it so.

export interface Statement {
  you_said: string | null;
  we_did: string | null;
  because: string | null;
  status: string;
}

/** "You said … We did …" or "You said … We couldn't … because …", as one paragraph of text. */
export function publicStatement(action: Statement): string {
  const youSaid = `You said: ${action.you_said ?? ''}`.trim();
  if (action.status === 'not-done') return `${youSaid}\nWe couldn't: ${action.we_did ?? ''}\nBecause: ${action.because ?? ''}`;
  return `${youSaid}\nWe did: ${action.we_did ?? ''}`;
}
