// About me as the person says it: the name to use, pronouns, title, words that fit and words to
// avoid, what helps them communicate, their goals. Pure: no database. (The form that reads it is
// forms/about-me.ts.)

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

/** The words to avoid as the person writes them: "word = instead, instead", one a line. */
export function avoidLines(items: AvoidWord[]): string {
  return items.map((a) => (a.instead.length ? `${a.word} = ${a.instead.join(', ')}` : a.word)).join('\n');
}

/** How pronouns read in a sentence: "they/them and xe/xem", or "Name only, no pronouns". */
export function pronounsText(about: Pick<AboutMe, 'pronouns' | 'nameOnly'> | undefined): string {
  if (!about) return 'Not given';
  if (about.nameOnly) return 'Name only, no pronouns';
  if (!about.pronouns.length) return 'Not given';
  return about.pronouns.join(', ');
}
