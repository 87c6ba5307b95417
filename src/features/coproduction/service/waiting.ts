// What waits in the coproduction workspace, for the home page and the header counts: open
// decisions (and whether this account has taken part), comments from the group that wait for a
// staff response (for staff), and meetings to come. Reads only this feature's tables.
import type { Db } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import type { WaitingItem } from '../../../platform/waiting.ts';
import * as decisions from '../repository/decisions.ts';
import * as meetings from '../repository/meetings.ts';
import * as proposals from '../repository/proposals.ts';

const NAV = '/coproduction/proposals';

export async function coproductionWaiting(db: Db, actor: Actor): Promise<WaitingItem[]> {
  const member = actor.roles.has('group');
  const staff = actor.roles.has('practitioner') || actor.roles.has('lead');
  if (!member && !staff) return [];
  const group = 'Coproduction';
  const items: WaitingItem[] = [];
  const open = await decisions.listDecisions(db, { status: 'open' });
  const notYet = member ? (await Promise.all(open.map(async (d) => ((await decisions.hasParticipated(db, d.id, actor.id)) ? null : d)))).filter((d) => d !== null) : [];
  if (member) {
    const only = notYet.length === 1 ? notYet[0]! : undefined;
    items.push({
      group,
      text: only ? `A decision is open for you to take part in: “${only.question}” (opened ${new Date(only.opened_at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/London' })})` : `${notYet.length} open decisions are waiting for you to take part`,
      href: only ? `/coproduction/proposals/${only.proposal_id}/decisions/${only.id}` : NAV,
      count: notYet.length,
      nav: NAV,
      action: true,
    });
  }
  const others = open.length - notYet.length;
  items.push({ group, text: `${others} ${others === 1 ? 'decision is' : 'decisions are'} open${member ? ' that you have taken part in' : ''}`, href: NAV, count: others, action: false });
  if (staff) {
    const waiting = (await proposals.commentsAwaitingResponse(db)).length;
    items.push({ group, text: `${waiting} ${waiting === 1 ? 'comment from the group waits' : 'comments from the group wait'} for a staff response`, href: '/coproduction/responses', count: waiting, nav: NAV, action: true });
  }
  const today = new Date().toISOString().slice(0, 10);
  const coming = (await meetings.listMeetings(db)).filter((m) => m.held_on >= today);
  const next = coming.at(-1);
  items.push({
    group,
    text: coming.length === 1 && next ? `Next meeting: “${next.title}”, ${new Date(next.held_on).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/London' })}` : `${coming.length} meetings are coming up`,
    href: coming.length === 1 && next ? `/coproduction/meetings/${next.id}` : '/coproduction/meetings',
    count: coming.length,
    action: false,
  });
  return items;
}
