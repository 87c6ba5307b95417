// How a decision is run (issue 15): its facilitator, its closing time and closing by itself on a
// moved clock, reminders that go once, results hidden until you have taken part, words with every
// answer, and a tied vote that is no decision until the facilitator opens a run-off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { NotFoundError } from '../../platform/policy.ts';
import { loadActor } from '../accounts/index.ts';
import { BALLOT_REFUSALS, CLOCK_SUMMARY_REFUSALS, CLOSE_REFUSALS, RUN_OFF_REFUSALS } from './forms/decisions.ts';
import { OPEN_DECISION_REFUSALS } from './forms/proposals.ts';
import * as repo from './repository/index.ts';
import { runDecisionClock } from './service/decision-clock.ts';
import { castBallot, closeDecision, closeDueDecisions, openDecision, openRunOff, sendDecisionReminders, settleObjection, writeClockSummary } from './service/decisions.ts';
import { aGroup, anActor, aProposal, refusedSaying } from './test-builders.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 11, 1, 9);
const at = (ms: number) => new Date(T0 + ms).toISOString();

forEachDialect('coproduction: how a decision is run', (ctx) => {
  const question = { question: 'Adopt?', anonymous: false, public: true, documentVersionId: null } as const;

  test('the opener facilitates unless they name someone; each method has a default closing time, and a bad one is refused', async () => {
    const [a, b] = await aGroup(ctx.db, 2);
    const p1 = await aProposal(ctx.db, a!);
    const d1 = (await repo.getDecision(ctx.db, await openDecision(ctx.db, a!, p1, { method: 'consent', ...question }, at(0))))!;
    assert.equal(d1.facilitator_id, a!.id);
    assert.equal(d1.closes_at, at(7 * DAY));
    const p2 = await aProposal(ctx.db, a!);
    const d2 = (await repo.getDecision(ctx.db, await openDecision(ctx.db, a!, p2, { method: 'vote', ...question, facilitatorId: b!.id, openForDays: 3 }, at(0))))!;
    assert.equal(d2.facilitator_id, b!.id);
    assert.equal(d2.closes_at, at(3 * DAY));
    const p3 = await aProposal(ctx.db, a!);
    await assert.rejects(openDecision(ctx.db, a!, p3, { method: 'vote', ...question, facilitatorId: '00000000-0000-4000-8000-000000000000' }, at(0)), refusedSaying(OPEN_DECISION_REFUSALS, /Choose a facilitator/));
    await assert.rejects(openDecision(ctx.db, a!, p3, { method: 'vote', ...question, closesAt: at(10 * 60_000) }, at(0)), refusedSaying(OPEN_DECISION_REFUSALS, /at least an hour/));
    await assert.rejects(openDecision(ctx.db, a!, p3, { method: 'vote', ...question, openForDays: 120 }, at(0)), refusedSaying(OPEN_DECISION_REFUSALS, /90 days at most/));
    const advice = (await repo.getDecision(ctx.db, await openDecision(ctx.db, a!, p3, { method: 'advice', ...question, adviserIds: [b!.id], facilitatorId: b!.id }, at(0))))!;
    assert.equal(advice.facilitator_id, a!.id, 'in an advice process the decider facilitates');
    assert.equal(advice.closes_at, at(14 * DAY));
  });

  test('before its closing time only the facilitator may close it, and only once the quorum is met', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const id = await openDecision(ctx.db, members[0]!, proposalId, { method: 'vote', ...question }, at(0));
    await castBallot(ctx.db, members[0]!, id, { position: 'for' }, at(HOUR));
    await castBallot(ctx.db, members[1]!, id, { position: 'for' }, at(HOUR));
    await assert.rejects(closeDecision(ctx.db, members[0]!, id, { summary: 'Early.' }, at(2 * HOUR)), refusedSaying(CLOSE_REFUSALS, /quorum is not met yet/));
    await castBallot(ctx.db, members[2]!, id, { position: 'against', reason: 'Too soon for me.' }, at(3 * HOUR));
    // Another member, and a lead, cannot close it though the quorum is now met.
    await assert.rejects(closeDecision(ctx.db, members[1]!, id, { summary: 'Mine.' }, at(4 * HOUR)), refusedSaying(CLOSE_REFUSALS, /Only the facilitator/));
    await assert.rejects(closeDecision(ctx.db, lead, id, { summary: 'Staff.' }, at(4 * HOUR)), refusedSaying(CLOSE_REFUSALS, /Only the facilitator/));
    assert.equal((await repo.getDecision(ctx.db, id))?.status, 'open');
    const result = await closeDecision(ctx.db, members[0]!, id, { summary: 'Adopted, two to one.' }, at(4 * HOUR));
    assert.equal(result.outcome, 'adopted');
    assert.equal((await repo.getBallot(ctx.db, (await repo.listBallots(ctx.db, id)).find((b) => b.position === 'against')!.id))?.reason, 'Too soon for me.', 'a reason is kept with any vote');
  });

  test('at its closing time it closes by itself, as the count stands (on a moved clock); nobody can answer after', async () => {
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const id = await openDecision(ctx.db, members[0]!, proposalId, { method: 'consent', ...question, openForDays: 2 }, at(0));
    for (const m of members) await castBallot(ctx.db, m, id, { position: m === members[1] ? 'concern' : 'agree', ...(m === members[1] ? { reason: 'Check the wording with the group.' } : {}) }, at(HOUR));
    await closeDueDecisions(ctx.db, new Date(T0 + 2 * DAY - 1));
    assert.equal((await repo.getDecision(ctx.db, id))?.status, 'open', 'not a moment before');
    assert.equal((await closeDueDecisions(ctx.db, new Date(T0 + 2 * DAY + 5 * 60_000))).closed >= 1, true);
    const closed = (await repo.getDecision(ctx.db, id))!;
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'adopted');
    assert.equal(closed.closed_by, null, 'closed by its closing time, not by a person');
    assert.equal(closed.closed_at, at(2 * DAY), 'it closed at its closing time, whenever the job ran');
    assert.match(closed.summary ?? '', /Closed at its closing time: adopted/);
    assert.equal((await repo.getProposal(ctx.db, proposalId))?.stage, 'implementing');
    await closeDueDecisions(ctx.db, new Date(T0 + 3 * DAY));
    const closings = await ctx.db.selectFrom('coproduction_events').select('id').where('decision_id', '=', id).where('kind', '=', 'decision-closed').execute();
    assert.equal(closings.length, 1, 'it closes once');
    const late = await anActor(ctx.db, ['group']);
    await assert.rejects(castBallot(ctx.db, late, id, { position: 'agree' }, at(3 * DAY)), refusedSaying(BALLOT_REFUSALS, /has closed/));
  });

  test('an objection not settled by the closing time stands; a consent decision then is not adopted', async () => {
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const id = await openDecision(ctx.db, members[0]!, proposalId, { method: 'consent', ...question, openForDays: 1 }, at(0));
    await castBallot(ctx.db, members[0]!, id, { position: 'agree' }, at(HOUR));
    await castBallot(ctx.db, members[1]!, id, { position: 'agree' }, at(HOUR));
    await castBallot(ctx.db, members[2]!, id, { position: 'object', reason: 'It leaves out people who cannot travel.' }, at(HOUR));
    await runDecisionClock(ctx.db, ctx.config, new Date(T0 + DAY));
    assert.equal((await repo.getDecision(ctx.db, id))?.outcome, 'not-adopted');
  });

  test('a day before it closes, and once when the quorum is at risk, those who have not taken part are reminded, each once', async () => {
    const members = await aGroup(ctx.db, 4);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const id = await openDecision(ctx.db, members[0]!, proposalId, { method: 'vote', ...question, openForDays: 4 }, at(0));
    await castBallot(ctx.db, members[0]!, id, { position: 'for' }, at(HOUR));
    const emails = new Map<string, string>();
    for (const m of members) emails.set((await ctx.db.selectFrom('accounts').select('email').where('id', '=', m.id).executeTakeFirstOrThrow()).email, m.id);
    const mailTo = async (purpose: string) =>
      (await ctx.db.selectFrom('outbox').select('to_address').where('purpose', '=', purpose).execute()).map((r) => emails.get(r.to_address)).filter((x): x is string => Boolean(x)).sort();
    const notYet = members.slice(1).map((m) => m.id).sort();

    // Day 1: nothing yet.
    await sendDecisionReminders(ctx.db, ctx.config, new Date(T0 + DAY));
    assert.deepEqual(await mailTo('coproduction-quorum-at-risk'), []);
    // Day 2 (half way) with one group member of three needed: the quorum is at risk. Once.
    await sendDecisionReminders(ctx.db, ctx.config, new Date(T0 + 2 * DAY));
    await sendDecisionReminders(ctx.db, ctx.config, new Date(T0 + 2 * DAY + HOUR));
    assert.deepEqual(await mailTo('coproduction-quorum-at-risk'), notYet);
    assert.deepEqual(await mailTo('coproduction-decision-closing'), []);
    // One more takes part; a day before the close the rest are reminded. Once.
    await castBallot(ctx.db, members[1]!, id, { position: 'for' }, at(2 * DAY + 2 * HOUR));
    await sendDecisionReminders(ctx.db, ctx.config, new Date(T0 + 3 * DAY));
    await sendDecisionReminders(ctx.db, ctx.config, new Date(T0 + 3 * DAY + HOUR));
    assert.deepEqual(await mailTo('coproduction-decision-closing'), members.slice(2).map((m) => m.id).sort());
    // The reminder says nothing about the decision.
    const body = await ctx.db.selectFrom('outbox').select(['subject', 'body_text']).where('purpose', '=', 'coproduction-decision-closing').executeTakeFirstOrThrow();
    assert.doesNotMatch(`${body.subject} ${body.body_text}`, /Adopt|decision|vote/i);
  });

  test('an answer carries words: a concern needs them, any vote may have a reason; the facilitator sees them gathered', async () => {
    const { agent: facilitatorAgent, account } = await signedInAs(ctx, ['group']);
    const facilitator = (await loadActor(ctx.db, account.id))!;
    const members = await aGroup(ctx.db, 2);
    const proposalId = await aProposal(ctx.db, facilitator);
    const id = await openDecision(ctx.db, facilitator, proposalId, { method: 'consent', ...question });
    await assert.rejects(castBallot(ctx.db, members[0]!, id, { position: 'concern' }), refusedSaying(BALLOT_REFUSALS, /Say what your concern is/));
    await castBallot(ctx.db, members[0]!, id, { position: 'concern', reason: 'The letter is long.' });
    await castBallot(ctx.db, members[1]!, id, { position: 'object', reason: 'Evenings exclude carers.' });
    const url = `/coproduction/proposals/${proposalId}/decisions/${id}`;
    let page = await facilitatorAgent.get(url);
    assert.match(page.body, /Concerns and objections, gathered/);
    assert.match(page.body, /<strong>Concern<\/strong> from [^:]+: “The letter is long\.”/);
    assert.match(page.body, /<strong>Objection<\/strong> from [^:]+: “Evenings exclude carers\.” – not settled yet/);
    // The concern box is on the form, beside "agree, with a concern", through the route too.
    const { agent: other } = await signedInAs(ctx, ['group']);
    page = await other.get(url);
    assert.match(page.body, /<textarea class="nhsuk-textarea" id="concern" name="concern"/);
    const empty = await other.post(`${url}/ballot`, { position: 'concern', concern: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Say what your concern is/);
    assert.equal((await other.post(`${url}/ballot`, { position: 'concern', concern: 'Font size.' })).statusCode, 303);
    const objection = (await repo.listBallots(ctx.db, id)).find((b) => b.position === 'object')!;
    await settleObjection(ctx.db, facilitator, id, objection.id, { resolution: 'We added a daytime session.', resolved: true });
    page = await facilitatorAgent.get(url);
    assert.match(page.body, /Evenings exclude carers\.” – resolved/);
    assert.match(page.body, /Font size\./);
  });

  test('before taking part a member sees no results and no names; after, the totals', async () => {
    const { agent, account } = await signedInAs(ctx, ['group']);
    const me = (await loadActor(ctx.db, account.id))!;
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const id = await openDecision(ctx.db, members[0]!, proposalId, { method: 'vote', ...question });
    await castBallot(ctx.db, members[1]!, id, { position: 'for', reason: 'A private reason' });
    await castBallot(ctx.db, members[2]!, id, { position: 'against' });
    const url = `/coproduction/proposals/${proposalId}/decisions/${id}`;
    let page = await agent.get(url);
    assert.match(page.body, /Results are hidden until you have taken part/);
    assert.doesNotMatch(page.body, /<td class="nhsuk-table__cell">For<\/td>/);
    assert.doesNotMatch(page.body, /Who answered what/);
    assert.doesNotMatch(page.body, /A private reason/);
    await castBallot(ctx.db, me, id, { position: 'abstain' });
    page = await agent.get(url);
    assert.match(page.body, /<td class="nhsuk-table__cell">For<\/td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">1<\/td>/);
    assert.match(page.body, /<td class="nhsuk-table__cell">Against<\/td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">1<\/td>/);
    // Someone who is not the facilitator sees why there is no close button, not the button.
    assert.doesNotMatch(page.body, />\s*Close decision now\s*</);
    assert.match(page.body, /Only the facilitator, [^,]+, can close this decision before its closing time/);
    // And the public sees nothing of an open decision.
    assert.equal((await new Agent(ctx.app).get(`/coproduction/decisions/${id}`)).statusCode, 404);
  });

  test('a tied vote is no decision; only the facilitator opens a run-off, which the proposal then waits on', async () => {
    const members = await aGroup(ctx.db, 4);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const id = await openDecision(ctx.db, members[0]!, proposalId, { method: 'vote', ...question }, at(0));
    for (const [i, m] of members.entries()) await castBallot(ctx.db, m, id, { position: i % 2 ? 'for' : 'against' }, at(HOUR));
    await assert.rejects(openRunOff(ctx.db, members[0]!, id, at(2 * HOUR)), refusedSaying(RUN_OFF_REFUSALS, /follows a vote that closed/));
    const result = await closeDecision(ctx.db, members[0]!, id, { summary: 'Two each.' }, at(2 * HOUR));
    assert.equal(result.outcome, 'no-decision');
    assert.equal((await repo.getProposal(ctx.db, proposalId))?.stage, 'decision', 'the proposal still waits for a decision');
    await assert.rejects(openRunOff(ctx.db, members[1]!, id, at(3 * HOUR)), refusedSaying(RUN_OFF_REFUSALS, /Only the facilitator/));
    const runOff = (await repo.getDecision(ctx.db, await openRunOff(ctx.db, members[0]!, id, at(3 * HOUR))))!;
    assert.equal(runOff.method, 'vote');
    assert.equal(runOff.question, 'Adopt?');
    assert.equal(runOff.facilitator_id, members[0]!.id);
    await assert.rejects(openRunOff(ctx.db, members[0]!, id, at(4 * HOUR)), refusedSaying(RUN_OFF_REFUSALS, /already has an open decision/));
  });
  test('after the clock closes a decision, only its facilitator writes the summary people read, once; the automatic one stays in the history', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const [facilitator, other, third] = await aGroup(ctx.db, 3);
    const written = 'Adopted: the group agreed to hold the drop-in on Thursday evenings from January, so people who work days can come. We will look again in April.';
    const byClock = async (method: 'vote' | 'consent') => {
      const proposalId = await aProposal(ctx.db, facilitator!);
      const id = await openDecision(ctx.db, facilitator!, proposalId, { method, ...question, openForDays: 1 }, at(0));
      for (const m of [facilitator!, other!, third!]) {
        const objects = method === 'consent' && m === third;
        await castBallot(ctx.db, m, id, { position: method === 'vote' ? 'for' : objects ? 'object' : 'agree', ...(objects ? { reason: 'Thursday evenings clash with the peer support group.' } : {}) }, at(HOUR));
      }
      return { proposalId, id };
    };
    const clocked = await byClock('vote');
    const objected = await byClock('consent');
    // Still open: nobody writes its summary yet, not even its facilitator.
    await assert.rejects(writeClockSummary(ctx.db, facilitator!, clocked.proposalId, clocked.id, written, at(2 * HOUR)), refusedSaying(CLOCK_SUMMARY_REFUSALS, /closed by itself at its closing time/));
    await runDecisionClock(ctx.db, ctx.config, new Date(T0 + DAY));
    const automatic = (await repo.getDecision(ctx.db, clocked.id))!.summary;
    assert.equal(automatic, 'Closed at its closing time: adopted.');

    // Another member, the lead (who cannot close for a facilitator either) and a signed-out visitor are refused.
    await assert.rejects(writeClockSummary(ctx.db, other!, clocked.proposalId, clocked.id, 'We decided nothing of the sort.', at(DAY + HOUR)), refusedSaying(CLOCK_SUMMARY_REFUSALS, /Only the facilitator/));
    await assert.rejects(writeClockSummary(ctx.db, lead, clocked.proposalId, clocked.id, 'Staff summary.', at(DAY + HOUR)), refusedSaying(CLOCK_SUMMARY_REFUSALS, /Only the facilitator/));
    await assert.rejects(writeClockSummary(ctx.db, null, clocked.proposalId, clocked.id, 'Anyone at all.', at(DAY + HOUR)), NotFoundError);
    // A decision closed by hand already has its closer's summary.
    const byHand = await aProposal(ctx.db, facilitator!);
    const handId = await openDecision(ctx.db, facilitator!, byHand, { method: 'vote', ...question }, at(0));
    for (const m of [facilitator!, other!, third!]) await castBallot(ctx.db, m, handId, { position: 'for' }, at(HOUR));
    await closeDecision(ctx.db, facilitator!, handId, { summary: 'Adopted, all three for.' }, at(2 * HOUR));
    await assert.rejects(writeClockSummary(ctx.db, facilitator!, byHand, handId, written, at(DAY + HOUR)), refusedSaying(CLOCK_SUMMARY_REFUSALS, /closed by itself/));
    assert.equal((await repo.getDecision(ctx.db, handId))?.summary, 'Adopted, all three for.');
    // Another decision's id under this proposal is not found, and changes neither.
    await assert.rejects(writeClockSummary(ctx.db, facilitator!, clocked.proposalId, objected.id, written, at(DAY + HOUR)), NotFoundError);
    assert.equal((await repo.getDecision(ctx.db, objected.id))?.summary, 'Closed at its closing time: not adopted.');
    assert.equal((await repo.getDecision(ctx.db, clocked.id))?.summary, automatic);
    await assert.rejects(writeClockSummary(ctx.db, facilitator!, clocked.proposalId, clocked.id, '', at(DAY + HOUR)), refusedSaying(CLOCK_SUMMARY_REFUSALS, /Write the summary/));

    await writeClockSummary(ctx.db, facilitator!, clocked.proposalId, clocked.id, written, at(DAY + 2 * HOUR));
    assert.equal((await repo.getDecision(ctx.db, clocked.id))?.summary, written);
    const events = (await repo.listEvents(ctx.db, clocked.proposalId)).filter((e) => e.kind === 'summary-written');
    assert.deepEqual(events.map((e) => [e.actor_id, (JSON.parse(e.detail) as { automatic: string }).automatic]), [[facilitator!.id, automatic]], 'the automatic summary stays in the history');
    const audited = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'coproduction.decision-summary-written').where('subject', '=', clocked.id).execute();
    assert.equal(audited.length, 1);
    // Once: the public record does not change again.
    await assert.rejects(writeClockSummary(ctx.db, facilitator!, clocked.proposalId, clocked.id, 'A second thought.', at(DAY + 3 * HOUR)), refusedSaying(CLOCK_SUMMARY_REFUSALS, /already been written/));
    assert.equal((await repo.getDecision(ctx.db, clocked.id))?.summary, written);

    // Not adopted: the proposal's reasons were the automatic summary, and become the written one.
    const reasons = 'Not adopted: Thursday evenings clash with the peer support group, and the objection stood. We will ask the group about another evening.';
    await writeClockSummary(ctx.db, facilitator!, objected.proposalId, objected.id, reasons, at(DAY + 2 * HOUR));
    assert.equal((await repo.getProposal(ctx.db, objected.proposalId))?.not_adopted_reason, reasons);
  });
});
