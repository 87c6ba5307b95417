// Demo content for the coproduction workspace, so every page shows something real: proposals at
// every stage, a decision by each method (one anonymous), a published coproduced page and news
// post, a language-guide change made by a decision, a meeting with approved involvement time and
// a later one whose time, recorded by the members themselves, awaits approval. Before that, half
// a year of the group's work (three decisions a month, at three levels of participation, with
// comments staff answered or not yet), so every figure on /insights has at least 5 behind it; one
// member joins late, a group too small to show on its own. And open now: a decision by each method.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import type { DemoContext } from '../../demo/seed.ts';
import { createAccountWithPassword, loadActor } from '../accounts/index.ts';
import { getGuideEntryRow, languageGuide, seedGuideIfEmpty } from '../language/index.ts';
import * as repo from './repository/index.ts';
import { applyGuideChange } from './service/catalogue.ts';
import { castBallot, closeDecision, openDecision, recordAdvice } from './service/decisions.ts';
import { createDocument, publishVersion } from './service/documents.ts';
import { recordOwnTime, setMeetingTime } from './service/involvement.ts';
import { createMeeting, saveMinutes } from './service/meetings.ts';
import { addComment, changeStage, draftOption, raiseProposal } from './service/proposals.ts';

const DAY = 86_400_000;

async function actor(db: Db, id: string): Promise<Actor> {
  const a = await loadActor(db, id);
  if (!a) throw new Error('demo account missing');
  return a;
}

