// Page data for the person's About me pages. Pure.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { CHANNELS, NOTICE_FREQUENCIES, type ContactSafety } from '../../accounts/index.ts';
import type { PriorityFormItem } from '../forms/about-me.ts';
import { COMMON_PRONOUNS, COMMUNICATION_NEEDS, pronounsText } from '../profile.ts';
import type { AboutMeSummary, ProtectedName } from '../service/about-me.ts';

export function pronounItems(selected: readonly string[]) {
  return [
    ...COMMON_PRONOUNS.map((p) => ({ value: p, text: p, checked: selected.includes(p) })),
    { divider: 'or' },
    { value: 'name-only', text: 'Name only, no pronouns', checked: selected.includes('name-only'), exclusive: true },
  ];
}

function needItems(selected: readonly string[]) {
  return Object.entries(COMMUNICATION_NEEDS).map(([value, label]) => ({ value, text: label, checked: selected.includes(value) }));
}

function channelItems(selected: readonly string[]) {
  return Object.entries(CHANNELS).map(([value, label]) => ({ value, text: label, checked: selected.includes(value) }));
}

export function mePage(summary: AboutMeSummary) {
  return {
    pageTitle: 'About me',
    about: summary.about,
    pronouns: pronounsText(summary.about),
    needLabels: COMMUNICATION_NEEDS,
    channelLabels: CHANNELS,
    frequencyLabels: NOTICE_FREQUENCIES,
    contact: summary.contact,
    ranked: summary.priorities.filter((p) => p.rank !== null),
    names: summary.names,
    awaitingReview: summary.awaitingReview,
  };
}

export function aboutFormPage(values: Record<string, unknown>, errors: FieldError[] = []) {
  return {
    pageTitle: 'Your name, pronouns and words',
    values,
    pronounItems: pronounItems((values.pronouns as string[]) ?? []),
    needItems: needItems((values.communicationNeeds as string[]) ?? []),
    ...formErrors(errors),
  };
}

export function contactFormPage(values: ContactSafety & { voicemail?: string }, errors: FieldError[] = []) {
  const frequencyItems = Object.entries(NOTICE_FREQUENCIES).map(([value, text]) => ({ value, text, checked: values.frequency === value }));
  return { pageTitle: 'How we may contact you', values, channelItems: channelItems(values.channels), frequencyItems, ...formErrors(errors) };
}

/** Each priority with a choice of place: not ranked, or 1 to the number of priorities. */
export function prioritiesPage(items: PriorityFormItem[], errors: FieldError[] = []) {
  return {
    pageTitle: 'What matters most to you',
    items: items.map((item) => ({
      ...item,
      rankItems: [
        { value: '', text: 'Not ranked', selected: item.rankValue === '' },
        ...items.map((_, i) => ({ value: String(i + 1), text: `Number ${i + 1}`, selected: item.rankValue === String(i + 1) })),
      ],
    })),
    ...formErrors(errors),
  };
}

/** The names protected, by when they were added: never the names themselves. */
export function previousNamesPage(names: ProtectedName[], errors: FieldError[] = []) {
  return { pageTitle: 'Names we must never use', names, ...formErrors(errors) };
}
