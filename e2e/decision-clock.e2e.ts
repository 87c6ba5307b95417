// Decisions run by a facilitator to a closing time, in a real browser (issue 15). A consent
// decision: the facilitator opens it, a member agrees with a concern in words, another (on a phone,
// without JavaScript) objects, the facilitator records the objection resolved, and the decision
// closes by itself when the decision clock (src/jobs.ts's job, called here with a moved "now")
// passes its closing time; before taking part a member sees no results, after closing the
// outcome, and the facilitator the concern gathered. A ranked-choice decision whose first round
// ties: the rule is stated on the voting page before anyone votes, the first round's tie goes to
// the recorded random draw and the next round's to the earlier round's counts, and the result page
// says so, with the seed. The proposals and the ranked-choice decision are set up through the
// services (the journey of raising and opening them is e2e/coproduction.e2e.ts's).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { actorByEmail } from '../src/features/accounts/test-builders.ts';
import { runDecisionClock } from '../src/features/coproduction/index.ts';
import { aProposal, draftOption, drawLot, openDecision } from '../src/features/coproduction/test-builders.ts';
import { JOURNEY_TIMEOUT, PHONE, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { assertAccessible, assertBanner, assertFitsScreen, givePasswords, mainText, MORE_MEMBERS, signedInBrowsers, squash } from './support/members.ts';
import { demoAccount } from './support/pages.ts';

const MINUTE = 60_000;

void describe('Decisions run to a closing time: results after taking part, words with answers, fair tie-breaks', { skip: skipReason() }, () => {
  const suite = useBrowserServer();
  before(() => givePasswords(suite));

  const actorOf = (email: string) => actorByEmail(suite.server.app.db, email);
  const decisionRow = (id: string) => suite.server.app.db.selectFrom('coproduction_decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const decisionIdOf = (page: Page) => /\/decisions\/([^/?#]+)$/.exec(new URL(page.url()).pathname)![1]!;
  const answer = async (page: Page, position: string, words?: { label: string; text: string }) => {
    await page.getByRole('group', { name: 'Your answer' }).getByRole('radio', { name: position, exact: true }).check();
    if (words) await page.getByRole('textbox', { name: words.label }).fill(words.text);
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await assertBanner(page, 'Thank you: your answer has been recorded');
  };
  const assertNoResults = async (page: Page, who: string, secret: string) => {
    const text = await mainText(page);
    assert.ok(text.includes('Results are hidden until you have taken part'), `${who} is told why there are no results: ${text.slice(0, 800)}`);
    assert.equal(await page.getByRole('table', { name: 'Answers' }).count(), 0, `no totals for ${who}`);
    assert.ok(!text.includes('Who answered what') && !text.includes(secret), `nobody's answer or words for ${who}`);
  };

  void test('a consent decision: a concern in words, an objection resolved, closed by the clock at its closing time, the outcome and the gathered concern shown', { timeout: JOURNEY_TIMEOUT }, async () => {
    const people = signedInBrowsers(suite);
    try {
      const { db } = suite.server.app;
      const QUESTION = 'Do we start a drop-in peer support evening once a month?';
      const CONCERN = 'I agree, but the room must be step-free so everyone can come.';
      const OBJECTION = 'Evenings are hard for people who rely on the last bus home.';
      const RESOLUTION = 'It will finish by 7pm, before the last buses, and we will pay taxi fares home.';
      const proposal = await aProposal(db, await actorOf(demoAccount('group').email), { title: 'A peer support evening', problem: 'People meet others like them only in the waiting room.', affects: 'Everyone on the waiting list.', idea: 'A monthly drop-in evening run with the group.', area: 'care-pathway' });

      // Priya opens it, keeping the usual closing time; she facilitates it, and cannot close it early before the quorum
      const priya = await people.as(demoAccount('practitioner').email);
      await priya.goto(`/coproduction/proposals/${proposal}`);
      await priya.getByRole('textbox', { name: 'What is being decided?' }).fill(QUESTION);
      await priya.getByRole('radio', { name: 'Consent (agree, concern or object)' }).check();
      assert.equal((await priya.getByRole('combobox', { name: 'How long does it stay open?' }).locator('option:checked').innerText()).trim(), 'The usual time: a week (an advice process, two weeks)');
      await priya.getByRole('button', { name: 'Open decision' }).click();
      await assertBanner(priya, 'The decision is open');
      const decisionId = decisionIdOf(priya);
      const decisionUrl = new URL(priya.url()).pathname;
      const opened = await decisionRow(decisionId);
      assert.equal(Date.parse(opened.closes_at) - Date.parse(opened.opened_at), 7 * 24 * 60 * MINUTE, 'a week by default');
      let text = await mainText(priya);
      assert.ok(text.includes(`Facilitator ${demoAccount('practitioner').displayName} (you)`) && text.includes('closes by itself'), text.slice(0, 600));
      assert.ok(text.includes('How it is decided Adopted when the quorum is met and no objection stands. An objection not resolved by the closing time stands.'), text.slice(0, 900));
      assert.ok(text.includes('Closing early is not open to you yet. You can close it early once the quorum is met.'), text);
      assert.equal(await priya.getByRole('button', { name: 'Close decision now' }).count(), 0);

      // Alex, before taking part: no results, no names, no close button; then agrees with a concern, in words, and sees the totals
      const alex = await people.as(MORE_MEMBERS.alex);
      await alex.goto(decisionUrl);
      await assertNoResults(alex, 'Alex, before taking part', CONCERN);
      assert.equal(await alex.getByRole('button', { name: 'Close decision now' }).count(), 0, 'only the facilitator is offered closing');
      assert.ok((await mainText(alex)).includes('Only the facilitator, Priya Shah, can close this decision before its closing time.'));
      await assertAccessible(alex, 'the decision before taking part');
      await alex.getByRole('radio', { name: 'Agree, with a concern', exact: true }).check();
      await alex.getByRole('button', { name: 'Send my answer' }).click();
      assert.match(await mainText(alex), /There is a problem.*Say what your concern is, so the facilitator can weigh it/, 'a concern needs words');
      await answer(alex, 'Agree, with a concern', { label: 'What is your concern?', text: CONCERN });
      text = await mainText(alex);
      assert.equal(await alex.getByRole('table', { name: 'Answers' }).count(), 1, `totals once Alex has taken part: ${text.slice(0, 600)}`);
      assert.ok(text.includes(`Your answer: Agree, with a concern – “${CONCERN}”`) && !text.includes(`${CONCERN}”.`), text);

      // Rowan, on a phone without JavaScript, sees nothing of Alex's answer, then objects
      const rowan = await people.as(MORE_MEMBERS.rowan, { javaScriptEnabled: false, viewport: PHONE });
      await rowan.goto(decisionUrl);
      await assertNoResults(rowan, 'Rowan, before taking part', CONCERN);
      await assertFitsScreen(rowan, 'the decision at 375 px without JavaScript');
      await answer(rowan, 'Object', { label: 'Why do you object? What would resolve it?', text: OBJECTION });
      await assertFitsScreen(rowan, 'the decision after objecting, at 375 px');

      // Priya sees the concern and the objection gathered, and records the objection resolved
      await priya.goto(decisionUrl);
      const gathered = async () => (await priya.getByRole('heading', { name: 'Concerns and objections, gathered' }).locator('xpath=following-sibling::ul[1]').getByRole('listitem').allInnerTexts()).map(squash);
      assert.deepEqual(await gathered(), [`Concern from Alex Kim (lived experience): “${CONCERN}”`, `Objection from Rowan Blake: “${OBJECTION}” – not settled yet`]);
      await priya.getByRole('textbox', { name: 'How was it resolved, or why does it stand?' }).fill(RESOLUTION);
      await priya.getByRole('radio', { name: 'Resolved', exact: true }).check();
      await priya.getByRole('button', { name: 'Record', exact: true }).click();
      await assertBanner(priya, 'The objection has been recorded');
      await assertAccessible(priya, 'the decision with the objection resolved');

      // Casey agrees: the quorum is met (three group members). Rowan reads how the objection was resolved.
      const casey = await people.as(MORE_MEMBERS.casey);
      await casey.goto(decisionUrl);
      await assertNoResults(casey, 'Casey, before taking part', CONCERN);
      assert.ok(!(await mainText(casey)).includes(OBJECTION), 'nor the objection');
      await answer(casey, 'Agree');
      await rowan.reload();
      assert.ok((await mainText(rowan)).includes(`Resolved: ${RESOLUTION}`), 'the objector reads the resolution');

      // The clock a minute before the closing time closes nothing; a minute after, it closes it as the count stands
      const closesAt = Date.parse(opened.closes_at);
      await runDecisionClock(db, suite.server.config, new Date(closesAt - MINUTE));
      assert.equal((await decisionRow(decisionId)).status, 'open', 'not before its closing time');
      const { closed } = await runDecisionClock(db, suite.server.config, new Date(closesAt + MINUTE));
      assert.ok(closed >= 1);
      const row = await decisionRow(decisionId);
      assert.deepEqual([row.status, row.outcome, row.closed_by, row.closed_at, row.quorum_met], ['closed', 'adopted', null, opened.closes_at, 1], 'closed by itself at its closing time, adopted with the quorum');

      // What a member sees now: the outcome, the totals, who answered what with their words
      await casey.reload();
      text = await mainText(casey);
      assert.match(text, /Status Closed .* \(its closing time\): Adopted/, text.slice(0, 600));
      assert.ok(text.includes('Lived-experience quorum At least 3 group members and at least 50% of those deciding: met'), text.slice(0, 900));
      assert.ok(text.includes(`Alex Kim (lived experience): Agree, with a concern – “${CONCERN}”`) && text.includes(`Resolved: ${RESOLUTION}`), text);
      assert.equal(await casey.getByRole('radio').count(), 0, 'no answering once closed');
      await assertAccessible(casey, 'the decision closed by its clock');

      // The facilitator: the concern gathered in her list, the objection resolved, and how it closed
      await priya.reload();
      assert.deepEqual(await gathered(), [`Concern from Alex Kim (lived experience): “${CONCERN}”`, `Objection from Rowan Blake: “${OBJECTION}” – resolved`]);
      assert.ok((await mainText(priya)).includes('It closed by itself at its closing time,'));
      assert.equal(await priya.getByRole('button', { name: 'Close decision now' }).count(), 0);
    } finally {
      await people.close();
    }
  });

  void test('a ranked-choice first round tied for the fewest votes is broken by the stated rule: the recorded draw, then the earlier round’s counts; the result gives the rule and the seed in words', { timeout: JOURNEY_TIMEOUT }, async () => {
    const people = signedInBrowsers(suite);
    try {
      const { db } = suite.server.app;
      const jordanActor = await actorOf(demoAccount('group').email);
      const priyaActor = await actorOf(demoAccount('practitioner').email);
      const proposal = await aProposal(db, jordanActor, { title: 'When the group meets', problem: 'Weekday mornings suit nobody who works.', affects: 'Every group member.', idea: 'Choose a new regular time together.', area: 'care-pathway' });
      const [saturday, tuesday, online] = [
        await draftOption(db, jordanActor, proposal, { title: 'Saturday mornings', description: 'Ten till twelve, in the community room.' }),
        await draftOption(db, jordanActor, proposal, { title: 'Tuesday evenings', description: 'Six till eight, in the clinic.' }),
        await draftOption(db, jordanActor, proposal, { title: 'Online, Thursday lunchtimes', description: 'An hour on video, cameras optional.' }),
      ];
      const QUESTION = 'When should the group meet from January?';
      const decisionId = await openDecision(db, priyaActor, proposal, { method: 'ranked-choice', question: QUESTION, anonymous: false, public: false, documentVersionId: null });
      const decisionUrl = `/coproduction/proposals/${proposal}/decisions/${decisionId}`;
      const { tie_break_seed: seed, closes_at: closesAt } = await decisionRow(decisionId);
      const RULE = 'If options tie for the fewest votes in a round, the one with fewer votes in the most recent earlier round is eliminated; if they tied in every earlier round, a random draw decides, made from a seed recorded when the decision opened and shown with the result. The order options are listed in never decides.';

      // Round 1: Saturday 2, Tuesday 1, Online 1 — Tuesday and Online tie with nothing earlier: the draw.
      // Round 2: Saturday 2 and the survivor 2 — tied again; in round 1 the survivor had fewer: out. Saturday wins.
      const rankings: Array<[string, string[]]> = [
        [MORE_MEMBERS.alex, [saturday]], [MORE_MEMBERS.rowan, [saturday]], [MORE_MEMBERS.casey, [tuesday, online]], [demoAccount('group').email, [online, tuesday]],
      ];
      const titles = new Map([[saturday, 'Saturday mornings'], [tuesday, 'Tuesday evenings'], [online, 'Online, Thursday lunchtimes']]);
      for (const [i, [email, ranking]] of rankings.entries()) {
        const page = await people.as(email);
        await page.goto(decisionUrl);
        // Before voting: the rule stated, no results
        const text = await mainText(page);
        assert.ok(text.includes(`If there is a tie ${RULE}`), `the rule is stated before voting: ${text.slice(0, 900)}`);
        assert.ok(text.includes('Results are hidden until you have taken part') && !text.includes('Round 1'), 'no rounds before voting');
        if (i === 0) await assertAccessible(page, 'the ranked-choice voting page');
        for (const [rank, option] of ranking.entries()) await page.getByRole('textbox', { name: titles.get(option)!, exact: true }).fill(String(rank + 1));
        await page.getByRole('button', { name: 'Send my answer' }).click();
        await assertBanner(page, 'Thank you: your answer has been recorded');
      }

      await runDecisionClock(db, suite.server.config, new Date(Date.parse(closesAt) + MINUTE));
      const drawn = drawLot(seed, 1, [tuesday, online]);
      const survivor = drawn === tuesday ? online : tuesday;
      const row = await decisionRow(decisionId);
      assert.deepEqual([row.status, row.outcome, row.chosen_option_id], ['closed', 'adopted', saturday]);

      const priya = await people.as(demoAccount('practitioner').email);
      await priya.goto(decisionUrl);
      const text = await mainText(priya);
      assert.match(text, /Status Closed .* \(its closing time\): Adopted – “Saturday mornings”/, text.slice(0, 600));
      assert.ok(text.includes(`If there is a tie ${RULE}`), 'the rule, with the result');
      assert.ok(text.includes(`“${titles.get(drawn)}” and “${titles.get(survivor)}” tied for the fewest votes in the first round, so the recorded random draw (seed ${seed}) decided: “${titles.get(drawn)}” was eliminated.`), text);
      assert.ok(text.includes(`“${titles.get(survivor)}” and “Saturday mornings” tied for the fewest votes. “${titles.get(survivor)}” had fewer votes in the most recent earlier round where they differed, so it was eliminated.`), text);
      assert.ok(text.includes(`Seed of the random draw, recorded when the decision opened: ${seed}. For each tied option, the draw takes the SHA-256 of “seed:round:option id”; the lowest is eliminated, so anyone can repeat it.`), text);
      const round1 = (await priya.getByRole('table', { name: 'Round 1' }).innerText()).replace(/\s+/g, ' ');
      assert.match(round1, /Saturday mornings 2 Tuesday evenings 1 Online, Thursday lunchtimes 1/);
      await assertAccessible(priya, 'the ranked-choice result');
    } finally {
      await people.close();
    }
  });
});
