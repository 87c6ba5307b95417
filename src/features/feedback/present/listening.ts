// Page data for the public feedback form and the thank-you page.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { AREAS, RATINGS, type ReplyChannel } from '../choices.ts';
import type { FeedbackValues } from '../forms/listening.ts';

export function feedbackFormPage(values: FeedbackValues, signedIn: boolean, errors: FieldError[] = []) {
  return { pageTitle: 'Tell us what you think', values, signedIn, ratings: RATINGS, areas: AREAS, ...formErrors(errors) };
}

/** `risk`: the feedback suggested risk, so the page shows crisis support first. */
export function thanksPage(risk: boolean, replyChannel: ReplyChannel | null) {
  return { pageTitle: 'Thank you for your feedback', risk, replyChannel };
}