export async function seedCoproduction({ db, accounts }: DemoContext): Promise<void> {
  const start = Date.now() - 60 * DAY;
  let clock = start;
  /** Moves demo time on by some hours and returns it, so the timeline reads in order. */
  const at = (hours = 6) => new Date((clock += hours * 3_600_000)).toISOString();

  const jordan = await actor(db, accounts.group);
  const priya = await actor(db, accounts.practitioner);
  const morgan = await actor(db, accounts.lead);
  // Seven more Coproduction Group members (no password: they appear in the demo, they do not sign in).
  const more: Actor[] = [];
  for (const [email, name] of [['alex.group@example.org', 'Alex Kim'], ['rowan.group@example.org', 'Rowan Blake'], ['casey.group@example.org', 'Casey Patel'], ['robin.group@example.org', 'Robin Hart'], ['jamie.group@example.org', 'Jamie Okafor'], ['toni.group@example.org', 'Toni Reyes'], ['ellis.group@example.org', 'Eli Novak']] as const) {
    more.push(await actor(db, await createAccountWithPassword(db, { email, displayName: name, password: null, roles: ['group'] })));
  }
  const [alex, rowan, casey, robin, jamie, toni, eli] = more as [Actor, Actor, Actor, Actor, Actor, Actor, Actor];
  await seedHistory(db, { founders: [jordan, alex, rowan, casey, robin, jamie, toni], newcomer: eli, staff: [priya, morgan] });
  const group = [jordan, alex, rowan, casey, robin, jamie, toni, eli];
  // How they appear to each other is each person's own choice: Jordan and Alex chose to show that
  // they speak from lived experience; Rowan and Casey did not.
  for (const m of [jordan, alex]) await repo.saveProfile(db, m.id, { group_name: null, show_lived_experience: 1 });
  await repo.setMailPreference(db, { account_id: jordan.id, digest: 'weekly', immediate_replies: 1, immediate_decisions: 0, updated_at: at(0) });

  // Done: a group-raised proposal, co-designed, consented with the quorum; the page is published.
  const page = await raiseProposal(db, jordan, {
    title: 'A clinic page that uses our words',
    problem: 'The “coming to clinic” page assumes two genders and does not say what happens at the first appointment.',
    affects: 'Everyone coming to their first appointment, and the people who support them.',
    idea: 'Rewrite the page with the group, paragraph by paragraph.',
    area: 'document',
  }, at());
  const pageComment = await addComment(db, alex, page, 'Can the page say that we can bring someone with us?', null, at());
  await addComment(db, priya, page, 'Yes — we will add that, and say that it is fine to come alone too.', pageComment, at());
  await changeStage(db, jordan, page, 'co-design', null, at());
  await draftOption(db, rowan, page, { title: 'Rewrite from scratch', description: 'Start again with the group, using the questions people actually ask.' }, at());
  const doc = await createDocument(db, jordan, {
    kind: 'web-page', slug: 'coming-to-clinic', title: 'Coming to clinic',
    summary: 'What happens at your first appointment, and how we will talk with you.',
    body: 'We will use the name you use and the pronouns you tell us. You do not have to tell us anything you do not want to.\n\nYou can bring someone with you, or come on your own. Both are fine.\n\nYour first appointment lasts about an hour. We will ask what matters most to you and agree with you what happens next.',
  }, at());
  const pageDecision = await openDecision(db, priya, page, { method: 'consent', question: 'Do we publish the new “Coming to clinic” page?', anonymous: false, public: true, documentVersionId: doc.version!.id }, at());
  for (const m of group) await castBallot(db, m, pageDecision, { position: m === casey ? 'concern' : 'agree', ...(m === casey ? { reason: 'Say how long the wait is.' } : {}) }, at(1));
  await castBallot(db, priya, pageDecision, { position: 'agree' }, at(1));
  await closeDecision(db, priya, pageDecision, { summary: 'The group consented to the new “Coming to clinic” page, written with them paragraph by paragraph.' }, at());
  await publishVersion(db, priya, doc.version!.id, at());

  // Done: a practitioner's reflections, published on the blog through the same gate.
  const post = await raiseProposal(db, priya, {
    title: 'Blog: what coproduction has taught me',
    problem: 'People do not see how the group shapes the service.',
    affects: 'People using the service and people thinking of joining the group.',
    idea: 'A practitioner writes about working with the group, and the group decides whether it goes out.',
    area: 'website',
  }, at());
  await addComment(db, jordan, post, 'Please say that the group can say no — that matters.', null, at());
  await changeStage(db, priya, post, 'co-design', null, at());
  const postDoc = await createDocument(db, priya, {
    kind: 'news-post', slug: 'what-coproduction-has-taught-me', title: 'What coproduction has taught me',
    summary: 'A practitioner’s reflections on a year of working with our Coproduction Group.',
    body: 'When I started, I thought I knew what was best for the people we support. The group taught me that they do.\n\nThe group can say no, and sometimes it does. This post went out only because they agreed to it.',
  }, at());
  const postDecision = await openDecision(db, priya, post, { method: 'consent', question: 'Do we publish this blog post?', anonymous: false, public: true, documentVersionId: postDoc.version!.id }, at());
  for (const m of group) await castBallot(db, m, postDecision, { position: 'agree' }, at(1));
  await closeDecision(db, priya, postDecision, { summary: 'The group agreed to publish a practitioner’s reflections on coproduction.' }, at());
  await publishVersion(db, priya, postDoc.version!.id, at());

  // Implementing: an anonymous vote, adopted with the quorum.
  const names = await raiseProposal(db, rowan, {
    title: 'Call people in the waiting room by the name they use',
    problem: 'Names are read from old referral letters.',
    affects: 'Anyone whose referral has an old name on it.',
    idea: 'Call people by the name on their About me page, or by a number if they prefer.',
    area: 'care-pathway',
  }, at());
  await draftOption(db, rowan, names, { title: 'Name they use, or a number', description: 'People choose on their About me page.' }, at());
  const namesVote = await openDecision(db, morgan, names, { method: 'vote', question: 'Do we change how people are called in the waiting room?', anonymous: true, public: true, documentVersionId: null }, at());
  for (const m of group) await castBallot(db, m, namesVote, { position: 'for' }, at(1));
  await castBallot(db, priya, namesVote, { position: 'for' }, at(1));
  await castBallot(db, morgan, namesVote, { position: 'abstain' }, at(1));
  await closeDecision(db, morgan, namesVote, { summary: 'Reception will call people by the name they use, or by a number if they choose.' }, at());

  // Not adopted: an advice process; the decider weighed the group's advice and said no.
  const fridays = await raiseProposal(db, morgan, {
    title: 'Close the clinic on Friday afternoons',
    problem: 'Staff training clashes with Friday clinics.',
    affects: 'People with Friday appointments.',
    idea: 'Move Friday afternoon appointments to other days.',
    area: 'policy',
  }, at());
  const advice = await openDecision(db, morgan, fridays, { method: 'advice', question: 'Should we close on Friday afternoons?', anonymous: false, public: true, documentVersionId: null, adviserIds: [jordan.id, alex.id] }, at());
  await recordAdvice(db, jordan, advice, 'Many of us can only come after work on Fridays. Please do not.', at());
  await recordAdvice(db, alex, advice, 'Move the training instead.', at());
  await closeDecision(db, morgan, advice, { summary: 'Not adopted: the group advised that Friday afternoons matter to people who work. Training moves instead.', adopt: false }, at());

  // Language guide: adopted, and the guide changed citing the decision.
  await seedGuideIfEmpty(db, languageGuide);
  const guide = await raiseProposal(db, casey, {
    title: 'Stop calling people “service users” in letters',
    problem: '“Service user” makes us sound like a category, not people.',
    affects: 'Everyone who gets a letter.',
    idea: 'Add it to the language guide, suggesting “people who use the service”.',
    area: 'language-guide',
  }, at());
  await draftOption(db, casey, guide, { title: 'Add to the guide as a warning', description: 'Suggest “people who use the service” or the person’s name.' }, at());
  const serviceUser = { entryId: 'service-user', change: 'add', category: 'person-centred', terms: ['service user', 'service users'], suggestions: ['people who use the service', 'the person’s name'], reason: 'The group asked that people are not described as a category.', source: 'Coproduction Group decision' } as const;
  const guideVote = await openDecision(db, priya, guide, { method: 'vote', question: 'Add “service user” to the language guide?', anonymous: false, public: true, documentVersionId: null, catalogueChange: { ...serviceUser, terms: [...serviceUser.terms], suggestions: [...serviceUser.suggestions] } }, at());
  for (const m of group) await castBallot(db, m, guideVote, { position: 'for' }, at(1));
  await closeDecision(db, priya, guideVote, { summary: 'The group added “service user” to the language guide.' }, at());
  if (!(await getGuideEntryRow(db, 'service-user'))) {
    await applyGuideChange(db, priya, guideVote);
  }

  // Decision (open): ranked choice between options drafted by the group and staff.
  const venue = await raiseProposal(db, alex, {
    title: 'Where should group meetings be held?',
    problem: 'The hospital meeting room is hard to reach and feels clinical.',
    affects: 'Coproduction Group members.',
    idea: 'Choose together between a few places.',
    area: 'other',
  }, at());
  await changeStage(db, alex, venue, 'co-design', null, at());
  const optionA = await draftOption(db, alex, venue, { title: 'Community centre', description: 'Step-free, near the bus station.' }, at());
  const optionB = await draftOption(db, priya, venue, { title: 'Hospital meeting room', description: 'As now.' }, at());
  const optionC = await draftOption(db, rowan, venue, { title: 'Online', description: 'Video call, with phone dial-in.' }, at());
  const ranked = await openDecision(db, alex, venue, { method: 'ranked-choice', question: 'Where should we meet from next year?', anonymous: false, public: true, documentVersionId: null, closesAt: new Date(Date.now() + 14 * DAY).toISOString() }, at());
  await castBallot(db, alex, ranked, { ranking: [optionA, optionC] }, at(1));
  await castBallot(db, rowan, ranked, { ranking: [optionC, optionA] }, at(1));
  await castBallot(db, priya, ranked, { ranking: [optionB, optionA] }, at(1));

  // Co-design: group and staff options, deliberation with a response.
  const peer = await raiseProposal(db, casey, {
    title: 'Peer support after the first appointment',
    problem: 'The wait after the first appointment is long and lonely.',
    affects: 'Everyone waiting for a second appointment.',
    idea: 'Offer a peer support session run by group members.',
    area: 'care-pathway',
  }, at());
  const peerComment = await addComment(db, rowan, peer, 'Group members should be paid for running these.', null, at());
  await addComment(db, morgan, peer, 'Agreed: we will cost it at the involvement rate.', peerComment, at());
  await changeStage(db, casey, peer, 'co-design', null, at());
  await draftOption(db, casey, peer, { title: 'Monthly drop-in', description: 'An evening drop-in run by two group members.' }, at());
  await draftOption(db, priya, peer, { title: 'Buddy scheme', description: 'A group member is matched with each person who wants one.' }, at());

  // Idea: a group comment still waiting for a staff response.
  const evenings = await raiseProposal(db, rowan, {
    title: 'Evening appointments',
    problem: 'Appointments are only in working hours.',
    affects: 'People who work or study, and people who cannot take time off without explaining why.',
    idea: 'One evening clinic a week.',
    area: 'care-pathway',
  }, at());
  await addComment(db, jordan, evenings, 'Even one evening a month would help.', null, at());

  // A meeting with an agenda from proposals, attendance and minutes.
  clock = Math.max(clock, Date.now() - 7 * DAY);
  const meeting = await createMeeting(db, priya, { title: 'Coproduction Group meeting', heldOn: new Date(clock).toISOString().slice(0, 10), proposalIds: [peer, evenings, venue] }, at());
  await setMeetingTime(db, priya, meeting, group.map((m) => ({ accountId: m.id, minutes: 120 })), at(0));
  await saveMinutes(db, priya, meeting, 'Peer support: the group prefers a monthly drop-in to start, with a buddy scheme later.\n\nEvening appointments: staff will look at rotas and report back next month.\n\nMeeting place: the ranked-choice decision stays open until the next meeting.');

  // A later meeting whose time the members recorded themselves: it awaits the facilitator's (Priya's)
  // or the lead's approval. One member gives their time unpaid; one claims a bus fare.
  const later = await createMeeting(db, priya, { title: 'Coproduction Group meeting: evening clinics', heldOn: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10), proposalIds: [evenings] }, at());
  await recordOwnTime(db, jordan, { kind: 'meeting', meetingId: later, workedOn: '', minutes: 150, expensesPence: 640, expensesNote: 'Bus fare there and back', unpaid: false }, at(0));
  await recordOwnTime(db, alex, { kind: 'meeting', meetingId: later, workedOn: '', minutes: 120, expensesPence: 0, expensesNote: '', unpaid: false }, at(0));
  await recordOwnTime(db, rowan, { kind: 'meeting', meetingId: later, workedOn: '', minutes: 120, expensesPence: 0, expensesNote: '', unpaid: true }, at(0));
  await recordOwnTime(db, jordan, { kind: 'reading', meetingId: null, workedOn: new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10), minutes: 45, expensesPence: 0, expensesNote: '', unpaid: false }, at(0));

  await seedOpenDecisions(db, { group, priya, morgan });
}

