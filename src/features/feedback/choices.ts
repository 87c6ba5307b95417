// The fixed choices feedback offers: how someone's experience was, what it is about, how they
// want to hear back, and where an open action stands. Pure data, for forms, services and pages.

export const RATINGS = [
  { value: 'very-good', text: 'Very good' },
  { value: 'good', text: 'Good' },
  { value: 'neither', text: 'Neither good nor poor' },
  { value: 'poor', text: 'Poor' },
  { value: 'very-poor', text: 'Very poor' },
  { value: 'dont-know', text: "Don't know" },
] as const;

export const AREAS = [
  { value: 'first-contact', text: 'Getting in touch or being referred' },
  { value: 'waiting', text: 'Waiting for an appointment' },
  { value: 'appointments', text: 'Appointments and assessments' },
  { value: 'hormones', text: 'Hormones and prescriptions' },
  { value: 'letters', text: 'Letters and communication' },
  { value: 'language', text: 'The words we use' },
  { value: 'website', text: 'This website' },
  { value: 'other', text: 'Something else' },
] as const;

export type ReplyChannel = 'email' | 'phone' | 'account';

/** Where an open action stands (a closed one is done or not-done). */
export const ACTION_STATUSES = [
  { value: 'open', text: 'Not started' },
  { value: 'in-progress', text: 'In progress' },
] as const;

export type ActionStatus = (typeof ACTION_STATUSES)[number]['value'];

export const ratingText = (value: string | null): string => RATINGS.find((r) => r.value === value)?.text ?? 'No rating given';
export const areaText = (value: string): string => AREAS.find((a) => a.value === value)?.text ?? value;
