// Every insight figure against a dataset worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParticipationLevel } from '../coproduction/index.ts';
import {
  feedbackResponseFigure, groupMembersFigure, languageFigure, livedExperienceFirstFigure, median, participationFigure, prioritiesFigure, spread, staffResponseFigure, suppressDistribution,
} from './figures.ts';

const repeat = (level: ParticipationLevel, n: number): ParticipationLevel[] => Array.from({ length: n }, () => level);

test('median of odd and even lists, and of none', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([1, 2, 3, 4]), 2.5);
  assert.equal(median([]), null);
});

test('suppression hides 1 to 4, and one more when only one would be hidden', () => {
  assert.deepEqual(suppressDistribution([7, 0, 2, 5, 6]).cells.map((c) => c.text), ['7', '0', 'fewer than 5', 'not shown', '6']);
  assert.deepEqual(suppressDistribution([3, 2, 10]).cells.map((c) => c.text), ['fewer than 5', 'fewer than 5', '10']);
  assert.deepEqual(suppressDistribution([3, 1]).total.text, 'fewer than 5');
  assert.equal(suppressDistribution([5, 0, 9]).suppressed, false);
});

test('participation: 20 decisions, 10 informing, 5 consultation, 5 engagement', () => {
  const figure = participationFigure([...repeat('informing', 10), ...repeat('consultation', 5), ...repeat('engagement', 5)]);
  assert.deepEqual(figure.rows, [
    ['Informing', '10', '50%'],
    ['Consultation', '5', '25%'],
    ['Engagement', '5', '25%'],
    ['Co-design', '0', '0%'],
    ['Co-production', '0', '0%'],
    ['All decisions', '20', '100%'],
  ]);
  assert.equal(figure.headline, '25% of decisions were at engagement or above');
  assert.equal(figure.suppressed, false);
});

test('participation: a rung with 2 decisions is hidden, and so is the next smallest', () => {
  const figure = participationFigure([...repeat('informing', 7), ...repeat('engagement', 2), ...repeat('co-design', 5), ...repeat('co-production', 6)]);
  assert.deepEqual(figure.rows.map((r) => r.slice(1)), [['7', '35%'], ['0', '0%'], ['fewer than 5', 'not shown'], ['not shown', 'not shown'], ['6', '30%'], ['20', '100%']]);
  assert.equal(figure.headline, undefined);
  assert.deepEqual(figure.bars.map((b) => b.value), [35, 0, null, null, 30]);
});

test('participation: fewer than 5 decisions in all shows nothing', () => {
  const figure = participationFigure(repeat('co-production', 3));
  assert.ok(figure.rows.every((r) => r[0] === 'All decisions' || r[1] === '0' || r[1] === 'fewer than 5'));
  assert.equal(figure.rows.at(-1)?.[1], 'fewer than 5');
});

test('lived experience first: 6 of 11 decisions', () => {
  const decisions = [...Array.from({ length: 6 }, () => ({ groupInputBeforeOptions: true })), ...Array.from({ length: 5 }, () => ({ groupInputBeforeOptions: false }))];
  const figure = livedExperienceFirstFigure(decisions);
  assert.deepEqual(figure.rows, [['Before the options were set', '6', '54.5%'], ['After, or not at all', '5', '45.5%']]);
  assert.equal(figure.headline, '54.5% of decisions had lived-experience input before the options were set');
  // 7 before and 3 after: the 3 is hidden, and with only two cells the 7 must be too.
  const small = livedExperienceFirstFigure([...Array.from({ length: 7 }, () => ({ groupInputBeforeOptions: true })), ...Array.from({ length: 3 }, () => ({ groupInputBeforeOptions: false }))]);
  assert.deepEqual(small.rows.map((r) => r[1]), ['not shown', 'fewer than 5']);
  assert.equal(small.headline, undefined);
});

test('feedback: medians in days and the share closed', () => {
  const figure = feedbackResponseFigure({ received: 10, closed: 6, firstResponse: spread([4, 1, 10, 2, 3]), closure: spread([20, 5, 7, 9, 11, 13]) });
  assert.deepEqual(figure.rows, [
    ['Median days to a first response', '3 days', '5'],
    ['Median days to closure', '10 days', '6'],
    ['Share of feedback closed', '60%', '10'],
  ]);
  assert.equal(figure.headline, 'Half of all feedback had a first response within 3 days');
});