/** The first day of the month `monthsAgo` months before this one, at 09:00 UTC, plus `days`. */
function inMonth(monthsAgo: number, days: number, hours = 0): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1 + days, 9 + hours)).toISOString();
}

const HISTORY: ReadonlyArray<{ title: string; area: 'policy' | 'care-pathway' | 'document' | 'website' | 'other'; option: string }> = [
  { title: 'Text reminders the day before appointments', area: 'care-pathway', option: 'A text the day before, from a neutral number' },
  { title: 'Pronoun badges for reception staff', area: 'policy', option: 'Badges offered to every member of staff' },
  { title: 'Plain-English appointment letters', area: 'document', option: 'Rewrite the letter templates with the group' },
  { title: 'A quiet waiting area', area: 'care-pathway', option: 'Set aside the side room as a quiet space' },
  { title: 'Say what happens at the first appointment on the website', area: 'website', option: 'A page with a step-by-step guide' },
  { title: 'Travel costs for group members', area: 'policy', option: 'Pay travel on the day, in cash or by transfer' },
  { title: 'Gender-neutral toilets in outpatients', area: 'other', option: 'Relabel the single-occupancy toilets' },
  { title: 'Feedback cards in the waiting room', area: 'other', option: 'Cards with a freepost envelope' },
  { title: 'A named contact while waiting', area: 'care-pathway', option: 'One named administrator for each person waiting' },
  { title: 'Group members on interview panels', area: 'policy', option: 'One group member on every clinical interview panel' },
  { title: 'Large-print versions of every leaflet', area: 'document', option: 'Print large-print copies on request' },
  { title: 'Evening peer-support calls', area: 'care-pathway', option: 'A monthly evening call run by two members' },
  { title: 'Update the complaints page', area: 'website', option: 'Say who reads complaints and how long it takes' },
  { title: 'Ask about communication needs at referral', area: 'care-pathway', option: 'Add the question to the referral form' },
  { title: 'Fewer forms at the first appointment', area: 'document', option: 'One form, sent ahead of time' },
  { title: 'Say how long the wait is on every letter', area: 'document', option: 'A line on each letter with the current wait' },
  { title: 'Childcare costs for group meetings', area: 'policy', option: 'Pay childcare at the involvement rate' },
  { title: 'Photos of the clinic on the website', area: 'website', option: 'Photos of the entrance, reception and rooms' },
];

