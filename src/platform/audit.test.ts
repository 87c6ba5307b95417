import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnchorError, audit, parseAnchor, verifyAuditChain } from './audit.ts';
import { Agent, anAccount, forEachDialect } from '../../test/helpers.ts';

forEachDialect('the audit log', (ctx) => {
  test('sign-ins, failures and role changes are chained, and the chain verifies', async () => {
    const lead = await anAccount(ctx.db, { roles: ['lead'] });
    const other = await anAccount(ctx.db, { roles: ['person'] });
    const agent = new Agent(ctx.app);
    await agent.get('/sign-in');
    await agent.post('/sign-in', { email: lead.email, password: 'wrong password entirely' });
    await agent.signIn(lead.email);
    await agent.get(`/admin/accounts/${other.id}`);
    const saved = await agent.post(`/admin/accounts/${other.id}/roles`, { roles: ['person', 'group'] });
    assert.equal(saved.statusCode, 303);

    const actions = (await ctx.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
    for (const expected of ['account-created', 'sign-in-failed', 'sign-in', 'roles-changed']) {
      assert.ok(actions.includes(expected), `${expected} is in the audit log`);
    }
    const report = await verifyAuditChain(ctx.db);
    assert.equal(report.ok, true);
    assert.equal(report.entries, actions.length);
  });

  test('changing an entry after it was written breaks the chain at that entry', async () => {
    await audit(ctx.db, { actorId: null, action: 'test-event', detail: { n: 1 } });
    await audit(ctx.db, { actorId: null, action: 'test-event', detail: { n: 2 } });
    const target = await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'test-event').orderBy('seq').executeTakeFirstOrThrow();
    await ctx.db.updateTable('audit_log').set({ detail: '{"n":99}' }).where('seq', '=', target.seq).execute();
    const report = await verifyAuditChain(ctx.db);
    assert.equal(report.ok, false);
    assert.equal(report.brokenAt, target.seq);
    assert.match(report.problem ?? '', /changed after it was written/);
  });

  test('removing an entry from the middle is found', async () => {
    await ctx.db.deleteFrom('audit_log').execute();
    for (let n = 0; n < 4; n++) await audit(ctx.db, { actorId: null, action: 'test-event', detail: { n } });
    await ctx.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    const report = await verifyAuditChain(ctx.db);
    assert.equal(report.ok, false);
    assert.equal(report.brokenAt, 2);
  });

  test('appends from many requests at once keep one unbroken chain', async () => {
    await ctx.db.deleteFrom('audit_log').execute();
    await Promise.all(Array.from({ length: 25 }, (_, n) => audit(ctx.db, { actorId: null, action: 'concurrent', detail: { n } })));
    const report = await verifyAuditChain(ctx.db);
    const last = await ctx.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual(report, { ok: true, entries: 25, head: `25:${last.hash}` });
    assert.equal(last.seq, 25);
  });

  test('an event audited "once per" a window is written once in it, and again after it', async () => {
    const actor = await anAccount(ctx.db);
    await ctx.db.deleteFrom('audit_log').execute();
    const event = { actorId: actor.id, action: 'live-check', subject: 'someone' };
    await Promise.all(Array.from({ length: 10 }, () => audit(ctx.db, event, { oncePerMs: 300 })));
    await audit(ctx.db, { ...event, subject: 'someone else' }, { oncePerMs: 300 });
    const rows = async () => (await ctx.db.selectFrom('audit_log').select('subject').orderBy('seq').execute()).map((r) => r.subject);
    assert.deepEqual(await rows(), ['someone', 'someone else'], 'one for each subject, however many at once');
    await new Promise((resolve) => setTimeout(resolve, 350));
    await audit(ctx.db, event, { oncePerMs: 300 });
    assert.deepEqual(await rows(), ['someone', 'someone else', 'someone']);
    assert.equal((await verifyAuditChain(ctx.db)).ok, true);
  });

  test('an anchor from an earlier check finds entries cut off the end, or a log rewritten from the anchor', async () => {
    await ctx.db.deleteFrom('audit_log').execute();
    for (let n = 0; n < 5; n++) await audit(ctx.db, { actorId: null, action: 'test-event', detail: { n } });
    const { head } = await verifyAuditChain(ctx.db);
    const anchor = parseAnchor(head!);
    assert.equal(anchor.seq, 5);
    await audit(ctx.db, { actorId: null, action: 'later-event' });
    assert.equal((await verifyAuditChain(ctx.db, anchor)).ok, true, 'entries after the anchor are fine');

    await ctx.db.deleteFrom('audit_log').where('seq', '>=', 5).execute();
    assert.equal((await verifyAuditChain(ctx.db)).ok, true, 'the cut chain still holds together on its own');
    const cut = await verifyAuditChain(ctx.db, anchor);
    assert.equal(cut.ok, false);
    assert.match(cut.problem ?? '', /ends at entry 4, but entry 5 was written before/);

    // Rewritten from entry 5 on, with a chain that links: the anchor's hash no longer matches.
    await audit(ctx.db, { actorId: null, action: 'rewritten' });
    const rewritten = await verifyAuditChain(ctx.db, anchor);
    assert.equal(rewritten.ok, false);
    assert.equal(rewritten.brokenAt, 5);
    assert.match(rewritten.problem ?? '', /not the entry that was anchored/);

    assert.throws(() => parseAnchor('5:abc'), AnchorError);
  });
});
