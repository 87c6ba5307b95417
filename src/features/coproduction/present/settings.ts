// Page data for "Your updates": the member's digest and immediate-mail choices, their involvement
// time, and for the lead the lived-experience quorum. Pure.
import type { FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import type { Digest } from '../service/digests.ts';
import type { SettingsView } from '../service/settings.ts';
import { errorData, subNav } from './common.ts';

/** What was typed, when the page is shown again: the digest and immediate choices, or the quorum. */
export interface SettingsForm {
  values?: { digest?: string; minGroup?: string; minSharePercent?: string };
  immediate?: string[];
  errors?: FieldError[];
}

export function settingsPage(view: SettingsView, muted: Array<{ proposalId: string; title: string }>, actor: Actor, form: SettingsForm = {}) {
  const pref = view.preference;
  const digest = form.values?.digest ?? pref?.digest ?? 'weekly';
  const chosen = form.immediate ?? [...(pref?.immediate_replies ? ['replies'] : []), ...(pref?.immediate_decisions ? ['decisions'] : [])];
  return {
    pageTitle: 'Your coproduction updates',
    subNav: subNav('/coproduction/settings', actor),
    digestItems: [
      { value: 'daily', text: 'Daily: one email a day at most, when something happened', checked: digest === 'daily' },
      { value: 'weekly', text: 'Weekly: one email a week at most', checked: digest === 'weekly' },
      { value: 'none', text: 'No digest', checked: digest === 'none' },
    ],
    immediateItems: [
      { value: 'replies', text: 'When someone replies to my comment', checked: chosen.includes('replies') },
      { value: 'decisions', text: 'When a decision opens', checked: chosen.includes('decisions') },
    ],
    isLead: actor.roles.has('lead'),
    involvement: view.involvement,
    muted,
    quorum: form.values?.minGroup !== undefined ? { minGroup: form.values.minGroup, minSharePercent: form.values.minSharePercent } : view.quorum,
    ...errorData(form.errors),
  };
}

/** "Your digest": what needs the member first (decisions waiting for them, replies to them), then what happened. */
export function digestPage(digest: Digest, actor: Actor) {
  return {
    pageTitle: 'Your digest',
    subNav: subNav('/coproduction/digest', actor),
    since: digest.since,
    decisions: digest.decisions.map((d) => ({ ...d, href: `/coproduction/proposals/${d.proposalId}/decisions/${d.decisionId}` })),
    replies: digest.replies.map((r) => ({ ...r, href: `/coproduction/proposals/${r.proposalId}#comment-${r.commentId}` })),
    happened: digest.happened.map((h) => ({ ...h, href: `/coproduction/proposals/${h.proposalId}`, words: `${h.count} ${h.count === 1 ? 'update' : 'updates'}` })),
    needsYou: digest.decisions.length + digest.replies.length,
  };
}
