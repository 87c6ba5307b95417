// Page data for searching the workspace. Pure.
import { routePolicies, type Actor } from '../../../platform/policy.ts';
import type { WorkspaceResults } from '../service/search.ts';
import { subNav } from './common.ts';

/** What this searcher can find, in words (the same rules as service/search.ts). */
export function searchable(actor: Actor | null): string {
  if (routePolicies['group-or-staff'](actor)) return 'proposals, documents being written, published pages and news';
  if (routePolicies['signed-in'](actor)) return 'proposals, published pages and news';
  return 'published pages and news';
}

export function searchPage(actor: Actor | null, q: string, results: WorkspaceResults | null) {
  return {
    pageTitle: q ? `Search: “${q}”` : 'Search',
    subNav: routePolicies['signed-in'](actor) ? subNav('/coproduction/search', actor) : null,
    q,
    results,
    found: results ? results.pages.length + results.proposals.length + results.drafts.length : 0,
    what: searchable(actor),
  };
}
