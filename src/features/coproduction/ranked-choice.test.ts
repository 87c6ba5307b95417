import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { countRankedChoice as count, drawLot } from './ranked-choice.ts';

const SEED = 'a1b2c3d4e5f60718';
const countRankedChoice = (options: string[], ballots: string[][], seed = SEED) => count(options, ballots, seed);

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

  test('a tie with no earlier round to look back on is broken by the recorded draw, never by list order', () => {
    // Round 1: A 1, B 1, C 1 — a three-way tie with nothing earlier to look back on.
    const ballots = [['A', 'B'], ['B', 'C'], ['C', 'A']];
    const result = countRankedChoice(['A', 'B', 'C'], ballots);
    assert.equal(result.rounds[0]?.tieBreak, 'draw');
    assert.equal(result.rounds[0]?.eliminated, drawLot(SEED, 1, ['A', 'B', 'C']));
    assert.equal(result.seed, SEED);
    // Listing the options in any other order changes nothing.
    for (const order of [['C', 'B', 'A'], ['B', 'A', 'C'], ['C', 'A', 'B']]) {
      const again = countRankedChoice(order, ballots);
      assert.equal(again.rounds[0]?.eliminated, result.rounds[0]?.eliminated, `options listed ${order.join('')}`);
      assert.equal(again.winner, result.winner);
    }
    // The seed decides: across seeds, each option is eliminated by some draw (so it is not list order in disguise).
    const eliminated = new Set(Array.from({ length: 40 }, (_, i) => countRankedChoice(['A', 'B', 'C'], ballots, `seed-${i}`).rounds[0]?.eliminated));
    assert.deepEqual([...eliminated].sort(), ['A', 'B', 'C']);
  });

  test('the draw is the lowest SHA-256 of seed, round and option id, so anyone can repeat it', () => {
    const ticket = (id: string) => createHash('sha256').update(`s:2:${id}`).digest('hex');
    const lowest = ['X', 'Y', 'Z'].sort((a, b) => ticket(a).localeCompare(ticket(b)))[0];
    assert.equal(drawLot('s', 2, ['Z', 'Y', 'X']), lowest);
  });

  test('an even split between two options is decided by the stated tie-break: the same ballots and seed, the same winner', () => {
    const ballots = [['A'], ['A'], ['B'], ['B']];
    const result = countRankedChoice(['A', 'B'], ballots);
    assert.equal(result.rounds[0]?.tieBreak, 'draw');
    assert.equal(result.rounds[0]?.eliminated, drawLot(SEED, 1, ['A', 'B']));
    assert.notEqual(result.winner, result.rounds[0]?.eliminated);
    assert.equal(countRankedChoice(['B', 'A'], ballots).winner, result.winner);
  });

  test('options with no first preferences are eliminated first; unknown and repeated choices are ignored', () => {
    // Round 1: A 2, B 2, C 0 of 4 — C (no votes) out. Round 2: A 2, B 2 — tied in round 1 too, so the draw for round 2 decides.
    const result = countRankedChoice(['A', 'B', 'C'], [['A', 'A', 'zzz'], ['B', 'A'], ['A'], ['zzz', 'B']]);
    const second = drawLot(SEED, 2, ['A', 'B']);
    assert.deepEqual(result.rounds.map((r) => r.eliminated), ['C', second, null]);
    assert.equal(result.rounds[1]?.tieBreak, 'draw');
    assert.equal(result.winner, second === 'A' ? 'B' : 'A');
  });

  test('no ballots, no winner', () => {
    assert.equal(countRankedChoice(['A', 'B'], []).winner, null);
    assert.equal(countRankedChoice(['A', 'B'], [['nope']]).winner, null);
  });
});
