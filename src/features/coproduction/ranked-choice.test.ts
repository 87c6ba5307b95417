import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countRankedChoice } from './ranked-choice.ts';

const times = (n: number, ballot: string[]) => Array.from({ length: n }, () => ballot);

describe('ranked choice (instant-runoff)', () => {
  test('a majority of first preferences wins in round 1', () => {
    const result = countRankedChoice(['A', 'B'], [...times(3, ['A', 'B']), ...times(2, ['B'])]);
    assert.equal(result.winner, 'A');
    assert.equal(result.rounds.length, 1);
  });

  test('the last-placed option is eliminated and its ballots transfer', () => {
    // Round 1: A 5, B 4, C 3 of 12 — no majority; C out. Round 2: A 5, B 7 — B wins.
    const result = countRankedChoice(['A', 'B', 'C'], [...times(5, ['A', 'B']), ...times(4, ['B', 'C']), ...times(3, ['C', 'B'])]);
    assert.equal(result.winner, 'B');
    assert.deepEqual(result.rounds.map((r) => r.eliminated), ['C', null]);
    assert.deepEqual(result.rounds[1]?.tallies, [{ optionId: 'A', votes: 5 }, { optionId: 'B', votes: 7 }]);
  });

  test('exhausted ballots drop out: a majority of continuing ballots wins', () => {
    // Round 1: A 4, B 3, C 2 of 9; C out and both C ballots exhaust. Round 2: A 4 of 7 continuing — A wins.
    const result = countRankedChoice(['A', 'B', 'C'], [...times(4, ['A']), ...times(3, ['B']), ...times(2, ['C'])]);
    assert.equal(result.winner, 'A');
    assert.equal(result.rounds[1]?.exhausted, 2);
  });

  test('a tie for last is broken by the earlier round', () => {
    // Round 1: A 5, B 3, C 2, D 1 — D out, its ballot goes to C. Round 2: A 5, B 3, C 3 — B and C
    // tie; in round 1 C had fewer (2 < 3), so C goes. Round 3: A 5, B 6 — B wins.
    const ballots = [...times(5, ['A']), ...times(3, ['B']), ...times(2, ['C', 'B']), ['D', 'C', 'B']];
    const result = countRankedChoice(['A', 'B', 'C', 'D'], ballots);
    assert.deepEqual(result.rounds.map((r) => r.eliminated), ['D', 'C', null]);
    assert.equal(result.rounds[1]?.tieBreak, 'earlier-round');
    assert.equal(result.winner, 'B');
  });

  test('a tie with no earlier round to look back on eliminates the option listed last', () => {
    const result = countRankedChoice(['A', 'B', 'C'], [...times(3, ['A']), ...times(2, ['B', 'A']), ...times(2, ['C', 'B'])]);
    assert.equal(result.rounds[0]?.eliminated, 'C');
    assert.equal(result.rounds[0]?.tieBreak, 'listed-last');
    // Round 2: A 3, B 4 of 7 — B wins.
    assert.equal(result.winner, 'B');
  });

  test('an even split between two options is decided by the documented tie-break, not at random', () => {
    const result = countRankedChoice(['A', 'B'], [['A'], ['A'], ['B'], ['B']]);
    assert.equal(result.winner, 'A');
    assert.equal(result.rounds[0]?.eliminated, 'B');
    assert.equal(countRankedChoice(['A', 'B'], [['A'], ['A'], ['B'], ['B']]).winner, 'A');
  });

  test('options with no first preferences are eliminated first; unknown and repeated choices are ignored', () => {
    // Round 1: A 2, B 2, C 0 of 4 — C (no votes) out. Round 2: A 2, B 2 — tied in round 1 too, so B (listed last) out.
    const result = countRankedChoice(['A', 'B', 'C'], [['A', 'A', 'zzz'], ['B', 'A'], ['A'], ['zzz', 'B']]);
    assert.deepEqual(result.rounds.map((r) => r.eliminated), ['C', 'B', null]);
    assert.equal(result.winner, 'A');
  });

  test('no ballots, no winner', () => {
    assert.equal(countRankedChoice(['A', 'B'], []).winner, null);
    assert.equal(countRankedChoice(['A', 'B'], [['nope']]).winner, null);
  });
});
