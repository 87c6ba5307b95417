// Page data for actions: the open and closed lists, starting one, and one action with its
// update form and the statement that closes it.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { ACTION_STATUSES } from '../choices.ts';
import type { CloseValues } from '../forms/actions.ts';
import type { ActionDetail, ActionLists, ActionOptions } from '../service/actions.ts';

export function actionsPage(lists: ActionLists, today: string) {
  return { pageTitle: 'Actions', open: lists.open, closed: lists.closed, today };
}

/** `values`: what was typed (or, at first, the theme and feedback the action starts from). */
export function newActionPage(options: ActionOptions, values: { ownerId?: string; themeIds?: string[]; feedbackIds?: string[] } & Record<string, unknown>, errors: FieldError[] = []) {
  const themeIds = values.themeIds ?? [];
  return {
    pageTitle: 'New action',
    values,
    ownerItems: [{ value: '', text: 'Choose who owns it' }, ...options.owners.map((o) => ({ value: o.id, text: o.displayName, selected: values.ownerId === o.id }))],
    themeItems: options.themes.map((t) => ({ value: t.id, text: t.name, checked: themeIds.includes(t.id) })),
    ...formErrors(errors),
  };
}

/** `values`: the closing statement as typed; at first, "You said" starts from the action's themes. */
export function actionPage(detail: ActionDetail, values: Partial<CloseValues> = {}, errors: FieldError[] = []) {
  const { action, themes } = detail;
  const due = action.due_date ? action.due_date.split('-') : [];
  return {
    pageTitle: action.title,
    action,
    themes,
    items: detail.items,
    counts: detail.counts,
    statuses: ACTION_STATUSES.map((s) => ({ ...s, selected: s.value === action.status })),
    ownerItems: detail.owners.map((o) => ({ value: o.id, text: o.displayName, selected: o.id === action.owner_id })),
    due: { year: due[0] ?? '', month: due[1] ?? '', day: due[2] ?? '' },
    values: { youSaid: values.youSaid ?? (themes.length ? `We needed to do something about ${themes.map((t) => t.name.toLowerCase()).join(' and ')}.` : ''), ...values },
    ...formErrors(errors),
  };
}
