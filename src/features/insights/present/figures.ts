// The figures as the page shows them: each with its accessible SVG chart (or none).
import { barChart } from '../../../platform/formats/charts.ts';
import type { Figure } from '../figures.ts';

export function withCharts(figures: readonly Figure[]) {
  return figures.map((f) => ({
    ...f,
    svg: f.chart === 'none' ? '' : barChart(f.title, f.bars, { horizontal: f.chart === 'horizontal', ...(f.percent ? { max: 100 } : {}) }).svg,
  }));
}
