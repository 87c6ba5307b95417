// Demo content for listening, learning and acting: feedback over the last months, themes,
// actions (two closed on the public board), a call to make, and feedback waiting for a group
// member to check it, so every page shows something real.
import type { DemoContext } from '../../demo/seed.ts';
import { changed } from '../../platform/changes.ts';
import { deidentify } from './deidentify.ts';
import * as actions from './repository/actions.ts';
import * as items from './repository/items.ts';
import * as replies from './repository/replies.ts';
import * as themes from './repository/themes.ts';
import { raiseDutyAlert } from '../duty/index.ts';
import { riskMatches } from '../language/index.ts';
import { knownNames } from './service/people.ts';

const DAY = 24 * 60 * 60 * 1000;

interface DemoItem {
  daysAgo: number;
  body: string;
  area: string;
  rating: string | null;
  consent: boolean;
  themes: string[];
  respondedAfterDays?: number;
  reply?: { channel: 'email' | 'phone'; contact: string };
  approved?: string;
}

const ITEMS: DemoItem[] = [
  { daysAgo: 150, body: 'I waited two years for a first appointment and heard nothing in between.', area: 'waiting', rating: 'poor', consent: true, themes: ['Waiting times'], respondedAfterDays: 3, approved: 'I waited two years for a first appointment and heard nothing in between.' },
  { daysAgo: 140, body: 'The waiting list letter did not say how long the wait would be or who to call.', area: 'waiting', rating: 'poor', consent: true, themes: ['Waiting times', 'Letters and names'], respondedAfterDays: 5, approved: 'The waiting list letter did not say how long the wait would be or who to call.' },
  { daysAgo: 120, body: 'A letter to my GP used my old name even though I changed it with you last year.', area: 'letters', rating: 'very-poor', consent: true, themes: ['Letters and names'], respondedAfterDays: 2, reply: { channel: 'email', contact: 'demo-reply@example.org' }, approved: 'A letter to my GP used my old name even though I changed it with you.' },
  { daysAgo: 110, body: 'Reception asked for my "real name" in front of the whole waiting room.', area: 'language', rating: 'very-poor', consent: true, themes: ['Respectful language'], respondedAfterDays: 1, approved: 'Reception asked for my "real name" in front of the whole waiting room.' },
  { daysAgo: 95, body: 'My letter had the wrong title on it again. Please ask people what title they use.', area: 'letters', rating: 'poor', consent: false, themes: ['Letters and names'], respondedAfterDays: 4, reply: { channel: 'phone', contact: '07700 900461' } },
  { daysAgo: 80, body: 'It would help to meet other people on the waiting list. Waiting alone is the hardest part.', area: 'waiting', rating: 'neither', consent: true, themes: ['Peer support', 'Waiting times'], respondedAfterDays: 6, approved: 'It would help to meet other people on the waiting list. Waiting alone is the hardest part.' },
  { daysAgo: 60, body: 'The practitioner used my pronouns without me having to say them twice. Thank you.', area: 'appointments', rating: 'very-good', consent: true, themes: ['Respectful language'], respondedAfterDays: 2, approved: 'The practitioner used my pronouns without me having to say them twice. Thank you.' },
  { daysAgo: 45, body: 'Could there be a peer support group online for people who cannot travel?', area: 'other', rating: 'good', consent: false, themes: ['Peer support'], respondedAfterDays: 8 },
  { daysAgo: 30, body: 'Still waiting for my hormone review, it has been 14 months.', area: 'hormones', rating: 'poor', consent: false, themes: ['Waiting times'], respondedAfterDays: 3 },
  { daysAgo: 20, body: 'The new leaflet is clear and uses kind words.', area: 'language', rating: 'very-good', consent: true, themes: ['Respectful language'], respondedAfterDays: 2 },
  { daysAgo: 6, body: 'My name is Robin Hale and Dr Osei was lovely. You can call me on 07700 900127 if you want to hear more.', area: 'appointments', rating: 'very-good', consent: true, themes: [] },
  { daysAgo: 3, body: 'Some weeks the wait feels endless and I do not know who to ask about my referral.', area: 'waiting', rating: 'poor', consent: true, themes: [] },
  { daysAgo: 1, body: 'The website is hard to use on my phone.', area: 'website', rating: 'neither', consent: false, themes: [] },
  // A disclosure of risk: it goes to the duty queue (the demo practitioner is on the duty rota), and nobody else reads it.
  { daysAgo: 0, body: 'I cannot keep going like this. Some nights I think about ending my life while I wait for the next appointment.', area: 'waiting', rating: 'very-poor', consent: true, themes: [] },
];

