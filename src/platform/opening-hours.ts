// The service's opening hours, for timers that should count only while someone is there to act
// (a duty alert escalates after 15 minutes of opening time, not 15 minutes of a night). Written
// as `Mon-Fri 09:00-17:00` (several parts separated by `;`, e.g. `Mon-Fri 09:00-17:00; Sat
// 10:00-13:00`), or `always`, in the service's time zone (Europe/London by default).

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface OpeningHours {
  timeZone: string;
  /** For each day (0 = Sunday), the open spans in minutes from local midnight; empty when closed. */
  spans: Array<Array<[number, number]>>;
  always: boolean;
  text: string;
}

export class OpeningHoursError extends Error {
  override name = 'OpeningHoursError';
}

function dayIndex(name: string): number {
  const i = DAYS.findIndex((d) => d.toLowerCase() === name.slice(0, 3).toLowerCase());
  if (i < 0) throw new OpeningHoursError(`"${name}" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun`);
  return i;
}

function minutes(clock: string): number {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!m || (m[1] === '24' && m[2] !== '00')) throw new OpeningHoursError(`"${clock}" is not a time: use 24-hour times like 09:00 or 17:30`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function parseOpeningHours(text: string, timeZone = 'Europe/London'): OpeningHours {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new OpeningHoursError(`"${timeZone}" is not a time zone, like Europe/London`);
  }
  const spans: Array<Array<[number, number]>> = DAYS.map(() => []);
  if (text.trim().toLowerCase() === 'always') return { timeZone, spans: DAYS.map(() => [[0, 1440]]), always: true, text: 'always' };
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) throw new OpeningHoursError(`"${part}" should look like "Mon-Fri 09:00-17:00"`);
    const first = dayIndex(m[1]!);
    const last = m[2] ? dayIndex(m[2]) : first;
    const [from, to] = [minutes(m[3]!), minutes(m[4]!)];
    if (to <= from) throw new OpeningHoursError(`"${part}": the closing time must be after the opening time`);
    for (let d = first; ; d = (d + 1) % 7) {
      spans[d]!.push([from, to]);
      if (d === last) break;
    }
  }
  if (spans.every((s) => !s.length)) throw new OpeningHoursError('give at least one day and time, like "Mon-Fri 09:00-17:00", or "always"');
  return { timeZone, spans, always: false, text };
}

/** The local day of the week and minute of the day of a moment, in the time zone. */
function localTime(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: DAYS.indexOf(get('weekday') as (typeof DAYS)[number]), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function isOpen(hours: OpeningHours, at: Date): boolean {
  if (hours.always) return true;
  const { day, minute } = localTime(at, hours.timeZone);
  return hours.spans[day]!.some(([from, to]) => minute >= from && minute < to);
}

/** How many minutes of opening time lie between two moments (a minute at a time, at most a fortnight). */
export function openMinutesBetween(hours: OpeningHours, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (hours.always) return Math.floor((to.getTime() - from.getTime()) / 60_000);
  const limit = Math.min(to.getTime(), from.getTime() + 14 * 86_400_000);
  let open = 0;
  for (let t = from.getTime(); t + 60_000 <= limit; t += 60_000) if (isOpen(hours, new Date(t))) open += 1;
  return open;
}
