// Demo content for About me and the shared record: Sam Rivera (they/them) on Priya Shah's
// caseload, with a full profile, ranked priorities, a protected previous name, and a record
// holding notes, a care plan, a letter waiting for Sam's review and an open correction request.
// Every entry goes through the same language guard as anything a practitioner writes. Eleven more
// people (no password: they appear, they do not sign in) are using the service (eight on Priya's caseload), each with the
// name they use and their ranked priorities, so the priorities figure on /insights rests on
// enough people to show; two of them have a previous name, which nothing shows or finds.
import { createAccountWithPassword, loadActor, saveContact } from '../accounts/index.ts';
import type { DemoContext } from '../../demo/seed.ts';
import * as repo from './repository.ts';
import { addPreviousName, loadAboutMe, saveAboutMe, savePriorities } from './service/about-me.ts';
import { recordView, type PersonSummary } from './service/access.ts';
import { respond, saveEntry } from './service/entries.ts';

/** The demo person's previous name. It is hashed at once and never shown by the app. */
export const DEMO_PREVIOUS_NAME = 'Samantha Rivera';

/** Top three priorities each: 5 + Sam put waiting-time support first, 5 put hormones first. */
const PEOPLE: ReadonlyArray<{ name: string; email: string; pronouns: string[]; priorities: [string, string, string]; previousName?: string; onCaseload: boolean }> = [
  { name: 'Alexis Grant', email: 'alexis.person@example.org', pronouns: ['she/her'], priorities: ['waiting-time', 'hormones', 'voice'], onCaseload: true },
  { name: 'Noor Haddad', email: 'noor.person@example.org', pronouns: ['they/them'], priorities: ['waiting-time', 'hormones', 'voice'], onCaseload: true, previousName: 'Nadia Haddad' },
  { name: 'Kit Marsh', email: 'kit.person@example.org', pronouns: ['he/him'], priorities: ['waiting-time', 'voice', 'hormones'], onCaseload: true },
  { name: 'Dana Whitfield', email: 'dana.person@example.org', pronouns: ['she/her', 'they/them'], priorities: ['waiting-time', 'hormones', 'voice'], onCaseload: true },
  { name: 'Ash Kumar', email: 'ash.person@example.org', pronouns: ['they/them'], priorities: ['waiting-time', 'voice', 'hormones'], onCaseload: false },
  { name: 'Frankie Doyle', email: 'frankie.person@example.org', pronouns: ['he/him'], priorities: ['hormones', 'mental-health', 'peer-support'], onCaseload: true },
  { name: 'Jesse Lowe', email: 'jesse.person@example.org', pronouns: ['she/her'], priorities: ['hormones', 'peer-support', 'mental-health'], onCaseload: true, previousName: 'James Lowe' },
  { name: 'Remy Osei', email: 'remy.person@example.org', pronouns: ['they/them'], priorities: ['hormones', 'mental-health', 'peer-support'], onCaseload: true },
  { name: 'Quinn Harper', email: 'quinn.person@example.org', pronouns: ['he/him'], priorities: ['hormones', 'peer-support', 'mental-health'], onCaseload: false },
  { name: 'Tam Nguyen', email: 'tam.person@example.org', pronouns: ['they/them'], priorities: ['hormones', 'mental-health', 'peer-support'], onCaseload: true },
];

async function seedPeople({ db, config, accounts }: DemoContext): Promise<void> {
  for (const p of PEOPLE) {
    const id = await createAccountWithPassword(db, { email: p.email, displayName: p.name, password: null, roles: ['person'] });
    await saveAboutMe(db, id, { nameToUse: p.name, pronouns: p.pronouns, nameOnly: false, title: '', genderWords: [], avoid: [], communicationNeeds: [], communicationOther: '', goals: '' });
    await savePriorities(db, id, p.priorities.map((priorityId, i) => ({ priorityId, rank: i + 1, ownWords: null })));
    if (p.previousName) await addPreviousName(db, config, id, p.name, p.previousName);
    // Two are new referrals on nobody's caseload yet; the rest are Priya's.
    if (p.onCaseload) await repo.addToCaseload(db, accounts.practitioner, id, accounts.lead);
  }
}

