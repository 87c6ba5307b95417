// The forms of About me: the profile, contact safety, what matters most, and a name never to
// use. Pure: a request body in, values and field errors out; refusal codes put into words.
import { list, text, type FieldError } from '../../../platform/forms.ts';
import { CHANNELS, isNoticeFrequency, type ContactSafety } from '../../accounts/index.ts';
import { COMMON_PRONOUNS, COMMUNICATION_NEEDS, avoidLines, type AboutMe, type AvoidWord } from '../profile.ts';
import type { PreviousNameRefusal, PriorityItem, RankedPriority } from '../service/about-me.ts';

const PRONOUN_SET = /^[\p{L}\p{M}'’-]{1,20}(\/[\p{L}\p{M}'’-]{1,20}){1,4}$/u;

function splitList(s: string): string[] {
  return s.split(/[,;\n]/).map((x) => x.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

/** Reads "word = instead, instead" lines (also "word -> instead"); returns undefined for a bad line. */
export function parseAvoidLines(raw: string): { items: AvoidWord[]; badLine?: number } {
  const items: AvoidWord[] = [];
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const m = /^(.+?)\s*(?:=|->|→|:)\s*(.*)$/.exec(line);
    const word = (m ? m[1]! : line).trim();
    const instead = m ? splitList(m[2]!) : [];
    if (!word || word.length > 60) return { items, badLine: i + 1 };
    items.push({ word, instead });
  }
  return { items };
}

export { avoidLines };

export interface AboutMeForm {
  values: Record<string, unknown>;
  about?: Omit<AboutMe, 'updatedAt'>;
  errors: FieldError[];
}

/** Checks the About me form; on error `values` holds what was sent, to show it again. */
export function readAboutMeForm(body: unknown): AboutMeForm {
  const nameToUse = text(body, 'nameToUse');
  const chosen = list(body, 'pronouns').filter((p) => (COMMON_PRONOUNS as readonly string[]).includes(p));
  const nameOnly = list(body, 'pronouns').includes('name-only');
  const customRaw = text(body, 'customPronouns');
  const title = text(body, 'title');
  const genderWordsRaw = text(body, 'genderWords');
  const avoidRaw = typeof (body as Record<string, unknown>)?.avoid === 'string' ? ((body as Record<string, string>).avoid ?? '') : '';
  const needs = list(body, 'communicationNeeds').filter((n) => Object.hasOwn(COMMUNICATION_NEEDS, n));
  const communicationOther = text(body, 'communicationOther');
  const goals = text(body, 'goals');
  const values = { nameToUse, pronouns: nameOnly ? [...chosen, 'name-only'] : chosen, customPronouns: customRaw, title, genderWords: genderWordsRaw, avoid: avoidRaw, communicationNeeds: needs, communicationOther, goals };

  const errors: FieldError[] = [];
  if (!nameToUse) errors.push({ field: 'nameToUse', message: 'Enter the name you want us to use' });
  else if (nameToUse.length > 100) errors.push({ field: 'nameToUse', message: 'Name must be 100 characters or fewer' });
  const custom = splitList(customRaw).map((p) => p.replace(/\s*\/\s*/g, '/').toLowerCase());
  const badCustom = custom.find((p) => !PRONOUN_SET.test(p));
  if (badCustom !== undefined) errors.push({ field: 'customPronouns', message: 'Write each set of pronouns as subject/object, like per/per, separated by commas' });
  const pronouns = [...new Set([...chosen, ...custom])];
  if (nameOnly && pronouns.length) errors.push({ field: 'pronouns', message: 'Choose pronouns or "name only, no pronouns", not both' });
  if (pronouns.length > 8) errors.push({ field: 'customPronouns', message: 'Choose 8 sets of pronouns or fewer' });
  if (title.length > 20) errors.push({ field: 'title', message: 'Title must be 20 characters or fewer' });
  const genderWords = splitList(genderWordsRaw);
  if (genderWords.length > 10 || genderWords.some((w) => w.length > 40)) errors.push({ field: 'genderWords', message: 'List up to 10 words, each 40 characters or fewer' });
  const avoid = parseAvoidLines(avoidRaw);
  if (avoid.badLine) errors.push({ field: 'avoid', message: `Line ${avoid.badLine}: write the word to avoid, then = and what to say instead` });
  else if (avoid.items.length > 30) errors.push({ field: 'avoid', message: 'List up to 30 words to avoid' });
  if (needs.includes('other') && !communicationOther) errors.push({ field: 'communicationOther', message: 'Tell us what would help you communicate with us' });
  if (communicationOther.length > 500) errors.push({ field: 'communicationOther', message: 'Keep this to 500 characters or fewer' });
  if (goals.length > 4000) errors.push({ field: 'goals', message: 'Goals must be 4,000 characters or fewer' });
  if (errors.length) return { values, errors };
  return {
    values,
    errors,
    about: {
      nameToUse,
      pronouns,
      nameOnly,
      title,
      genderWords,
      avoid: avoid.items,
      communicationNeeds: needs,
      communicationOther: needs.includes('other') ? communicationOther : '',
      goals,
    },
  };
}

/** The form's values for a saved About me. */
export function aboutMeFormValues(about: AboutMe | undefined): Record<string, unknown> {
  if (!about) return { pronouns: [], communicationNeeds: [] };
  const common = about.pronouns.filter((p) => (COMMON_PRONOUNS as readonly string[]).includes(p));
  const custom = about.pronouns.filter((p) => !(COMMON_PRONOUNS as readonly string[]).includes(p));
  return {
    nameToUse: about.nameToUse,
    pronouns: about.nameOnly ? ['name-only'] : common,
    customPronouns: custom.join(', '),
    title: about.title,
    genderWords: about.genderWords.join(', '),
    avoid: avoidLines(about.avoid),
    communicationNeeds: about.communicationNeeds,
    communicationOther: about.communicationOther,
    goals: about.goals,
  };
}

export function readContactForm(body: unknown): { values: ContactSafety; errors: FieldError[] } {
  const values: ContactSafety = {
    channels: list(body, 'channels').filter((c) => Object.hasOwn(CHANNELS, c)),
    senderName: text(body, 'senderName'),
    subject: text(body, 'subject'),
    envelopeName: text(body, 'envelopeName'),
    voicemailAllowed: text(body, 'voicemail') === 'yes',
    safeTimes: text(body, 'safeTimes'),
    mobileNumber: text(body, 'mobileNumber').trim(),
    postalAddress: text(body, 'postalAddress').trim(),
    frequency: 'immediately',
  };
  const errors: FieldError[] = [];
  // Always sent by the form (one radio is always checked); a value it never offers is refused.
  const frequency = text(body, 'frequency') || 'immediately';
  if (isNoticeFrequency(frequency)) values.frequency = frequency;
  else errors.push({ field: 'frequency', message: 'Select how often we may tell you about updates' });
  const digits = values.mobileNumber.replace(/[\s()-]/g, '');
  if (values.mobileNumber && !/^(\+44|0044|0)7\d{9}$/.test(digits)) errors.push({ field: 'mobileNumber', message: 'Enter a UK mobile number, like 07700 900 123' });
  else if (values.channels.includes('text') && !values.mobileNumber) errors.push({ field: 'mobileNumber', message: 'Enter the mobile number for text messages, or untick text message' });
  if (values.postalAddress.length > 500 || values.postalAddress.split('\n').length > 6) errors.push({ field: 'postalAddress', message: 'Address must be 6 lines or fewer' });
  const voicemail = text(body, 'voicemail');
  if (voicemail !== 'yes' && voicemail !== 'no') errors.push({ field: 'voicemail', message: 'Select whether we may leave a voicemail' });
  if (values.senderName.length > 60) errors.push({ field: 'senderName', message: 'Sender name must be 60 characters or fewer' });
  else if (/[<>"\r\n@]/.test(values.senderName)) errors.push({ field: 'senderName', message: 'Sender name must not contain < > " or @' });
  if (values.subject.length > 100) errors.push({ field: 'subject', message: 'Subject must be 100 characters or fewer' });
  if (values.envelopeName.length > 100) errors.push({ field: 'envelopeName', message: 'Name on envelopes must be 100 characters or fewer' });
  if (values.safeTimes.length > 200) errors.push({ field: 'safeTimes', message: 'Safe times must be 200 characters or fewer' });
  return { values, errors };
}

/** The contact safety form's values for saved settings (voicemail unanswered until they first save). */
export function contactFormValues(contact: ContactSafety & { saved: boolean }): ContactSafety & { voicemail: string } {
  return { ...contact, voicemail: contact.saved ? (contact.voicemailAllowed ? 'yes' : 'no') : '' };
}

/** A priority as the form shows it: its place as chosen (`rankValue`, "" for not ranked). */
export type PriorityFormItem = PriorityItem & { rankValue: string };

export function priorityFormItems(items: PriorityItem[]): PriorityFormItem[] {
  return items.map((i) => ({ ...i, rankValue: i.rank === null ? '' : String(i.rank) }));
}

/**
 * Reads a place (rank_<id>) and the person's own words (words_<id>) for each priority in the
 * catalogue. The places kept are in order but closed up: 1, 3, 4 become 1, 2, 3.
 */
export function readPrioritiesForm(body: unknown, catalogue: PriorityItem[]): { items: PriorityFormItem[]; ranked: RankedPriority[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Map<number, string>();
  const items = catalogue.map((c) => {
    const rankValue = text(body, `rank_${c.id}`);
    const ownWords = text(body, `words_${c.id}`);
    const rank = rankValue === '' ? null : Number(rankValue);
    if (rank !== null && (!Number.isInteger(rank) || rank < 1 || rank > catalogue.length)) {
      errors.push({ field: `rank_${c.id}`, message: `Choose a place from 1 to ${catalogue.length} for ${c.label}, or "Not ranked"` });
    } else if (rank !== null && seen.has(rank)) {
      errors.push({ field: `rank_${c.id}`, message: `${c.label} and ${seen.get(rank)} are both number ${rank}: give each a different place` });
    } else if (rank !== null) seen.set(rank, c.label);
    if (ownWords.length > 2000) errors.push({ field: `words_${c.id}`, message: `What you wrote about ${c.label} must be 2,000 characters or fewer` });
    if (ownWords && rank === null) errors.push({ field: `rank_${c.id}`, message: `Give ${c.label} a place, or remove what you wrote about it` });
    return { ...c, rank, rankValue, ownWords };
  });
  const ranked = items.filter((i) => i.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return { items, ranked: ranked.map((i, n) => ({ priorityId: i.id, rank: n + 1, ownWords: i.ownWords || null })), errors };
}

/** A previous name as typed. It is never put back into a form or a page. */
export function readPreviousNameForm(body: unknown): { name: string; errors: FieldError[] } {
  const name = text(body, 'previousName');
  if (!name) return { name, errors: [{ field: 'previousName', message: 'Enter a name you never want to see' }] };
  if (name.length > 200) return { name, errors: [{ field: 'previousName', message: 'The name must be 200 characters or fewer' }] };
  return { name, errors: [] };
}

export const PREVIOUS_NAME_REFUSALS: Record<PreviousNameRefusal, FieldError> = {
  'current-name': { field: 'previousName', message: 'That is part of the name you use now, so we cannot block it. Enter a name you no longer use' },
};
