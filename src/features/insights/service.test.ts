// The database side of the figures: month totals kept once, the snapshot checked and refreshed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLanguageCheck } from '../language/index.ts';
import { anAccount, forEachDialect } from '../../../test/helpers.ts';
import { replacePersonPriorities } from '../record/test-builders.ts';
import { currentInsights, languageData } from './service.ts';

forEachDialect('insight data', (ctx) => {
  test('a month that has ended is summed once and kept; the current month is summed every time', async () => {
    await logLanguageCheck(ctx.db, { source: 'test', words: 100, findings: 2, blocking: 0, at: '2026-09-15T10:00:00.000Z' });
    await logLanguageCheck(ctx.db, { source: 'test', words: 50, findings: 1, blocking: 1, at: '2026-10-03T10:00:00.000Z' });
    const now = new Date('2026-10-20T00:00:00.000Z');
    const first = await languageData(ctx.db, ['2026-09', '2026-10'], now);
    assert.deepEqual(first.map((m) => [m.month, m.checks, m.words, m.findings, m.blocking]), [['2026-09', 1, 100, 2, 0], ['2026-10', 1, 50, 1, 1]]);
    await logLanguageCheck(ctx.db, { source: 'test', words: 10, findings: 0, blocking: 0, at: '2026-09-20T10:00:00.000Z' });
    await logLanguageCheck(ctx.db, { source: 'test', words: 10, findings: 0, blocking: 0, at: '2026-10-19T10:00:00.000Z' });
    const second = await languageData(ctx.db, ['2026-09', '2026-10'], now);
    assert.deepEqual(second.map((m) => [m.month, m.checks]), [['2026-09', 1], ['2026-10', 2]]);
  });

  test('the snapshot is worked out again only when the data behind it changed', async () => {
    const t0 = new Date();
    const first = await currentInsights(ctx.db, { now: t0 });
    const later = new Date(t0.getTime() + 2 * 60 * 1000);
    const same = await currentInsights(ctx.db, { now: later });
    assert.equal(same.computedAt, first.computedAt, 'nothing changed: the snapshot is kept');
    for (let i = 0; i < 5; i += 1) {
      const person = await anAccount(ctx.db, { roles: ['person'] });
      await replacePersonPriorities(ctx.db, person.id, [{ priorityId: 'voice', rank: 1, ownWords: null }]);
    }
    const soon = await currentInsights(ctx.db, { now: new Date(later.getTime() + 10 * 1000) });
    assert.equal(soon.computedAt, first.computedAt, 'checked at most once a minute');
    const next = await currentInsights(ctx.db, { now: new Date(later.getTime() + 2 * 60 * 1000) });
    assert.notEqual(next.computedAt, first.computedAt);
    const priorities = next.figures.find((f) => f.id === 'priorities');
    assert.deepEqual(priorities?.rows.find((r) => r[0] === 'Voice and communication')?.slice(1, 3), ['5', '100%']);
  });
});
