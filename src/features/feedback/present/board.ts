// Page data for the public "You said, we did": the board with its theme filter, its Atom feed,
// and one entry's page.
import type { Config } from '../../../platform/config.ts';
import { atomFeed } from '../../../platform/formats/atom.ts';
import type { Board, BoardEntry, PublicEntry } from '../service/board.ts';
import { publicStatement } from '../statement.ts';

export function boardPage(board: Board, themeId: string | undefined) {
  return {
    pageTitle: 'You said, we did',
    entries: board.entries,
    total: board.total,
    page: board.page,
    hasNext: board.hasNext,
    themeId: themeId ?? '',
    themeName: board.themes.find((t) => t.id === themeId)?.name,
    themeItems: [{ value: '', text: 'All themes' }, ...board.themes.map((t) => ({ value: t.id, text: t.name, selected: t.id === themeId }))],
  };
}

export function boardFeedXml(entries: readonly BoardEntry[], themeId: string | undefined, config: Pick<Config, 'publicUrl' | 'serviceName'>): string {
  const base = config.publicUrl;
  return atomFeed({
    id: `${base}/you-said-we-did`,
    title: `You said, we did – ${config.serviceName}`,
    selfUrl: `${base}/you-said-we-did/feed.xml${themeId ? `?theme=${themeId}` : ''}`,
    siteUrl: `${base}/you-said-we-did`,
    updated: entries[0]?.closed_at ?? new Date(0).toISOString(),
    entries: entries.map((e) => ({
      id: `${base}/you-said-we-did/${e.id}`,
      title: e.title,
      url: `${base}/you-said-we-did/${e.id}`,
      published: e.closed_at ?? '',
      updated: e.closed_at ?? '',
      summary: publicStatement(e),
      author: config.serviceName,
    })),
  });
}

export function boardEntryPage(entry: PublicEntry) {
  return { pageTitle: entry.action.title, action: entry.action, themes: entry.themes, quotes: entry.quotes };
}
