// Page data for themes: the list with the suggestions' record, and one theme with its trend
// (a chart and the same figures as a table), actions, recent feedback and the proposal form.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { trendChart } from '../../../platform/formats/charts.ts';
import type { ProposalValues, ThemeValues } from '../forms/themes.ts';
import type { ThemeDetail, ThemesOverview } from '../service/themes.ts';

export function themesPage(overview: ThemesOverview, values: Partial<ThemeValues> = {}, errors: FieldError[] = []) {
  return { pageTitle: 'Themes', themes: overview.themes, acceptance: overview.acceptance, values, ...formErrors(errors) };
}

export function themePage(detail: ThemeDetail, proposal: { values?: ProposalValues; errors?: FieldError[] } = {}) {
  const { theme, monthly } = detail;
  const chart = trendChart(monthly, { title: `Feedback about ${theme.name}, by month` });
  return {
    pageTitle: theme.name,
    theme,
    total: monthly.reduce((s, m) => s + m.count, 0),
    monthly: chart.rows,
    chart,
    items: detail.items,
    actions: detail.actions,
    proposalValues: proposal.values ?? { title: theme.name, problem: '', idea: '' },
    ...formErrors(proposal.errors ?? []),
  };
}
