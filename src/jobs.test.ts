// The server's jobs: each runs on its timer, a slow run is not started twice, and stopping waits
// for the run in progress (so a shutdown never cuts a send in half).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audit } from './platform/audit.ts';
import { startJobs, type JobLog } from './jobs.ts';
import { queueMail, type Mailer } from './platform/mail/outbox.ts';
import { forEachDialect } from '../test/helpers.ts';

/** A log that keeps what it is told. */
function memoryLog(): JobLog & { lines: string[] } {
  const lines: string[] = [];
  const keep = (details: object, message: string) => void lines.push(`${message} ${JSON.stringify(details)}`);
  return { lines, info: keep, error: keep };
}

const until = async (condition: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

forEachDialect('the server jobs', (ctx) => {
  test('the outbox is sent on its timer, one run at a time, and stopping waits for the send in progress', async () => {
    const sent: string[] = [];
    let inFlight = 0;
    let mostAtOnce = 0;
    let closed = false;
    const mailer: Mailer = {
      async send(message) {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 60)); // slower than the timer
        sent.push(message.to);
        inFlight -= 1;
      },
      close: () => {
        closed = true;
      },
    };
    const log = memoryLog();
    await queueMail(ctx.db, { to: 'one@example.org', subject: 'A', text: 'x', purpose: 'test' });
    await queueMail(ctx.db, { to: 'two@example.org', subject: 'B', text: 'x', purpose: 'test' });
    const stop = await startJobs(ctx.db, ctx.config, log, { mailer, intervalsMs: { outbox: 10 } });
    await until(() => sent.length >= 1);
    await stop();
    assert.deepEqual(sent.sort(), ['one@example.org', 'two@example.org'], 'both were sent, and stopping waited for the run');
    assert.deepEqual(log.lines.filter((l) => l.includes('failed')), []);
    assert.equal(mostAtOnce, 1, 'a run does not start while the last is still sending');
    assert.ok(closed, 'the mailer is closed when the jobs stop');
    const statuses = await ctx.db.selectFrom('outbox').select('status').where('purpose', '=', 'test').execute();
    assert.deepEqual(statuses.map((s) => s.status), ['sent', 'sent']);
  });

  test('the audit anchor is logged when the jobs start, and the insight snapshot is kept fresh', async () => {
    const log = memoryLog();
    await audit(ctx.db, { actorId: null, action: 'test.event' });
    await ctx.db.deleteFrom('insight_snapshots').execute();
    const stop = await startJobs(ctx.db, ctx.config, log, { intervalsMs: { insights: 10 } });
    try {
      assert.ok(log.lines.some((l) => /"auditAnchor":"\d+:[0-9a-f]{64}"/.test(l)), 'the anchor is in the logs');
      await until(async () => Boolean(await ctx.db.selectFrom('insight_snapshots').select('figure').where('figure', '=', 'all').executeTakeFirst()));
    } finally {
      await stop();
    }
  });
});
