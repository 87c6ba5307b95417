// What /insights reads of the feedback loop, computed where the feedback lives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { insertFeedback } from './repository/items.ts';
import { medianDays } from './service/measures.ts';

forEachDialect('feedback measures', (ctx) => {
  test('median days are read from the database for odd and even counts', async () => {
    const add = (days: number | null) =>
      insertFeedback(ctx.db, {
        created_at: '2026-10-01T00:00:00.000Z', body: 'x', rating: null, area: 'other', consent_publish: 0, account_id: null, reply_channel: null, reply_email: null, reply_phone: null, replied_at: null,
        risk: 0, deidentified_text: 'x', moderation: 'not-consented', public_text: null, moderated_by: null, moderated_at: null, first_response_at: days === null ? null : '2026-10-02T00:00:00.000Z',
        days_to_first_response: days, closed_at: null, days_to_closure: null,
      });
    assert.deepEqual(await medianDays(ctx.db, 'days_to_first_response'), { n: 0, median: null });
    for (const d of [10, 2, null, 4, 1, 3]) await add(d);
    assert.deepEqual(await medianDays(ctx.db, 'days_to_first_response'), { n: 5, median: 3 });
    await add(6);
    assert.deepEqual(await medianDays(ctx.db, 'days_to_first_response'), { n: 6, median: 3.5 });
  });
});
