// What waits for someone: each feature says, through its index.ts, what waits for the signed-in
// account in its own part of the service (letters to review, corrections to answer, decisions
// open…); the home page lists them and the header navigation counts them. A feature reads only
// its own tables to answer; app.ts hands the answers to the pages that compose them.
import type { Db } from './db/database.ts';
import type { Actor } from './policy.ts';

export interface WaitingItem {
  /** The heading it is listed under on the home page ("Your record", "Your caseload"…). */
  group: string;
  /** What waits, in a sentence ("1 letter is waiting for you to review"). */
  text: string;
  /** Where to act on it. */
  href: string;
  /** How many things this stands for; counted in the header beside `nav`. */
  count: number;
  /** The header navigation item the count is added to, when there is one. */
  nav?: string;
  /** Something that waits on this account to act (counted in the header); otherwise news. */
  action: boolean;
  /**
   * What a screen reader hears after the navigation item's name ("3 unread"); without it the
   * header's count is for the eye only, and the home page says it in words.
   */
  spoken?: string;
  /** Counted in the header only: the home page lists these its own way (the notifications). */
  headerOnly?: boolean;
}

export type WhatWaits = (db: Db, actor: Actor) => Promise<WaitingItem[]>;

/** Everything that waits for the account, from every feature, in the order the features were given. */
export async function allWaiting(sources: readonly WhatWaits[], db: Db, actor: Actor): Promise<WaitingItem[]> {
  const lists = await Promise.all(sources.map((source) => source(db, actor)));
  return lists.flat().filter((item) => item.count > 0);
}

/** The header counts: things to act on, summed by navigation item, with what a screen reader hears of them. */
export function navigationCounts(items: readonly WaitingItem[]): Map<string, { count: number; spoken: string[] }> {
  const counts = new Map<string, { count: number; spoken: string[] }>();
  for (const item of items) {
    if (!item.action || !item.nav) continue;
    const entry = counts.get(item.nav) ?? { count: 0, spoken: [] };
    entry.count += item.count;
    if (item.spoken) entry.spoken.push(item.spoken);
    counts.set(item.nav, entry);
  }
  return counts;
}
