import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOpen, openMinutesBetween, parseOpeningHours } from './opening-hours.ts';

const weekdays = parseOpeningHours('Mon-Fri 09:00-17:00');

test('opening hours are read in the service time zone, British Summer Time included', () => {
  assert.equal(isOpen(weekdays, new Date('2026-12-01T10:00:00Z')), true, 'a Tuesday morning in winter');
  assert.equal(isOpen(weekdays, new Date('2026-12-01T17:00:00Z')), false, '5pm is closing time');
  assert.equal(isOpen(weekdays, new Date('2026-12-05T10:00:00Z')), false, 'a Saturday');
  assert.equal(isOpen(weekdays, new Date('2026-07-01T08:30:00Z')), true, '09:30 in summer time');
  assert.equal(isOpen(weekdays, new Date('2026-07-01T16:30:00Z')), false, '17:30 in summer time');
});

test('minutes of opening time: an alert at 16:55 on a Friday reaches 15 at 09:10 on Monday', () => {
  const raised = new Date('2026-12-04T16:55:00Z');
  assert.equal(openMinutesBetween(weekdays, raised, new Date('2026-12-04T17:30:00Z')), 5);
  assert.equal(openMinutesBetween(weekdays, raised, new Date('2026-12-07T09:09:00Z')), 14);
  assert.equal(openMinutesBetween(weekdays, raised, new Date('2026-12-07T09:10:00Z')), 15);
  assert.equal(openMinutesBetween(parseOpeningHours('always'), raised, new Date('2026-12-04T17:10:00Z')), 15);
});

test('several parts, and clear errors for what is not opening hours', () => {
  const hours = parseOpeningHours('Mon-Fri 09:00-17:00; Sat 10:00-13:00');
  assert.equal(isOpen(hours, new Date('2026-12-05T11:00:00Z')), true);
  assert.throws(() => parseOpeningHours('weekdays'), /should look like "Mon-Fri 09:00-17:00"/);
  assert.throws(() => parseOpeningHours('Mon-Fun 09:00-17:00'), /"Fun" is not a day/);
  assert.throws(() => parseOpeningHours('Mon 17:00-09:00'), /closing time must be after/);
  assert.throws(() => parseOpeningHours('Mon 9am-5pm'), /should look like/);
  assert.throws(() => parseOpeningHours('Mon 09:00-17:00', 'Mars/Olympus'), /not a time zone/);
});