export async function seedFeedback({ db, config, accounts }: DemoContext): Promise<void> {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const names = await knownNames(db);
  const themeIds = new Map<string, string>();
  const descriptions: Record<string, string> = {
    'Waiting times': 'How long people wait, and what happens while they wait',
    'Letters and names': 'Letters that get names, titles or pronouns wrong, or leave people without answers',
    'Respectful language': 'The words staff use, in person and in writing',
    'Peer support': 'Meeting and hearing from other trans and non-binary people',
  };
  for (const [name, description] of Object.entries(descriptions)) {
    themeIds.set(name, await themes.createTheme(db, { name, description, createdBy: accounts.group, at: iso(now - 160 * DAY) }));
  }
  const ids: string[] = [];
  for (const item of ITEMS) {
    const at = now - item.daysAgo * DAY;
    const id = await items.insertFeedback(db, {
      created_at: iso(at),
      body: item.body,
      rating: item.rating,
      area: item.area,
      consent_publish: item.consent ? 1 : 0,
      account_id: null,
      reply_channel: item.reply?.channel ?? null,
      reply_email: item.reply?.channel === 'email' ? item.reply.contact : null,
      reply_phone: item.reply?.channel === 'phone' ? item.reply.contact : null,
      replied_at: null,
      risk: riskMatches(item.body).length ? 1 : 0,
      deidentified_text: deidentify(item.body, { knownNames: names }).text,
      moderation: !item.consent ? 'not-consented' : item.approved ? 'approved' : 'pending',
      public_text: item.approved ?? null,
      moderated_by: item.approved ? accounts.group : null,
      moderated_at: item.approved && item.respondedAfterDays ? iso(at + item.respondedAfterDays * DAY) : null,
      first_response_at: null,
      days_to_first_response: null,
      closed_at: null,
      days_to_closure: null,
    });
    ids.push(id);
    if (riskMatches(item.body).length) await raiseDutyAlert(db, config, { source: 'feedback', sourceId: id, personId: null, body: item.body, suggestedRelease: deidentify(item.body, { knownNames: names }).text });
    for (const theme of item.themes) {
      const respondedAt = iso(at + (item.respondedAfterDays ?? 1) * DAY);
      await themes.applyTheme(db, { feedbackId: id, themeId: themeIds.get(theme)!, by: accounts.group, at: respondedAt, viaSuggestion: false });
    }
    if (item.respondedAfterDays) await items.markFirstResponse(db, id, iso(at + item.respondedAfterDays * DAY));
  }

  const idOf = (i: number) => ids[i]!;
  // Closed: letters now use the name and title people choose.
  const letters = await actions.createAction(db, {
    title: 'Check every letter template for names, titles and pronouns',
    description: 'Work through each template with the Coproduction Group; pull the name, title and pronouns from About me.',
    ownerId: accounts.practitioner, dueDate: iso(now - 40 * DAY).slice(0, 10), createdBy: accounts.practitioner, at: iso(now - 100 * DAY),
    feedbackIds: [idOf(2), idOf(4)], themeIds: [themeIds.get('Letters and names')!],
  });
  await actions.closeAction(db, letters, {
    status: 'done', by: accounts.practitioner, at: iso(now - 35 * DAY), because: null,
    youSaid: 'Letters sometimes used old names or the wrong title.',
    weDid: 'With the Coproduction Group we checked every letter template. Letters now use the name, title and pronouns you set in About me, and you see each letter before it is sent.',
  });
  await items.markClosed(db, [idOf(2), idOf(4)], iso(now - 35 * DAY));
  await items.clearReplyContact(db, idOf(2), iso(now - 35 * DAY));
  await replies.createReplyTask(db, { feedbackId: idOf(4), actionId: letters, at: iso(now - 35 * DAY) });

  // Closed, could not be done: a shorter waiting list.
  const waiting = await actions.createAction(db, {
    title: 'Tell people how long the wait is and who to contact',
    description: 'Waiting-list letters to give an honest estimate and a named contact.',
    ownerId: accounts.lead, dueDate: iso(now - 20 * DAY).slice(0, 10), createdBy: accounts.lead, at: iso(now - 130 * DAY),
    feedbackIds: [idOf(0), idOf(1), idOf(8)], themeIds: [themeIds.get('Waiting times')!],
  });
  await actions.closeAction(db, waiting, {
    status: 'not-done', by: accounts.lead, at: iso(now - 15 * DAY),
    youSaid: 'The wait is very long and you hear nothing while you wait.',
    weDid: 'give everyone a shorter wait',
    because: 'the number of appointments is set by national funding. We now write every three months with an honest estimate and a contact, and we have raised the wait with commissioners.',
  });
  await items.markClosed(db, [idOf(0), idOf(1), idOf(8)], iso(now - 15 * DAY));

  // Closed: reception language.
  const reception = await actions.createAction(db, {
    title: 'Reception training on names and privacy',
    description: 'Training written with the group: never ask for a "real name", check details privately.',
    ownerId: accounts.lead, dueDate: null, createdBy: accounts.lead, at: iso(now - 105 * DAY),
    feedbackIds: [idOf(3)], themeIds: [themeIds.get('Respectful language')!],
  });
  await actions.closeAction(db, reception, {
    status: 'done', by: accounts.lead, at: iso(now - 70 * DAY), because: null,
    youSaid: 'Reception staff asked for people\'s "real names" where others could hear.',
    weDid: 'Group members wrote and ran training for all reception staff. Details are now checked privately, on screen.',
  });
  await items.markClosed(db, [idOf(3)], iso(now - 70 * DAY));

  // Open: peer support.
  await actions.createAction(db, {
    title: 'Pilot an online peer support group for people waiting',
    description: 'Monthly, run by group members, online and in person.',
    ownerId: accounts.group, dueDate: iso(now + 45 * DAY).slice(0, 10), createdBy: accounts.group, at: iso(now - 40 * DAY),
    feedbackIds: [idOf(5), idOf(7)], themeIds: [themeIds.get('Peer support')!, themeIds.get('Waiting times')!],
  });
  await changed(db, 'feedback');
}
