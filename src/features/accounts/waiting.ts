// What waits in accounts, for the home page and the header counts: every account's unread
// notifications (counted in the header; the home page lists them its own way), and for the service
// lead, invitations nobody has accepted yet and mail that did not go.
import type { Db } from '../../platform/db/database.ts';
import { undeliveredCount } from '../../platform/mail/outbox.ts';
import type { Actor } from '../../platform/policy.ts';
import type { WaitingItem } from '../../platform/waiting.ts';
import { unreadNoticeCount } from './notices.ts';
import { listInvitations } from './repository.ts';

export async function accountsWaiting(db: Db, actor: Actor): Promise<WaitingItem[]> {
  const unread = await unreadNoticeCount(db, actor.id);
  const notices: WaitingItem = {
    group: 'Your notifications', text: `${unread} unread ${unread === 1 ? 'notification' : 'notifications'}`, href: '/notifications', count: unread, nav: '/notifications', action: true, spoken: `${unread} unread`, headerOnly: true,
  };
  if (!actor.roles.has('lead')) return [notices];
  const now = new Date().toISOString();
  const [invitations, undelivered] = await Promise.all([listInvitations(db), undeliveredCount(db)]);
  const open = invitations.filter((i) => !i.accepted_at && i.expires_at > now).length;
  const lapsed = invitations.filter((i) => !i.accepted_at && i.expires_at <= now).length;
  const group = 'Accounts and mail';
  return [
    notices,
    { group, text: `${undelivered} ${undelivered === 1 ? 'message has' : 'messages have'} not been delivered`, href: '/admin/outbox', count: undelivered, nav: '/admin/outbox', action: true },
    { group, text: `${lapsed} ${lapsed === 1 ? 'invitation ran' : 'invitations ran'} out before being accepted`, href: '/admin/accounts', count: lapsed, nav: '/admin/accounts', action: true },
    { group, text: `${open} ${open === 1 ? 'invitation is' : 'invitations are'} waiting to be accepted`, href: '/admin/accounts', count: open, action: false },
  ];
}