/**
 * Six months of closed decisions, three a month: one raised and drafted by the group and decided
 * with its quorum (co-production), one raised by staff after the group had its say first but with
 * staff options (engagement), and one where the group only voted (consultation). Every founder
 * takes part each month; a newcomer joins in the fourth. Two of every three group comments get a
 * staff answer.
 */
async function seedHistory(db: Db, people: { founders: Actor[]; newcomer: Actor; staff: [Actor, Actor] }): Promise<void> {
  const [priya, morgan] = people.staff;
  let n = 0;
  for (let monthsAgo = 8; monthsAgo >= 3; monthsAgo -= 1) {
    const voters = monthsAgo <= 5 ? [...people.founders, people.newcomer] : people.founders;
    for (let kind = 0; kind < 3; kind += 1) {
      const item = HISTORY[n % HISTORY.length]!;
      const raiser = kind === 0 ? voters[n % voters.length]! : n % 2 ? priya : morgan;
      const commenter = people.founders[(n + 3) % people.founders.length]!;
      let hour = 0;
      const at = () => inMonth(monthsAgo, kind * 7 + 2, (hour += 3));
      const proposal = await raiseProposal(db, raiser, { title: item.title, problem: `${item.title}: raised so the service fits the people who use it.`, affects: 'People using the service.', idea: item.option, area: item.area }, at());
      let comment: string | null = null;
      if (kind !== 2) comment = await addComment(db, commenter, proposal, 'Please ask the people this affects before deciding.', null, at());
      await draftOption(db, kind === 0 ? commenter : priya, proposal, { title: item.option, description: 'As the group discussed.' }, at());
      const decision = await openDecision(db, kind === 0 ? priya : raiser, proposal, { method: 'vote', question: `${item.title}?`, anonymous: false, public: true, documentVersionId: null }, at());
      if (kind === 2) comment = await addComment(db, commenter, proposal, 'Will the group hear how this works out?', null, at());
      for (const m of voters) await castBallot(db, m, decision, { position: m === voters[0] && kind === 1 ? 'abstain' : 'for' }, at());
      await castBallot(db, priya, decision, { position: 'for' }, at());
      if (comment && n % 3 !== 2) await addComment(db, kind === 0 ? morgan : priya, proposal, 'Thank you: we will report back to the group at the next meeting.', comment, at());
      await closeDecision(db, kind === 0 ? priya : raiser, decision, { summary: `The group voted for: ${item.option.toLowerCase()}.` }, at());
      n += 1;
    }
  }
}

