import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testConfig } from '../../platform/config.ts';
import { safeWindow } from './safe-times.ts';

test('safe times in a person’s own words become hours a text waits for', () => {
  const config = testConfig();
  assert.equal(safeWindow('Weekdays, 10am to 3pm', config), 'Mon-Fri 10:00-15:00');
  assert.equal(safeWindow('weekends 9:30-12:00', config), 'Sat-Sun 09:30-12:00');
  assert.equal(safeWindow('every day 6pm until 9pm', config), 'Mon-Sun 18:00-21:00');
  assert.equal(safeWindow('Mon to Thu 1 to 3pm', config), 'Mon-Thu 13:00-15:00');
  assert.equal(safeWindow('', config), null, 'none given: any time');
  assert.equal(safeWindow('when my partner is out', config), config.openingHours.text, 'unreadable: the service’s opening hours, never any time');
});
