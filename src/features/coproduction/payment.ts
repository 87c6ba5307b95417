// Paying for involvement time: what a piece of time is worth at the service's rates, and money
// in words. Pure; money is always integer pence.
import type { InvolvementPayment } from '../../platform/config.ts';

export const HALF_DAY_MINUTES = 4 * 60;

/**
 * Up to four hours: the hourly rate for the time given, never more than the half-day rate. More
 * than four hours: the day rate. Rounded to the nearest penny.
 */
export function timePence(minutes: number, rates: Pick<InvolvementPayment, 'hourPence' | 'halfDayPence' | 'dayPence'>): number {
  if (minutes <= 0) return 0;
  if (minutes > HALF_DAY_MINUTES) return rates.dayPence;
  return Math.min(Math.round((rates.hourPence * minutes) / 60), rates.halfDayPence);
}

/** 1234 → "12.34" (for CSV); never through floating point. */
export function poundsPlain(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const p = Math.abs(pence);
  return `${sign}${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

/** 1234 → "£12.34", 150000 → "£1,500.00" (for pages). */
export function pounds(pence: number): string {
  const [whole, part] = poundsPlain(pence).split('.');
  return `£${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${part}`;
}

/** "12", "12.5", "12.50", "£12.50" → pence; null when it is not an amount. */
export function readPounds(raw: string): number | null {
  const m = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(raw.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
