// A person's safe times ("weekdays 10am to 3pm"), as opening hours the outbox can hold a text
// to. Written in their own words, so read generously: days (weekdays, weekends, every day, or
// Mon-Fri), then a span of times (10am to 3pm, 10:00-15:00, 6pm until 9pm). Words that cannot be
// read hold texts to the service's own opening hours, never to any time at all.
import type { Config } from '../../platform/config.ts';

function clock(hour: string, minute: string | undefined, half: string | undefined): number | null {
  let h = Number(hour);
  const m = minute ? Number(minute) : 0;
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  if (h > 24 || m > 59) return null;
  return h * 60 + m;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The safe times as opening hours (`Mon-Fri 10:00-15:00`); null when none were given. */
export function safeWindow(text: string | null | undefined, config: Pick<Config, 'openingHours'>): string | null {
  const words = (text ?? '').trim().toLowerCase();
  if (!words) return null;
  const days = /weekend/.test(words) ? 'Sat-Sun' : /every ?day|daily|any day|7 days/.test(words) ? 'Mon-Sun' : /(mon)[a-z]*\s*(?:-|to)\s*(fri|sat|sun|thu|wed|tue)/.exec(words) ? `Mon-${/(?:-|to)\s*(fri|sat|sun|thu|wed|tue)/.exec(words)?.[1]?.replace(/^./, (c) => c.toUpperCase()) ?? 'Fri'}` : /weekday|mon|week/.test(words) ? 'Mon-Fri' : 'Mon-Sun';
  const span = /(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*(?:-|–|to|until|till|and)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?/.exec(words);
  if (span) {
    const toHalf = span[6];
    const from = clock(span[1] as string, span[2], span[3] ?? (toHalf === 'pm' && Number(span[1]) < Number(span[4]) ? 'pm' : toHalf === 'am' ? 'am' : undefined));
    const to = clock(span[4] as string, span[5], toHalf);
    if (from !== null && to !== null && to > from) return `${days} ${hhmm(from)}-${hhmm(to)}`;
  }
  return config.openingHours.text;
}
