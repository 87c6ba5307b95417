// The public board's query: a theme to show (only a theme id counts) and the page.
import { UUID } from './ids.ts';

export function readBoardQuery(query: { theme?: string; page?: number }): { themeId: string | undefined; page: number } {
  return { themeId: query.theme && UUID.test(query.theme) ? query.theme : undefined, page: query.page ?? 1 };
}
