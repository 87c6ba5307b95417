// About me as the person keeps it: their profile, what matters most to them (the priorities of
// care) and the names they never want to see, which are kept only as keyed hashes.
import { audit } from '../../../platform/audit.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, type Conn, type Db } from '../../../platform/db/database.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { loadContact, type ContactSafety } from '../../accounts/index.ts';
import { guardOwnWords } from '../../language/index.ts';
import { hashPreviousName } from '../names.ts';
import { avoidLines, type AboutMe, type AvoidWord } from '../profile.ts';
import * as repo from '../repository.ts';

/** JSON from a stored text column, or the fallback when it is missing or not valid JSON. */
export function parseJson<T>(raw: string | null | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export async function loadAboutMe(db: Conn, accountId: string): Promise<AboutMe | undefined> {
  const row = await repo.getAboutMe(db, accountId);
  if (!row) return undefined;
  return {
    nameToUse: row.name_to_use,
    pronouns: parseJson<string[]>(row.pronouns, []),
    nameOnly: row.name_only === 1,
    title: row.title ?? '',
    genderWords: parseJson<string[]>(row.gender_words, []),
    avoid: parseJson<AvoidWord[]>(row.avoid_words, []),
    communicationNeeds: parseJson<string[]>(row.communication_needs, []),
    communicationOther: row.communication_other ?? '',
    goals: row.goals ?? '',
    updatedAt: row.updated_at,
  };
}

/**
 * Saves the person's About me. Their own words in it (goals, what helps them communicate, words
 * to avoid) are guarded first: OwnPreviousName, and nothing stored, when one holds a name they
 * asked us to protect (`offered` has the fields by their form names, the name replaced).
 */
export async function saveAboutMe(db: Db, accountId: string, about: Omit<AboutMe, 'updatedAt'>): Promise<void> {
  await inTransaction(db, async (trx) => {
    await guardOwnWords(trx, accountId, { goals: about.goals, communicationOther: about.communicationOther, avoid: avoidLines(about.avoid) });
    await repo.saveAboutMe(trx, {
      account_id: accountId,
      name_to_use: about.nameToUse,
      pronouns: JSON.stringify(about.pronouns),
      name_only: about.nameOnly ? 1 : 0,
      title: about.title || null,
      gender_words: JSON.stringify(about.genderWords),
      avoid_words: JSON.stringify(about.avoid),
      communication_needs: JSON.stringify(about.communicationNeeds),
      communication_other: about.communicationOther || null,
      goals: about.goals || null,
    });
    await audit(trx, { actorId: accountId, action: 'about-me.save', subject: accountId });
  });
}

/** Everything the person's About me page shows. */
export interface AboutMeSummary {
  about: AboutMe | undefined;
  contact: ContactSafety & { saved: boolean };
  priorities: PriorityItem[];
  names: ProtectedName[];
  /** Letters in their record waiting for them to review. */
  awaitingReview: number;
}

export async function aboutMeSummary(db: Db, accountId: string): Promise<AboutMeSummary> {
  const [about, contact, priorities, names, counts] = await Promise.all([
    loadAboutMe(db, accountId),
    loadContact(db, accountId),
    loadPriorities(db, accountId),
    listProtectedNames(db, accountId),
    repo.countEntries(db, accountId),
  ]);
  return { about, contact, priorities, names, awaitingReview: counts.awaitingReview };
}

// ---------------------------------------------------------------------------------------------
// Priorities of care

export interface PriorityItem {
  id: string;
  label: string;
  description: string;
  rank: number | null;
  ownWords: string;
}

/** The catalogue with this person's ranks and words: ranked first, in their order. */
export async function loadPriorities(db: Conn, accountId: string): Promise<PriorityItem[]> {
  const [catalogue, mine] = await Promise.all([repo.listCatalogue(db), repo.listPersonPriorities(db, accountId)]);
  const byId = new Map(mine.map((m) => [m.priority_id, m]));
  const items = catalogue.map((c) => ({ id: c.id, label: c.label, description: c.description, rank: byId.get(c.id)?.rank ?? null, ownWords: byId.get(c.id)?.own_words ?? '' }));
  return items.sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
}

export interface RankedPriority {
  priorityId: string;
  rank: number;
  ownWords: string | null;
}

/** Saves what matters most; OwnPreviousName (nothing stored) when their words on one (`words_<id>` in `offered`) hold a protected name. */
export async function savePriorities(db: Db, accountId: string, items: RankedPriority[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    await guardOwnWords(trx, accountId, Object.fromEntries(items.map((i) => [`words_${i.priorityId}`, i.ownWords])));
    await repo.replacePersonPriorities(trx, accountId, items);
    await audit(trx, { actorId: accountId, action: 'priorities.save', subject: accountId, detail: { ranked: items.length } });
  });
}

// ---------------------------------------------------------------------------------------------
// Previous names: only keyed hashes are kept; the readable name never leaves addPreviousName.

/** `current-name`: every word of it is in the name they use now, so nothing would be left to block. */
export type PreviousNameRefusal = 'current-name';

export interface ProtectedName {
  id: string;
  addedAt: string;
}

export async function addPreviousName(db: Db, config: Config, accountId: string, displayName: string, previousName: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const about = await loadAboutMe(trx, accountId);
    const hashed = hashPreviousName(config.secret, previousName, about?.nameToUse || displayName);
    if (!hashed) throw new Refusal<PreviousNameRefusal>('current-name');
    const id = await repo.addPreviousName(trx, {
      account_id: accountId,
      sequence_hashes: JSON.stringify(hashed.sequenceHashes),
      word_hashes: JSON.stringify(hashed.wordHashes),
      max_words: hashed.maxWords,
    });
    await audit(trx, { actorId: accountId, action: 'previous-name.add', subject: accountId, detail: { id } });
  });
}

/** Stops protecting one of the account's own names; NotFoundError for any other id. */
export async function removePreviousName(db: Db, accountId: string, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await repo.removePreviousName(trx, accountId, id))) throw new NotFoundError('Not found');
    await audit(trx, { actorId: accountId, action: 'previous-name.remove', subject: accountId, detail: { id } });
  });
}

export async function listProtectedNames(db: Conn, accountId: string): Promise<ProtectedName[]> {
  return (await repo.listPreviousNames(db, accountId)).map((r) => ({ id: r.id, addedAt: r.created_at }));
}

/**
 * How this account asked to read pages, from About me's communication needs: large print makes
 * every page's text larger (they change it by changing About me); easy read offers the easy-read
 * pages. Nothing for an account without About me.
 */
export async function readingNeeds(db: Conn, actor: { id: string; roles: ReadonlySet<string> }): Promise<{ largePrint: boolean; easyRead: boolean }> {
  if (!actor.roles.has('person')) return { largePrint: false, easyRead: false };
  const about = await loadAboutMe(db, actor.id);
  const needs = about?.communicationNeeds ?? [];
  return { largePrint: needs.includes('large-print'), easyRead: needs.includes('easy-read') };
}
