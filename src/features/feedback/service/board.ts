// The public "You said, we did": closed actions with their statements, newest first, by theme,
// for the board, its Atom feed and each entry's page (with the approved words people gave).
import type { Db } from '../../../platform/db/database.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import * as actions from '../repository/actions.ts';
import * as board from '../repository/board.ts';
import * as themes from '../repository/themes.ts';

const PAGE_SIZE = 20;
const FEED_SIZE = 50;

export type BoardEntry = Awaited<ReturnType<typeof board.publicBoard>>[number];
type ThemeName = { id: string; name: string };

export interface Board {
  entries: Array<BoardEntry & { themes: ThemeName[] }>;
  total: number;
  page: number;
  hasNext: boolean;
  /** Every theme, for choosing one. */
  themes: Awaited<ReturnType<typeof themes.themeNames>>;
}

export async function publicBoard(db: Db, options: { themeId?: string; page: number }): Promise<Board> {
  const { themeId, page } = options;
  const [entries, total, names] = await Promise.all([
    board.publicBoard(db, { themeId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    board.countPublicBoard(db, themeId),
    themes.themeNames(db),
  ]);
  const entryThemes = await board.themesForActions(db, entries.map((e) => e.id));
  return {
    entries: entries.map((e) => ({ ...e, themes: entryThemes.filter((t) => t.action_id === e.id) })),
    total,
    page,
    hasNext: page * PAGE_SIZE < total,
    themes: names,
  };
}

/** The newest entries, for the Atom feed. */
export async function boardFeed(db: Db, themeId?: string): Promise<BoardEntry[]> {
  return board.publicBoard(db, { themeId, limit: FEED_SIZE });
}

export interface PublicEntry {
  action: actions.ActionRow;
  themes: ThemeName[];
  /** Approved, de-identified words of the people who spoke. */
  quotes: Awaited<ReturnType<typeof board.publishedQuotes>>;
}

/** A closed action's public page; an open one is not public. */
export async function boardEntry(db: Db, id: string): Promise<PublicEntry> {
  const action = await actions.getAction(db, id);
  if (!action || !action.closed_at) throw new NotFoundError();
  const [linkedThemes, quotes] = await Promise.all([actions.actionThemes(db, action.id), board.publishedQuotes(db, action.id)]);
  return { action, themes: linkedThemes, quotes };
}
