// Page data for a signed-in account's home page: what waits for them, grouped under the part of
// the service it is in, things to act on first. Pure.
import type { Actor } from '../../platform/policy.ts';
import type { WaitingItem } from '../../platform/waiting.ts';
import type { InAppNotice } from '../accounts/index.ts';

/** Where each role starts, when nothing waits (or to go on from what does). */
const STARTS: Record<string, Array<{ href: string; text: string }>> = {
  person: [{ href: '/me', text: 'About me' }, { href: '/me/record', text: 'My record' }, { href: '/me/access-log', text: 'Who has looked at my record' }],
  practitioner: [{ href: '/people', text: 'The people on your caseload' }, { href: '/feedback/manage', text: 'Feedback' }],
  group: [{ href: '/coproduction/proposals', text: 'Proposals and decisions' }, { href: '/coproduction/meetings', text: 'Meetings' }, { href: '/feedback/moderation', text: 'Feedback to check before it is published' }],
  lead: [{ href: '/admin/accounts', text: 'Accounts and invitations' }, { href: '/admin/outbox', text: 'Outbox' }, { href: '/admin/caseloads', text: 'Caseloads' }],
  duty: [{ href: '/duty', text: 'The duty queue' }],
};

export function homePage(actor: Actor, waiting: readonly WaitingItem[], notices: { notices: InAppNotice[]; unread: number; total: number } = { notices: [], unread: 0, total: 0 }) {
  const shown = waiting.filter((w) => w.count > 0 && !w.headerOnly);
  const groups: Array<{ heading: string; items: WaitingItem[] }> = [];
  for (const item of [...shown.filter((w) => w.action), ...shown.filter((w) => !w.action)]) {
    let group = groups.find((g) => g.heading === item.group);
    if (!group) groups.push((group = { heading: item.group, items: [] }));
    group.items.push(item);
  }
  const toDo = shown.filter((w) => w.action).reduce((sum, w) => sum + w.count, 0);
  const seen = new Set<string>();
  const starts = [...actor.roles].flatMap((role) => STARTS[role] ?? []).filter((l) => (seen.has(l.href) ? false : (seen.add(l.href), true)));
  return {
    pageTitle: 'Your home page',
    heading: 'Your home page',
    summary: toDo === 0 ? 'Nothing is waiting for you to do.' : `${toDo} ${toDo === 1 ? 'thing is' : 'things are'} waiting for you.`,
    groups,
    starts,
    notices: notices.notices,
    unreadNotices: notices.unread,
    noticesSummary: notices.unread === 0 ? 'No unread notifications.' : `${notices.unread} unread ${notices.unread === 1 ? 'notification' : 'notifications'}.`,
  };
}