export async function seedRecord(context: DemoContext): Promise<void> {
  const { db, config, accounts } = context;
  await seedPeople(context);
  const person = accounts.person;
  const practitioner = await loadActor(db, accounts.practitioner);
  if (!practitioner) throw new Error('the demo practitioner is missing');

  await saveAboutMe(db, person, {
    nameToUse: 'Sam Rivera',
    pronouns: ['they/them'],
    nameOnly: false,
    title: 'Mx',
    genderWords: ['non-binary person'],
    avoid: [{ word: 'lady', instead: ['person'] }, { word: 'transitioning', instead: ['my care', 'affirming care'] }],
    communicationNeeds: ['large-print', 'other'],
    communicationOther: 'Please send written information ahead of appointments',
    goals: 'Start hormones this year.\n\nFeel at home in my voice, and have my name right on every letter.',
  });
  await saveContact(db, person, { channels: ['email', 'letter'], senderName: 'Garden club', subject: 'Club news', envelopeName: 'S. Rivera', voicemailAllowed: false, safeTimes: 'Weekdays, 10am to 3pm', mobileNumber: '', postalAddress: '', frequency: 'daily' });
  await savePriorities(db, person, [
    { priorityId: 'waiting-time', rank: 1, ownWords: 'Knowing where I am on the list, and what I can do while I wait.' },
    { priorityId: 'hormones', rank: 2, ownWords: 'Starting hormones with my GP sharing the care.' },
    { priorityId: 'voice', rank: 3, ownWords: 'Voice sessions I can fit around work.' },
    { priorityId: 'peer-support', rank: 4, ownWords: null },
  ]);
  await addPreviousName(db, config, person, 'Sam Rivera', DEMO_PREVIOUS_NAME);
  await repo.addToCaseload(db, practitioner.id, person, accounts.lead);

  const about = await loadAboutMe(db, person);
  const summary: PersonSummary = { id: person, displayName: 'Sam Rivera', email: 'person@example.org', createdAt: new Date().toISOString(), about };
  const write = async (kind: 'note' | 'letter' | 'care-plan', title: string, body: string, recipient = '') => {
    const outcome = await saveEntry(db, config, practitioner, summary, { kind, title, body, recipient, changeReason: '', keep: {} });
    if (!outcome.saved) throw new Error(`demo ${kind} "${title}" did not pass the language guard`);
    return outcome.entryId;
  };

  const first = await write(
    'note',
    'First appointment',
    'Sam came to their first appointment with a friend. We talked about what matters most to them: knowing where they are on the waiting list, and starting hormones.\n\nWe agreed I would write to their GP about shared care.',
  );
  await write('note', 'Voice therapy: first session', 'Sam joined the first voice session. They said they want exercises they can practise at home, in short sessions.');
  await write(
    'care-plan',
    'Care plan',
    'Goals, in Sam’s words: start hormones this year; feel at home in their voice.\n\n1. Letter to GP about shared care for hormones.\n2. Voice sessions every two weeks, at times that fit around work.\n3. Peer support group details sent by letter.\n\nReview together in three months.',
  );
  await write(
    'letter',
    'Letter to GP about shared care',
    'Dear Dr Patel,\n\nSam Rivera (they/them) is under our care at the gender service. Sam would like to start hormones, and we would like to agree a shared care arrangement with you.\n\nPlease use the name Sam Rivera and the title Mx in all correspondence.\n\nYours sincerely,\nPriya Shah',
    'Dr A Patel, Riverside Surgery',
  );

  const sam = await loadActor(db, person);
  if (!sam) throw new Error('the demo person is missing');
  await respond(db, config, sam, first, 'view', 'It was my partner who came with me, and I was nervous, which is why I did not say much.');
  await respond(db, config, sam, first, 'correction', 'Please say I came with my partner, not a friend.');
  await recordView(db, practitioner, person, 'About me and record', 'On their caseload');
}
