// Page data for moderation: the queue, and one piece of feedback to check before publishing.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { areaText } from '../choices.ts';
import { describeRemoved } from '../deidentify.ts';
import type { FeedbackListItem } from '../service/manage.ts';
import type { ToModerate } from '../service/moderation.ts';

export function moderationQueuePage(items: readonly FeedbackListItem[]) {
  return { pageTitle: 'Feedback waiting to be published', items: items.map((i) => ({ ...i, areaText: areaText(i.area) })) };
}

/** `publicText`: the words as the group member edited them (at first, the de-identified text). */
export function moderatePage(toModerate: ToModerate, values: { publicText?: string } = {}, errors: FieldError[] = []) {
  const { item, removed } = toModerate;
  return {
    pageTitle: 'Check feedback before it is published',
    item: { ...item, areaText: areaText(item.area) },
    removedText: describeRemoved(removed),
    values: { publicText: values.publicText ?? item.deidentified_text },
    ...formErrors(errors),
  };
}
