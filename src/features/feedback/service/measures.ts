// What /insights shows of the feedback loop (through index.ts): feedback received and closed,
// and the median days to a first response and to closure, read from their indexes.
import type { Conn } from '../../../platform/db/database.ts';
import * as items from '../repository/items.ts';

/** The median from the middle one or two values, to one decimal place. */
function middleOf(values: number[]): number | null {
  if (!values.length) return null;
  const value = values.length === 1 ? values[0]! : (values[0]! + values[1]!) / 2;
  return Math.round(value * 10) / 10;
}

/** Count and median of the days to a first response or to closure. */
export async function medianDays(db: Conn, column: items.DaysColumn): Promise<{ n: number; median: number | null }> {
  const { n, middle } = await items.middleDays(db, column);
  return { n, median: middleOf(middle) };
}

/** What /insights shows of the loop: feedback received and closed, and the median days to a first response and to closure. */
export async function feedbackFigures(db: Conn) {
  return { ...(await items.receivedAndClosed(db)), firstResponse: await medianDays(db, 'days_to_first_response'), closure: await medianDays(db, 'days_to_closure') };
}

export const feedbackWatermark = items.feedbackWatermark;
