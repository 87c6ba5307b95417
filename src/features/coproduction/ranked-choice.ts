// Ranked choice counting: instant-runoff voting (IRV). Pure: no I/O (hashing only).
//
// Method
// 1. Each ballot lists options in order of preference (it need not rank them all; unknown or
//    repeated options are ignored, keeping the first mention).
// 2. In each round, every ballot counts for its highest-ranked option still in the count.
//    A ballot with no option still in the count is *exhausted* and counts for nothing from then on.
// 3. If an option has more than half of the ballots that are not exhausted, it wins.
// 4. Otherwise the option with the fewest votes is eliminated and the next round begins. Options
//    with no first preferences take part in round 1 with 0 votes, so they are eliminated first.
// 5. Tie-break for elimination (several options share the fewest votes): look back through the
//    earlier rounds, most recent first, and eliminate whichever of the tied options had fewer votes
//    in that round; if they were tied in every earlier round (or this is round 1), a random draw
//    decides: each tied option gets the SHA-256 of `<seed>:<round>:<option id>` and the lowest
//    is eliminated. The seed is drawn and recorded when the decision opens (before anyone
//    answers) and shown with the result, so anyone can repeat the draw; the order the options
//    are listed in never decides. The same ballots and seed always give the same result.
// 6. When two options remain with equal votes, the same tie-break eliminates one and the other wins.
// 7. With no valid ballots there is no winner.

import { createHash } from 'node:crypto';

export interface RankedRound {
  /** Votes for each option still in the count, in option order. */
  tallies: Array<{ optionId: string; votes: number }>;
  exhausted: number;
  eliminated: string | null;
  /** How the eliminated option was chosen when several had the fewest votes. */
  tieBreak: 'earlier-round' | 'draw' | null;
}

export interface RankedResult {
  winner: string | null;
  rounds: RankedRound[];
  /** The seed of the draw, as given: shown with the result whenever a round was decided by it. */
  seed: string;
}

/** The draw for round `round` (1, 2, …): the tied option whose `<seed>:<round>:<id>` hashes lowest. */
export function drawLot(seed: string, round: number, tied: readonly string[]): string {
  const ticket = (id: string) => createHash('sha256').update(`${seed}:${round}:${id}`).digest('hex');
  return [...tied].sort((a, b) => (ticket(a) < ticket(b) ? -1 : ticket(a) > ticket(b) ? 1 : 0))[0]!;
}

export function countRankedChoice(optionIds: readonly string[], ballots: ReadonlyArray<readonly string[]>, seed: string): RankedResult {
  const known = new Set(optionIds);
  const clean = ballots.map((ballot) => {
    const seen = new Set<string>();
    return ballot.filter((id) => known.has(id) && !seen.has(id) && seen.add(id));
  });
  const continuing = new Set(optionIds);
  const rounds: RankedRound[] = [];
  const history: Array<Map<string, number>> = [];
  if (clean.every((b) => b.length === 0)) return { winner: null, rounds, seed };

  while (continuing.size > 0) {
    const tally = new Map<string, number>([...continuing].map((id) => [id, 0]));
    let exhausted = 0;
    for (const ballot of clean) {
      const choice = ballot.find((id) => continuing.has(id));
      if (choice === undefined) exhausted += 1;
      else tally.set(choice, (tally.get(choice) ?? 0) + 1);
    }
    history.push(tally);
    const active = clean.length - exhausted;
    const tallies = optionIds.filter((id) => continuing.has(id)).map((id) => ({ optionId: id, votes: tally.get(id) ?? 0 }));
    const leader = tallies.find((t) => t.votes * 2 > active);
    if (leader || continuing.size === 1) {
      rounds.push({ tallies, exhausted, eliminated: null, tieBreak: null });
      return { winner: leader?.optionId ?? tallies[0]?.optionId ?? null, rounds, seed };
    }
    const fewest = Math.min(...tallies.map((t) => t.votes));
    let tied = tallies.filter((t) => t.votes === fewest).map((t) => t.optionId);
    let tieBreak: RankedRound['tieBreak'] = null;
    if (tied.length > 1) {
      for (let r = history.length - 2; r >= 0 && tied.length > 1; r -= 1) {
        const earlier = history[r]!;
        const low = Math.min(...tied.map((id) => earlier.get(id) ?? 0));
        const narrowed = tied.filter((id) => (earlier.get(id) ?? 0) === low);
        if (narrowed.length < tied.length) tieBreak = 'earlier-round';
        tied = narrowed;
      }
      if (tied.length > 1) {
        tieBreak = 'draw';
        tied = [drawLot(seed, history.length, tied)];
      }
    }
    const eliminated = tied[0]!;
    continuing.delete(eliminated);
    rounds.push({ tallies, exhausted, eliminated, tieBreak });
  }
  return { winner: null, rounds, seed };
}
