// The shared record by keyboard alone: the person protects a name they no longer use and a
// practitioner cannot save it (the guard shows why in place, without JavaScript); a wrong pronoun
// is warned and kept with a stated reason; the person reads the note, adds their view, asks for a
// correction and reads the answer; their access log shows the practitioner's views, and the group
// member and the lead get "Page not found" for the person's page. axe on every page on the way,
// and the protected name on none of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { chooseRadioByKeyboard, demoAccount, followLinkByKeyboard, SignInPage, submitByKeyboard, typeInto } from './support/pages.ts';
import type { DemoRole } from './support/server.ts';

/** A name the demo person protects in the test; no page may ever show it. */
const PLANTED_PREVIOUS_NAME = 'Ottoline Quarrington';
const PERSON_NAME = 'Sam Rivera';

/** Spaces closed up, for comparing what a person reads. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** axe finds nothing, and the protected name is nowhere in the page, hidden parts and attributes included. */
async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where} (${page.url()})`);
  const html = (await page.content()).toLowerCase();
  for (const part of PLANTED_PREVIOUS_NAME.toLowerCase().split(' ')) assert.ok(!html.includes(part), `the protected name is not on ${where} (${page.url()})`);
}

async function mainText(page: Page): Promise<string> {
  return squash(await page.getByRole('main').innerText());
}

/** Everything in the main area, closed details included. */
async function mainTextContent(page: Page): Promise<string> {
  return squash((await page.getByRole('main').textContent()) ?? '');
}

async function signedIn(context: BrowserContext, role: DemoRole, password: string): Promise<Page> {
  const page = await context.newPage();
  assert.equal(await new SignInPage(page).signInByKeyboard(demoAccount(role).email, password), 303, `${role} signs in`);
  return page;
}

/** The banner a page shows after something is saved. */
async function assertBanner(page: Page, words: string): Promise<void> {
  const banner = page.getByRole('main').locator('.nhsuk-notification-banner');
  assert.equal(await banner.count(), 1, `a banner on ${page.url()}`);
  assert.ok(squash(await banner.innerText()).includes(words), `"${words}" in the banner: ${await banner.innerText()}`);
}

/** From anywhere, by keyboard: People, then the demo person. Returns the person's id. */
async function openPersonByKeyboard(page: Page): Promise<string> {
  await followLinkByKeyboard(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /^People\b/ }).first());
  await followLinkByKeyboard(page, page.getByRole('link', { name: PERSON_NAME, exact: true }));
  const id = /^\/people\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1];
  assert.ok(id, `the person's page: ${page.url()}`);
  return id;
}

/** The editor's body field ("Note" for a note). */
function noteField(page: Page) {
  return page.getByRole('textbox', { name: 'Note', exact: true });
}

