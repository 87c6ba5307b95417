// The public language guide's page data: the entries in force, grouped by category.
import type { GuideEntry } from '../engine/index.ts';
import type { GuideRow } from '../repository.ts';
import { CATEGORY_LABELS } from '../service.ts';

export function guideGroups(rows: readonly GuideRow[]) {
  const active = rows.filter((r) => r.active).map((r) => r.entry);
  return (Object.keys(CATEGORY_LABELS) as Array<GuideEntry['category']>).map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    entries: active.filter((e) => e.category === category).map((e) => ({ ...e, shownTerms: e.terms.slice(0, 6) })),
  }));
}
