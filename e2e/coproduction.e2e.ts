// From a proposal to a published page, by keyboard alone: a Coproduction Group member raises a
// proposal about a document, group members and staff deliberate (staff reply to a group comment),
// the proposal moves to co-design and a group member drafts an option, a group member writes the
// page, publishing it is refused until a decision approves that exact version, a consent decision
// meets the lived-experience quorum with every answer cast by a signed-in member, and the
// published page, signed out, says it was coproduced and links to the decision's public summary.
// The journey runs twice, with JavaScript and without it. axe on every page on the way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { JOURNEY_TIMEOUT, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { assertAccessible, assertBanner, givePasswords, mainText, MORE_MEMBERS, signedInBrowsers, squash } from './support/members.ts';
import {
  chooseOptionByKeyboard, chooseRadioByKeyboard, demoAccount, followLinkByKeyboard, openDetailsByKeyboard, submitByKeyboard, typeInto,
} from './support/pages.ts';

/**
 * What one run of the journey raises, decides and publishes. The run without JavaScript uses its
 * own names on the same server, so neither run can find the other's proposal, decision or page.
 */
function journeyNames(javaScript: boolean) {
  const suffix = javaScript ? '' : ' (without JavaScript)';
  const PAGE_TITLE = `After your appointment${suffix}`;
  return {
    PROPOSAL: `Say what happens after an appointment${suffix}`,
    QUESTION: `Do we publish the new “${PAGE_TITLE}” page?`,
    PAGE_TITLE,
    SLUG: javaScript ? 'after-your-appointment' : 'after-your-appointment-without-javascript',
    SUMMARY: 'The group consented to the new page about what happens after an appointment.',
  };
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** Submits a form by keyboard and expects the redirect that follows success. */
async function submitExpectingSuccess(page: Page, button: string): Promise<void> {
  const status = await submitByKeyboard(page, page.getByRole('button', { name: button, exact: true }));
  assert.equal(status, 303, `"${button}" succeeded (${status}): ${(await mainText(page)).slice(0, 400)}`);
}

void describe('Coproduction: from a proposal to a published page', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  for (const javaScript of [true, false]) {
    void test(`a group member raises a proposal, members and staff deliberate, and a consent decision with the quorum publishes the page, all by keyboard, ${javaScript ? 'with' : 'without'} JavaScript`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const { PROPOSAL, QUESTION, PAGE_TITLE, SLUG, SUMMARY } = journeyNames(javaScript);
      await givePasswords(suite);
      const people = signedInBrowsers(suite);
      /** A new browser, signed in by keyboard; axe on the page sign-in lands on. */
      const signedIn = async (email: string, who: string): Promise<Page> => {
        const page = await people.as(email, { javaScriptEnabled: javaScript });
        // The page's own script marks the body; without JavaScript nothing may have run.
        assert.equal(/\bjs-enabled\b/.test((await page.locator('body').getAttribute('class')) ?? ''), javaScript, `scripts ${javaScript ? 'ran' : 'did not run'} for ${who}`);
        await assertAccessible(page, `${who}'s first page`);
        return page;
      };
      /** From any page: the header's Coproduction link, then the proposal in the list. */
      const openProposal = async (page: Page, who: string): Promise<void> => {
        await followLinkByKeyboard(page, page.getByRole('link', { name: 'Coproduction', exact: true }).first());
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Proposals');
        await assertAccessible(page, `the proposals list, for ${who}`);
        await followLinkByKeyboard(page, page.getByRole('link', { name: PROPOSAL, exact: true }));
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), PROPOSAL);
        await assertAccessible(page, `the proposal, for ${who}`);
      };
      const openDecision = async (page: Page, who: string): Promise<void> => {
        await openProposal(page, who);
        await followLinkByKeyboard(page, page.getByRole('link', { name: QUESTION, exact: true }));
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), QUESTION);
        await assertAccessible(page, `the decision, for ${who}`);
      };
      const quorumRow = async (page: Page) => squash(await page.getByRole('definition').filter({ hasText: /^At least \d+ group members/ }).innerText());
      const publishButton = (page: Page) => page.getByRole('button', { name: 'Publish version 1', exact: true });
      // A version no decision approved offers no publish button: it says why instead.
      const assertPublishRefused = async (page: Page, who: string): Promise<void> => {
        assert.equal(await publishButton(page).count(), 0, `no publish button for ${who}`);
        const text = await mainText(page);
        assert.ok(text.includes('Publishing version 1 is not possible yet.') && text.includes('Only a version that a closed, adopted Coproduction Group decision approved can be published.'), `the page says why, for ${who}: ${text.slice(0, 600)}`);
        await assertAccessible(page, `the publish gate, for ${who}`);
      };

      try {
        // Jordan, of the Coproduction Group, raises a proposal about a document.
        const jordan = await signedIn(demoAccount('group').email, 'Jordan');
        await followLinkByKeyboard(jordan, jordan.getByRole('link', { name: 'Coproduction', exact: true }).first());
        await assertAccessible(jordan, 'the proposals list');
        await followLinkByKeyboard(jordan, jordan.getByRole('button', { name: 'Raise a proposal', exact: true }));
        assert.equal(await jordan.getByRole('heading', { level: 1 }).innerText(), 'Raise a proposal');
        await assertAccessible(jordan, 'the new proposal form');
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'Title' }), PROPOSAL);
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'What is the problem?' }), 'After the first appointment nobody tells us what happens next or how long it takes.');
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'Who does it affect?' }), 'Everyone waiting for a second appointment, and the people who support them.');
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'What is your idea?' }), 'A web page, written with the group, that says what happens next.');
        await chooseRadioByKeyboard(jordan, 'What area is it about?', 'Document');
        await submitExpectingSuccess(jordan, 'Raise proposal');
        await assertBanner(jordan, 'Your proposal has been raised');
        assert.equal(await jordan.getByRole('heading', { level: 1 }).innerText(), PROPOSAL);
        let text = await mainText(jordan);
        assert.ok(text.includes('Stage Idea') && text.includes(`Raised by ${demoAccount('group').displayName} (lived experience)`), text.slice(0, 600));
        await assertAccessible(jordan, 'the new proposal');

        await typeInto(jordan, jordan.getByRole('textbox', { name: 'Add a comment' }), 'Could the page say how long the wait usually is?');
        await submitExpectingSuccess(jordan, 'Add comment');
        await assertBanner(jordan, 'Your comment has been added');
        assert.ok((await mainText(jordan)).includes('Waiting for a staff response'), "Jordan's comment waits for a staff response");
        await assertAccessible(jordan, 'the proposal with a comment');

        // Priya, a practitioner, finds the comment waiting for staff and replies to it.
        const priya = await signedIn(demoAccount('practitioner').email, 'Priya');
        await followLinkByKeyboard(priya, priya.getByRole('link', { name: 'Coproduction', exact: true }).first());
        await assertAccessible(priya, 'the proposals list, for Priya');
        await followLinkByKeyboard(priya, priya.getByRole('link', { name: 'Waiting for a response', exact: true }));
        assert.equal(await priya.getByRole('heading', { level: 1 }).innerText(), 'Group comments waiting for a staff response');
        await assertAccessible(priya, 'the comments waiting for a response');
        await followLinkByKeyboard(priya, priya.getByRole('link', { name: PROPOSAL, exact: true }));
        await assertAccessible(priya, 'the proposal, for Priya');
        await openDetailsByKeyboard(priya, `Reply to ${demoAccount('group').displayName}`);
        await typeInto(priya, priya.getByRole('textbox', { name: `Your reply to ${demoAccount('group').displayName}` }), 'Yes: we will say how long the wait usually is, and who to call while you wait.');
        await submitExpectingSuccess(priya, 'Reply');
        await assertBanner(priya, 'Your comment has been added');
        text = await mainText(priya);
        assert.ok(text.includes(`staff responded (${demoAccount('practitioner').displayName},`), `the reply counts as the staff response: ${text}`);
        assert.ok(!text.includes('Waiting for a staff response'), 'nothing waits any more');
        await assertAccessible(priya, 'the proposal with a staff reply');

        // Alex, another group member, joins the deliberation.
        const alex = await signedIn(MORE_MEMBERS.alex, 'Alex');
        await openProposal(alex, 'Alex');
        await typeInto(alex, alex.getByRole('textbox', { name: 'Add a comment' }), 'And whether we can bring someone with us next time.');
        await submitExpectingSuccess(alex, 'Add comment');
        await assertBanner(alex, 'Your comment has been added');
        await assertAccessible(alex, 'the proposal with two group comments');

        // Jordan moves it to co-design; Alex drafts an option.
        await openProposal(jordan, 'Jordan');
        await chooseRadioByKeyboard(jordan, 'Change the stage', 'Move on to Co-design');
        await submitExpectingSuccess(jordan, 'Change stage');
        await assertBanner(jordan, 'The proposal is now at “Co-design”');
        assert.ok((await mainText(jordan)).includes('Stage Co-design'));
        await assertAccessible(jordan, 'the proposal in co-design');

        await openProposal(alex, 'Alex');
        await typeInto(alex, alex.getByRole('textbox', { name: 'Option title' }), 'A page written with the group');
        await typeInto(alex, alex.getByRole('textbox', { name: 'Describe the option' }), 'The group writes the page with staff, paragraph by paragraph.');
        await submitExpectingSuccess(alex, 'Add option');
        await assertBanner(alex, 'Your option has been added');
        assert.ok((await mainText(alex)).includes('A page written with the group – drafted by Alex Kim (lived experience)'), 'who drafted the option is recorded');
        await assertAccessible(alex, 'the proposal with an option');

        // Jordan writes the page; publishing it before any decision is refused.
        await followLinkByKeyboard(jordan, jordan.getByRole('link', { name: 'Documents', exact: true }));
        assert.equal(await jordan.getByRole('heading', { level: 1 }).innerText(), 'Documents');
        await assertAccessible(jordan, 'the documents list');
        await followLinkByKeyboard(jordan, jordan.getByRole('button', { name: 'Start a document', exact: true }));
        await assertAccessible(jordan, 'the new document form');
        await chooseRadioByKeyboard(jordan, 'What kind of document is it?', 'Web page');
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'Title' }), PAGE_TITLE);
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'Web address (optional)' }), SLUG);
        await typeInto(jordan, jordan.getByRole('textbox', { name: 'One-sentence summary' }), 'What happens after your first appointment, and how long it usually takes.');
        await typeInto(
          jordan,
          jordan.getByRole('textbox', { name: 'Text' }),
          'After your first appointment we will write to you within two weeks to say what happens next.\n\nThe wait for a second appointment is usually about six weeks. You can call us at any time while you wait.\n\nYou can bring someone with you to every appointment, or come on your own.',
        );
        await submitExpectingSuccess(jordan, 'Save version 1');
        await assertBanner(jordan, /Version 1 saved/);
        assert.equal(await jordan.getByRole('heading', { level: 1 }).innerText(), PAGE_TITLE);
        assert.ok((await mainText(jordan)).includes('No decision has approved this version yet.'));
        await assertAccessible(jordan, 'the new document');
        await assertPublishRefused(jordan, 'Jordan, before any decision');

        // Priya opens a consent decision on that exact version.
        await openProposal(priya, 'Priya');
        await typeInto(priya, priya.getByRole('textbox', { name: 'What is being decided?' }), QUESTION);
        await chooseRadioByKeyboard(priya, 'How will it be decided?', 'Consent (agree, concern or object)');
        await chooseOptionByKeyboard(priya, priya.getByRole('combobox', { name: 'Does it approve a document version?' }), `${PAGE_TITLE} — version 1`);
        await submitExpectingSuccess(priya, 'Open decision');
        await assertBanner(priya, 'The decision is open');
        assert.equal(await priya.getByRole('heading', { level: 1 }).innerText(), QUESTION);
        assert.match(await quorumRow(priya), /^At least 3 group members and at least 50% of those deciding: not met yet$/);
        await assertAccessible(priya, 'the open decision');

        // While the decision is open, the version still cannot be published.
        await followLinkByKeyboard(priya, priya.getByRole('link', { name: `${PAGE_TITLE}, version 1`, exact: true }));
        assert.ok((await mainText(priya)).includes(`Decisions on this version: ${QUESTION} (open).`));
        await assertAccessible(priya, 'the document with an open decision');
        await assertPublishRefused(priya, 'Priya, while the decision is open');

        // Everyone answers, each signed in: Priya (staff), then Jordan, Alex, Rowan and Casey.
        const answer = async (page: Page, who: string, position: string, quorum: RegExp, concern?: string): Promise<void> => {
          await chooseRadioByKeyboard(page, 'Your answer', position);
          if (concern) await typeInto(page, page.getByRole('textbox', { name: 'What is your concern?' }), concern);
          await submitExpectingSuccess(page, 'Send my answer');
          await assertBanner(page, 'Thank you: your answer has been recorded');
          assert.ok((await mainText(page)).includes('You have taken part in this decision.'), `${who} has taken part`);
          assert.match(await quorumRow(page), quorum, `the quorum after ${who} answered`);
          await assertAccessible(page, `the decision after ${who} answered`);
        };
        await openDecision(priya, 'Priya');
        await answer(priya, 'Priya', 'Agree', /: not met yet$/);
        await openDecision(jordan, 'Jordan');
        await answer(jordan, 'Jordan', 'Agree', /: not met yet$/);
        await openDecision(alex, 'Alex');
        await answer(alex, 'Alex', 'Agree', /: not met yet$/);
        const rowan = await signedIn(MORE_MEMBERS.rowan, 'Rowan');
        await openDecision(rowan, 'Rowan');
        await answer(rowan, 'Rowan', 'Agree', /: met so far$/);
        const casey = await signedIn(MORE_MEMBERS.casey, 'Casey');
        await openDecision(casey, 'Casey');
        await answer(casey, 'Casey', 'Agree, with a concern', /: met so far$/, 'Say how long the wait usually is.');

        // Priya, who opened it and so facilitates it, closes it early now the quorum is met, with Casey's concern in view.
        await openDecision(priya, 'Priya');
        assert.ok((await mainText(priya)).includes('Concern from Casey'), 'the facilitator sees the concern gathered');
        await typeInto(priya, priya.getByRole('textbox', { name: 'Public summary of the decision' }), SUMMARY);
        await submitExpectingSuccess(priya, 'Close decision now');
        await assertBanner(priya, 'The decision has closed: adopted');
        text = await mainText(priya);
        assert.ok(text.includes(': Adopted'), `the decision is adopted: ${text.slice(0, 600)}`);
        assert.match(await quorumRow(priya), /: met$/);
        assert.ok(text.includes('Participation level (from the evidence) Co-production'), `raised, drafted and decided by the group: ${text}`);
        await assertAccessible(priya, 'the closed decision');

        // Now the approved version can be published.
        await followLinkByKeyboard(priya, priya.getByRole('link', { name: `${PAGE_TITLE}, version 1`, exact: true }));
        assert.ok((await mainText(priya)).includes('A Coproduction Group decision approved this exact version on'), 'the document says it can be published');
        await assertAccessible(priya, 'the approved document');
        const publishedOn = new Set([DATE.format(new Date())]);
        await submitExpectingSuccess(priya, 'Publish version 1');
        publishedOn.add(DATE.format(new Date()));
        await assertBanner(priya, `Version 1 is published at /pages/${SLUG}`);
        assert.equal(await publishButton(priya).count(), 0, 'nothing left to publish');
        await assertAccessible(priya, 'the published document');

        // Anyone, signed out, reads the page and follows it to the group's decision.
        const visitor = await people.signedOut({ javaScriptEnabled: javaScript });
        const response = await visitor.goto(`/pages/${SLUG}`);
        assert.equal(response?.status(), 200);
        assert.equal(await visitor.getByRole('heading', { level: 1 }).innerText(), PAGE_TITLE);
        text = await mainText(visitor);
        assert.ok(text.includes('The wait for a second appointment is usually about six weeks.'), 'the approved text is published');
        assert.ok([...publishedOn].some((date) => text.includes(`Coproduced with our Coproduction Group, ${date}.`)), `the page says it was coproduced, and when: ${text}`);
        await assertAccessible(visitor, 'the published page');
        await followLinkByKeyboard(visitor, visitor.getByRole('link', { name: "Read the group's decision", exact: true }));
        assert.match(new URL(visitor.url()).pathname, /^\/coproduction\/decisions\/[^/]+$/);
        assert.equal(await visitor.getByRole('heading', { level: 1 }).innerText(), QUESTION);
        text = await mainText(visitor);
        assert.ok(text.includes(SUMMARY), 'the public summary');
        assert.ok(text.includes('Outcome Adopted') && text.includes('Lived-experience quorum Met'), text);
        assert.ok(text.includes('Participation level (from the evidence) Co-production'), text);
        assert.equal(await visitor.getByRole('link', { name: PAGE_TITLE, exact: true }).getAttribute('href'), `/pages/${SLUG}`);
        await assertAccessible(visitor, "the decision's public summary");
      } finally {
        await people.close();
      }
    });
  }
});