test('feedback: medians of fewer than 5 items are not shown', () => {
  const figure = feedbackResponseFigure({ received: 8, closed: 2, firstResponse: spread([1, 2]), closure: spread([]) });
  assert.deepEqual(figure.rows.map((r) => r[1]), ['not shown (fewer than 5)', 'none yet', 'not shown']);
  assert.equal(figure.suppressed, true);
});

test('staff responses: 15 of 20 group comments answered', () => {
  const figure = staffResponseFigure({ awaiting: 20, responded: 15 });
  assert.deepEqual(figure.rows, [['Answered by staff', '15', '75%'], ['Still waiting', '5', '25%'], ['All comments waiting for a response', '20', '100%']]);
  assert.equal(figure.headline, '75% of group comments got a staff response');
  const small = staffResponseFigure({ awaiting: 6, responded: 3 });
  assert.deepEqual(small.rows.map((r) => r[1]), ['fewer than 5', 'fewer than 5', '6']);
  assert.equal(small.headline, undefined);
});

test('group members: active and returning by month, small months hidden', () => {
  const figure = groupMembersFigure([
    { month: '2026-10', label: 'October 2026', active: 12, returning: 7 },
    { month: '2026-11', label: 'November 2026', active: 6, returning: 2 },
    { month: '2026-12', label: 'December 2026', active: 3, returning: 3 },
  ]);
  assert.deepEqual(figure.rows, [
    ['October 2026', '12', '7', '5'],
    ['November 2026', '6', 'fewer than 5', 'fewer than 5'],
    ['December 2026', 'fewer than 5', 'fewer than 5', '0'],
  ]);
  assert.deepEqual(figure.bars.map((b) => b.value), [12, 6, null]);
});

test('priorities of care: first choices and top three', () => {
  const figure = prioritiesFigure({
    priorities: [{ id: 'hormones', label: 'Hormones' }, { id: 'voice', label: 'Voice' }, { id: 'peer', label: 'Peer support' }],
    ranks: [
      { priorityId: 'hormones', rank: 1, people: 12 },
      { priorityId: 'voice', rank: 1, people: 8 },
      { priorityId: 'hormones', rank: 2, people: 6 },
      { priorityId: 'peer', rank: 2, people: 10 },
      { priorityId: 'voice', rank: 3, people: 9 },
      { priorityId: 'peer', rank: 3, people: 2 },
    ],
    people: 20,
  });
  assert.deepEqual(figure.rows, [
    ['Hormones', '12', '60%', '18'],
    ['Voice', '8', '40%', '17'],
    ['Peer support', '0', '0%', '12'],
  ]);
  assert.equal(figure.headline, '20 people have ranked their priorities');
});

test('priorities of care: one priority chosen first by 3 people is hidden with the next smallest', () => {
  const figure = prioritiesFigure({
    priorities: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }],
    ranks: [{ priorityId: 'a', rank: 1, people: 3 }, { priorityId: 'b', rank: 1, people: 6 }, { priorityId: 'c', rank: 1, people: 11 }],
    people: 20,
  });
  assert.deepEqual(figure.rows.map((r) => r[1]), ['fewer than 5', 'not shown', '11']);
  assert.deepEqual(figure.rows.map((r) => r[3]), ['fewer than 5', '6', '11']);
});

test('language: findings per 1,000 words by month; months with fewer than 5 checks hidden', () => {
  const figure = languageFigure([
    { month: '2026-10', label: 'October 2026', checks: 10, words: 2000, findings: 7, blocking: 1 },
    { month: '2026-11', label: 'November 2026', checks: 3, words: 900, findings: 4, blocking: 0 },
    { month: '2026-12', label: 'December 2026', checks: 0, words: 0, findings: 0, blocking: 0 },
  ]);
  assert.deepEqual(figure.rows, [
    ['October 2026', 10, 2000, 3.5, 0.5],
    ['November 2026', 'fewer than 5', 'not shown', 'not shown', 'not shown'],
    ['December 2026', 0, 0, 0, 0],
  ]);
  assert.deepEqual(figure.bars.map((b) => b.value), [3.5, null, 0]);
});
