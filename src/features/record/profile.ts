// About me as the person sees it, and the checks on what they send. Pure: no database.
import type { FieldError } from '../../platform/forms.ts';
import { list, text } from '../../platform/forms.ts';
import { CHANNELS, type ContactSafety } from '../accounts/index.ts';

export const COMMON_PRONOUNS = ['he/him', 'she/her', 'they/them', 'xe/xem', 'ze/hir', 'ey/em', 'fae/faer'] as const;

export const COMMUNICATION_NEEDS: Record<string, string> = {
  'easy-read': 'Easy read',
  'large-print': 'Large print',
  interpreter: 'An interpreter',
  bsl: 'British Sign Language (BSL)',
  other: 'Something else',
};

export interface AvoidWord {
  word: string;
  instead: string[];
}

export interface AboutMe {
  nameToUse: string;
  pronouns: string[];
  nameOnly: boolean;
  title: string;
  genderWords: string[];
  avoid: AvoidWord[];
  communicationNeeds: string[];
  communicationOther: string;
  goals: string;
  updatedAt: string | null;
}

/** How pronouns read in a sentence: "they/them and xe/xem", or "Name only, no pronouns". */
export function pronounsText(about: Pick<AboutMe, 'pronouns' | 'nameOnly'> | undefined): string {
  if (!about) return 'Not given';
  if (about.nameOnly) return 'Name only, no pronouns';
  if (!about.pronouns.length) return 'Not given';
  return about.pronouns.join(', ');
}

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

export function avoidLines(items: AvoidWord[]): string {
  return items.map((a) => (a.instead.length ? `${a.word} = ${a.instead.join(', ')}` : a.word)).join('\n');
}

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
  };
  const errors: FieldError[] = [];
  const voicemail = text(body, 'voicemail');
  if (voicemail !== 'yes' && voicemail !== 'no') errors.push({ field: 'voicemail', message: 'Select whether we may leave a voicemail' });
  if (values.senderName.length > 60) errors.push({ field: 'senderName', message: 'Sender name must be 60 characters or fewer' });
  else if (/[<>"\r\n@]/.test(values.senderName)) errors.push({ field: 'senderName', message: 'Sender name must not contain < > " or @' });
  if (values.subject.length > 100) errors.push({ field: 'subject', message: 'Subject must be 100 characters or fewer' });
  if (values.envelopeName.length > 100) errors.push({ field: 'envelopeName', message: 'Name on envelopes must be 100 characters or fewer' });
  if (values.safeTimes.length > 200) errors.push({ field: 'safeTimes', message: 'Safe times must be 200 characters or fewer' });
  return { values, errors };
}
