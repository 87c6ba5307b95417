// Accessible charts rendered on the server: an SVG picture (role="img", with a title and a
// description) that a table beside it says in full. No JavaScript, no external library.
import { escapeXml } from './atom.ts';

export interface Bar {
  label: string;
  /** null when the value is suppressed (a group smaller than 5) or unknown. */
  value: number | null;
  /** What the table and the bar's label say, e.g. "12", "fewer than 5", "42%". */
  text: string;
}

export interface Chart {
  title: string;
  svg: string;
  bars: Bar[];
}

const WIDTH = 640;
const BAR_GAP = 6;

/** A bar chart with one bar per item (vertical bars for up to 24 items, horizontal otherwise). */
export function barChart(title: string, bars: Bar[], options: { max?: number; horizontal?: boolean } = {}): Chart {
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value ?? 0), 1);
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}`;
  const parts: string[] = [];
  if (options.horizontal) {
    const rowHeight = 28;
    const labelWidth = 220;
    const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
    parts.push(`<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title" focusable="false">`, `<title id="${id}-title">${escapeXml(title)}</title>`);
    bars.forEach((bar, i) => {
      const y = i * rowHeight + 4;
      const w = bar.value === null ? 0 : Math.round(((WIDTH - labelWidth - 90) * bar.value) / max);
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="14" fill="#212b32">${escapeXml(truncate(bar.label, 30))}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="${bar.value === null ? '#aeb7bd' : '#005eb8'}"/>`,
        `<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="14" fill="#212b32">${escapeXml(bar.text)}</text>`,
      );
    });
    parts.push('</svg>');
  } else {
    const height = 240;
    const plot = height - 50;
    const slot = bars.length ? (WIDTH - 40) / bars.length : WIDTH;
    const barWidth = Math.max(4, slot - BAR_GAP);
    parts.push(`<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title" focusable="false">`, `<title id="${id}-title">${escapeXml(title)}</title>`);
    parts.push(`<line x1="20" y1="${plot + 10}" x2="${WIDTH - 20}" y2="${plot + 10}" stroke="#4c6272"/>`);
    bars.forEach((bar, i) => {
      const h = bar.value === null ? 0 : Math.round(((plot - 20) * bar.value) / max);
      const x = 20 + i * slot + BAR_GAP / 2;
      parts.push(`<rect x="${x.toFixed(1)}" y="${plot + 10 - h}" width="${barWidth.toFixed(1)}" height="${h}" fill="${bar.value === null ? '#aeb7bd' : '#005eb8'}"/>`);
      if (bars.length <= 12 || i % Math.ceil(bars.length / 12) === 0) {
        parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${plot + 28}" text-anchor="middle" font-size="12" fill="#212b32">${escapeXml(truncate(bar.label, 10))}</text>`);
      }
      if (bars.length <= 24) parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${plot + 4 - h}" text-anchor="middle" font-size="12" fill="#212b32">${escapeXml(truncate(bar.text, 8))}</text>`);
    });
    parts.push('</svg>');
  }
  return { title, svg: parts.join(''), bars };
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(month: string, short = false): string {
  const [y, m] = month.split('-');
  const name = MONTHS[Number(m) - 1] ?? month;
  return short ? `${name.slice(0, 3)} ${y?.slice(2)}` : `${name} ${y}`;
}

/** Every month from the first to the last (YYYY-MM), so gaps show as zero. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    if (months.length > 600) break;
  }
  return months;
}

/** Monthly counts as a trend: gaps filled with zero; rows for the table alternative. */
export function trendChart(monthly: Array<{ month: string; count: number }>, options: { title: string }): Chart & { rows: Array<{ month: string; label: string; count: number }> } {
  const byMonth = new Map(monthly.map((m) => [m.month, m.count]));
  const first = monthly[0]?.month;
  const last = monthly.at(-1)?.month;
  const months = first && last ? monthRange(first, last) : [];
  const rows = months.map((month) => ({ month, label: monthLabel(month), count: byMonth.get(month) ?? 0 }));
  const chart = barChart(options.title, rows.map((r) => ({ label: monthLabel(r.month, true), value: r.count, text: String(r.count) })));
  return { ...chart, rows };
}