void describe('The shared record', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('a practitioner cannot save a name the person protected: the guard shows why in place, without JavaScript', { timeout: JOURNEY_TIMEOUT }, async () => {
    const personContext = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    const staffContext = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    try {
      // The person protects a name they no longer use.
      const person = await signedIn(personContext, 'person', suite.server.password);
      await followLinkByKeyboard(person, person.getByRole('link', { name: 'About me', exact: true }).first());
      await followLinkByKeyboard(person, person.getByRole('link', { name: 'Manage protected names' }));
      const protectedCount = async () => Number.parseInt(await person.getByRole('heading', { name: /protected$/ }).innerText(), 10);
      const before = await protectedCount();
      await typeInto(person, person.getByRole('textbox', { name: 'A name you never want to see' }), PLANTED_PREVIOUS_NAME);
      assert.equal(await submitByKeyboard(person, person.getByRole('button', { name: 'Protect this name' })), 303);
      await assertBanner(person, 'The name is protected. We will never show it');
      assert.equal(await protectedCount(), before + 1, 'one more name protected');
      await assertAccessible(person, 'the protected names page');

      // The practitioner writes it in a note.
      const staff = await signedIn(staffContext, 'practitioner', suite.server.password);
      const personId = await openPersonByKeyboard(staff);
      assert.match(await mainText(staff), new RegExp(`${before + 1} names are protected`), 'the practitioner is told how many names are protected');
      await assertAccessible(staff, "the person's page");
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Write a note' }));
      assert.equal(squash(await staff.getByRole('heading', { level: 1 }).innerText()), 'New note');
      assert.doesNotMatch((await staff.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'no script has run on the page');
      await assertAccessible(staff, 'the note editor');

      const title = 'Clinic visit in March';
      await typeInto(staff, staff.getByRole('textbox', { name: 'Title', exact: true }), title);
      await typeInto(staff, noteField(staff), `${PLANTED_PREVIOUS_NAME} came to clinic today. We talked about voice sessions.`);
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 400, 'the note is not saved');

      // In place, without JavaScript: the summary, the finding, the text marked, the name taken out.
      const summary = staff.getByRole('main').locator('.nhsuk-error-summary');
      assert.match(squash(await summary.innerText()), new RegExp(`There is a problem This cannot be saved: it uses a name ${PERSON_NAME} no longer uses`));
      const findings = staff.getByRole('region', { name: 'The language guard found 1 thing to look at' });
      const found = squash(await findings.innerText());
      assert.ok(found.includes(`Must change “[name removed]”, line 1 A name this person no longer uses. Use ${PERSON_NAME}.`), `the finding says it must change, where, and what to use: ${found}`);
      assert.equal(squash(await findings.locator('mark').innerText()), '[name removed] (Must change)', 'the name is marked where it was, and not shown');
      assert.ok(found.includes('came to clinic today. We talked about voice sessions.'), `the rest of the text is shown around it: ${found}`);
      assert.equal(await noteField(staff).inputValue(), '[name removed] came to clinic today. We talked about voice sessions.', 'the rest of the text is kept');
      await assertAccessible(staff, 'the editor with a blocked name');

      // Nothing was saved: not on the practitioner's page, not in the person's record.
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: `Back to ${PERSON_NAME}` }));
      assert.ok(!(await mainText(staff)).includes(title), 'the note is not in the record');
      await followLinkByKeyboard(person, person.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /^My record\b/ }).first());
      assert.ok(!(await mainText(person)).includes(title), 'the person has no such note');
      await assertAccessible(person, 'my record');

      // Written with the name the person uses, it saves.
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Write a note' }));
      await typeInto(staff, staff.getByRole('textbox', { name: 'Title', exact: true }), title);
      await typeInto(staff, noteField(staff), 'Sam came to clinic today. We talked about voice sessions.');
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 303);
      await assertBanner(staff, 'Note saved. The person can read it now');
      assert.equal(new URL(staff.url()).pathname.startsWith(`/people/${personId}/record/`), true);
      await assertAccessible(staff, 'the saved note');

      // The person reads it; the protected name is on none of the pages either of them can reach.
      await person.reload();
      await followLinkByKeyboard(person, person.getByRole('link', { name: title, exact: true }));
      assert.ok((await mainText(person)).includes('Sam came to clinic today. We talked about voice sessions.'));
      await assertAccessible(person, 'the note, as the person reads it');
      for (const path of ['/me', '/me/previous-names', '/me/record', '/me/access-log', '/me/download']) {
        await person.goto(path);
        await assertAccessible(person, path);
      }
      for (const path of ['/people', `/people/${personId}`]) {
        await staff.goto(path);
        await assertAccessible(staff, path);
      }
    } finally {
      await personContext.close();
      await staffContext.close();
    }
  });

  void test('a wrong pronoun is warned and kept with a stated reason; the person adds their view, asks for a correction and reads the answer', { timeout: JOURNEY_TIMEOUT }, async () => {
    const personContext = await newContext(suite.browser, suite.server.url);
    const staffContext = await newContext(suite.browser, suite.server.url);
    try {
      const staff = await signedIn(staffContext, 'practitioner', suite.server.password);
      await openPersonByKeyboard(staff);
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Write a note' }));

      const title = 'Voice session at home';
      const wrong = 'Sam joined the voice session. She said the exercises at home are helping.';
      const reason = 'Quoting the referral letter word for word';
      await typeInto(staff, staff.getByRole('textbox', { name: 'Title', exact: true }), title);
      await typeInto(staff, noteField(staff), wrong);
      // With JavaScript the guard answers while they type.
      const live = staff.getByText(/is not one of Sam Rivera’s pronouns \(they\/them\)/);
      await live.first().waitFor();
      assert.match(squash(await live.first().innerText()), /^Line 1: “she” is not one of Sam Rivera’s pronouns \(they\/them\): use “they” \(Check\)\. Try: “they”\.$/);
      await assertAccessible(staff, 'the editor with live findings');

      // Saving is warned: the word marked, a reason asked for.
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 400, 'not saved until changed or explained');
      assert.match(squash(await staff.getByRole('main').locator('.nhsuk-error-summary').innerText()), /Change the highlighted words, or say why they should stay/);
      const findings = staff.getByRole('region', { name: 'The language guard found 1 thing to look at' });
      const found = squash(await findings.innerText());
      assert.ok(found.includes('Check “She”, line 1') && found.includes('“she” is not one of Sam Rivera’s pronouns'), found);
      assert.equal((found.match(/is not one of Sam Rivera’s pronouns/g) ?? []).length, 1, `listed once: ${found}`);
      assert.equal(squash(await findings.locator('mark').innerText()), 'She (Check)', 'the word is marked in place');
      assert.equal(await noteField(staff).inputValue(), wrong, 'the text is kept');
      await assertAccessible(staff, 'the editor with a warning');

      // A word is not a reason: "habit" is refused, and the form says what would do.
      const keepGroup = 'To keep “She”, line 1, say why (or change the words above)';
      await chooseRadioByKeyboard(staff, keepGroup, 'Another reason (write it out in a sentence)');
      const reasonField = staff.getByRole('textbox', { name: 'Who, or the reason in a sentence' });
      await typeInto(staff, reasonField, 'habit');
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 400, '"habit" is not a reason');
      assert.match(squash(await staff.getByRole('main').locator('.nhsuk-error-summary').innerText()), /Say why “she” on line 1 should stay: choose a reason, say who it refers to, or write the reason out in a sentence/);
      await assertAccessible(staff, 'the editor refusing a one-word reason');

      // Kept, with the reason stated in a sentence.
      await reasonField.fill('');
      await typeInto(staff, reasonField, reason);
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 303);
      await assertBanner(staff, 'Note saved. The person can read it now');
      assert.equal(squash(await staff.getByRole('heading', { level: 1 }).innerText()), title);
      const entryPath = new URL(staff.url()).pathname;
      await assertAccessible(staff, 'the saved note');

      // The person reads it, with the reason, and adds their view.
      const person = await signedIn(personContext, 'person', suite.server.password);
      await followLinkByKeyboard(person, person.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /^My record\b/ }).first());
      await assertAccessible(person, 'my record');
      await followLinkByKeyboard(person, person.getByRole('link', { name: title, exact: true }));
      assert.ok((await mainText(person)).includes(wrong.slice(wrong.indexOf('She') + 3).trim()), 'the person reads the note as saved');
      assert.ok((await mainTextContent(person)).includes(`Reason: “${reason}”`), 'and the reason the word was kept, in the history');
      // Not only in the history: the kept word is marked in the text, with the reason beside it.
      const keptMark = person.getByRole('main').locator('mark.app-kept');
      assert.equal(await keptMark.count(), 1);
      assert.equal(squash(await keptMark.innerText()), `She (kept with a reason: ${reason})`);
      assert.equal(squash(await person.getByRole('main').locator('#kept-reasons li').innerText()), `“She”, line 1: ${reason}`);
      assert.ok(await person.locator('#kept-reasons').isVisible(), 'the reason is on the page, not folded away');
      await assertAccessible(person, 'the note, as the person reads it');

      const view = 'The session was useful. I practise the exercises most evenings.';
      await chooseRadioByKeyboard(person, 'What do you want to do?', 'Add my view');
      await typeInto(person, person.getByRole('textbox', { name: 'In your words' }), view);
      assert.equal(await submitByKeyboard(person, person.getByRole('button', { name: 'Send', exact: true })), 303);
      await assertBanner(person, 'Your view is added to your record');
      assert.ok((await mainText(person)).includes(view));
      await assertAccessible(person, 'the note with the view');

      const correction = 'I use they/them: please write "They said", not "She said".';
      await chooseRadioByKeyboard(person, 'What do you want to do?', 'Ask for a correction');
      await typeInto(person, person.getByRole('textbox', { name: 'In your words' }), correction);
      assert.equal(await submitByKeyboard(person, person.getByRole('button', { name: 'Send', exact: true })), 303);
      await assertBanner(person, 'Your correction request is sent. You will see the answer here');
      assert.ok((await mainText(person)).includes('Waiting for an answer'));
      await assertAccessible(person, 'the note with a correction request');

      // The practitioner answers with a new version.
      await staff.goto(entryPath);
      const staffEntry = await mainText(staff);
      assert.ok(staffEntry.includes(view) && staffEntry.includes(correction), 'the practitioner sees the view and the request');
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Answer this correction request' }));
      assert.ok((await mainText(staff)).includes(correction), 'what they asked is shown');
      await assertAccessible(staff, 'answering the correction');
      const answer = 'Thank you, and sorry. I have changed the note to say "They said".';
      await chooseRadioByKeyboard(staff, 'Your answer', 'I have changed the entry below');
      await typeInto(staff, staff.getByRole('textbox', { name: `Your answer to ${PERSON_NAME}` }), answer);
      const fixed = 'Sam joined the voice session. They said the exercises at home are helping.';
      await typeInto(staff, noteField(staff), fixed);
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 303);
      await assertBanner(staff, 'Corrected as version 2. The person can read your answer');
      await assertAccessible(staff, 'the corrected note');

      // The person reads the answer and the new version.
      await followLinkByKeyboard(person, person.getByRole('link', { name: 'Back to my record' }));
      await followLinkByKeyboard(person, person.getByRole('link', { name: title, exact: true }));
      const answered = await mainText(person);
      assert.ok(answered.includes('Note, version 2'), answered);
      assert.ok(answered.includes(fixed), 'the corrected text');
      assert.ok(answered.includes('Corrected in version 2') && answered.includes(`Answer from ${demoAccount('practitioner').displayName}`) && answered.includes(answer), `the answer: ${answered}`);
      assert.ok(!answered.includes('Waiting for an answer'));
      await assertAccessible(person, 'the answered correction');
    } finally {
      await personContext.close();
      await staffContext.close();
    }
  });

  void test("the person's access log shows the practitioner's views; the group member and the lead get Page not found", { timeout: JOURNEY_TIMEOUT }, async () => {
    const personContext = await newContext(suite.browser, suite.server.url);
    const staffContext = await newContext(suite.browser, suite.server.url);
    const otherContexts: BrowserContext[] = [];
    try {
      const staff = await signedIn(staffContext, 'practitioner', suite.server.password);
      const personId = await openPersonByKeyboard(staff);
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Care plan', exact: true }));
      const entryPath = new URL(staff.url()).pathname;
      await assertAccessible(staff, 'the care plan');

      const person = await signedIn(personContext, 'person', suite.server.password);
      await followLinkByKeyboard(person, person.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /^My record\b/ }).first());
      await followLinkByKeyboard(person, person.getByRole('link', { name: 'See who has looked at your record' }));
      assert.equal(squash(await person.getByRole('heading', { level: 1 }).innerText()), 'Who has looked at your record');
      await assertAccessible(person, 'the access log');
      const log = person.getByRole('table', { name: 'Views of your record, newest first' });
      const rows = log.getByRole('row');
      const cells = async (i: number) => (await rows.nth(i).getByRole('cell').allInnerTexts()).map(squash);
      // Newest first: the care plan, then the person's page, by the practitioner on their caseload.
      assert.deepEqual((await cells(1)).slice(1), [demoAccount('practitioner').displayName, 'Practitioner', 'Care plan: Care plan', 'On their caseload']);
      assert.deepEqual((await cells(2)).slice(1), [demoAccount('practitioner').displayName, 'Practitioner', 'About me and record', 'On their caseload']);

      for (const role of ['group', 'lead'] as const) {
        const context = await newContext(suite.browser, suite.server.url);
        otherContexts.push(context);
        const other = await signedIn(context, role, suite.server.password);
        for (const path of [`/people/${personId}`, entryPath]) {
          const response = await other.goto(path);
          assert.equal(response?.status(), 404, `${role} gets 404 for ${path}`);
          assert.equal(squash(await other.getByRole('heading', { level: 1 }).innerText()), 'Page not found');
          assert.ok(!(await mainText(other)).includes(PERSON_NAME), `nothing about the person on the ${role}'s page`);
          await assertAccessible(other, `${role}'s page not found`);
        }
        const api = await context.request.get(`/api/v1/fhir/Patient/${personId}`);
        assert.equal(api.status(), 404, `${role} gets 404 from the API`);
      }

      // Their attempts are not views: the log has nothing new.
      await person.reload();
      assert.deepEqual((await cells(1)).slice(1, 4), [demoAccount('practitioner').displayName, 'Practitioner', 'Care plan: Care plan']);
    } finally {
      for (const context of otherContexts) await context.close();
      await personContext.close();
      await staffContext.close();
    }
  });
});
