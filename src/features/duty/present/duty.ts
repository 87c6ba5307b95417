// The duty pages' data: when, from where, and how long it has waited, in words.
import type { QueueItem } from '../service.ts';
import type { DutySource } from '../tables.ts';

export const SOURCE_LABELS: Record<DutySource, string> = {
  feedback: 'Feedback',
  'record-response': 'A person, beside their record',
};

export function whenText(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function statusText(item: QueueItem): { text: string; colour: 'red' | 'orange' | 'blue' | 'green' } {
  if (item.closedAt) return { text: 'Closed', colour: 'green' };
  if (item.takenAt) return { text: `Taken by ${item.takenBy ?? 'someone on duty'}`, colour: 'blue' };
  if (item.overdue) return { text: item.escalatedAt ? 'Not taken: escalated' : 'Not taken: overdue', colour: 'red' };
  return { text: 'New: not taken yet', colour: 'orange' };
}

export function queueRows(items: readonly QueueItem[], timeZone: string) {
  return items.map((item) => ({
    ...item,
    sourceText: SOURCE_LABELS[item.source],
    when: whenText(item.raisedAt, timeZone),
    status: statusText(item),
    waited: item.takenAt || item.closedAt ? '' : `${item.waitingMinutes} ${item.waitingMinutes === 1 ? 'minute' : 'minutes'} of opening time`,
  }));
}
