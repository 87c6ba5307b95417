import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shownCount, suppressedCounts } from './suppression.ts';

describe('small-number suppression', () => {
  test('1 to 4 are shown as "fewer than 5"; 0 and 5+ as numbers', () => {
    assert.equal(shownCount(0).text, '0');
    assert.equal(shownCount(1).text, 'fewer than 5');
    assert.equal(shownCount(4).text, 'fewer than 5');
    assert.equal(shownCount(5).text, '5');
  });

  test('the total is hidden when it would reveal the one suppressed count', () => {
    const result = suppressedCounts({ agree: 6, concern: 0, object: 2 });
    assert.equal(result.counts.object?.text, 'fewer than 5');
    assert.equal(result.total.value, null);
    assert.equal(suppressedCounts({ agree: 6, object: 0 }).total.text, '6');
  });
});