/** Open now, one of each method, with several group members already taking part. */
async function seedOpenDecisions(db: Db, people: { group: Actor[]; priya: Actor; morgan: Actor }): Promise<void> {
  const { group, priya, morgan } = people;
  const [jordan, alex, rowan, casey, robin, jamie] = group as [Actor, Actor, Actor, Actor, Actor, Actor];
  let hour = 0;
  const at = () => new Date(Date.now() - 5 * DAY + (hour += 2) * 3_600_000).toISOString();

  const forms = await raiseProposal(db, robin, { title: 'A new referral form', problem: 'The referral form asks for a “real name”.', affects: 'Everyone referred to the service.', idea: 'Ask for the name the person uses, and only ask for a legal name where the law needs it.', area: 'document' }, at());
  await draftOption(db, robin, forms, { title: 'Name used first, legal name only if needed', description: 'The form asks “What name do you use?” first.' }, at());
  const consent = await openDecision(db, priya, forms, { method: 'consent', question: 'Do we adopt the new referral form?', anonymous: false, public: true, documentVersionId: null }, at());
  for (const m of [jordan, alex, robin, jamie, casey]) await castBallot(db, m, consent, { position: 'agree' }, at());

  const hours = await raiseProposal(db, jamie, { title: 'Phone line open at lunchtime', problem: 'The phone line closes from 12 to 2, when many people can call.', affects: 'People who call from work.', idea: 'Keep the line open through lunch, with staggered breaks.', area: 'care-pathway' }, at());
  const vote = await openDecision(db, morgan, hours, { method: 'vote', question: 'Do we keep the phone line open at lunchtime?', anonymous: true, public: true, documentVersionId: null }, at());
  for (const m of [jordan, rowan, robin, jamie, alex, casey]) await castBallot(db, m, vote, { position: 'for' }, at());

  const survey = await raiseProposal(db, morgan, { title: 'A yearly survey of people using the service', problem: 'We only hear from people who complain or who join the group.', affects: 'Everyone using the service.', idea: 'A short anonymous survey each spring, designed with the group.', area: 'policy' }, at());
  const advice = await openDecision(db, morgan, survey, { method: 'advice', question: 'Should we run a yearly survey, and how?', anonymous: false, public: true, documentVersionId: null, adviserIds: [jordan.id, casey.id, rowan.id] }, at());
  await recordAdvice(db, casey, advice, 'Yes, if it can be answered on paper as well as online.', at());
}
