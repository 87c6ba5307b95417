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

/** The drawing's own width: near a phone's, so its text is as large there as on a desktop. */
const WIDTH = 400;
const BAR_GAP = 6;
/**
 * A generous guess at a line of text's width: 0.65 em a character is wider than the average
 * character of Frutiger, Arial or the fallback fonts, so text measured by it never collides.
 */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.65);
}

/** Words in lines no wider than `width`, at most `lines` of them (the last ends in "…" when cut). */
export function wrapText(text: string, fontSize: number, width: number, lines = 2): string[] {
  const perLine = Math.max(4, Math.floor(width / (fontSize * 0.65)));
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      if (line) out.push(line);
      line = word.length > perLine ? truncate(word, perLine) : word;
    }
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = truncate(`${kept[lines - 1]!} …`, perLine);
    return kept;
  }
  return out;
}

/**
 * A bar chart with one bar per item. Horizontal: each label on its own line(s) above its bar and
 * the value after it, so labels never meet. Vertical (months): as many labels under the axis,
 * and values over the bars, as there is room for without touching; the table says them all.
 * A value that is not shown (fewer than 5) has no bar; horizontal charts say so in words.
 */
export function barChart(title: string, bars: Bar[], options: { max?: number; horizontal?: boolean } = {}): Chart {
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value ?? 0), 1);
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}`;
  const parts: string[] = [];
  const open = (height: number) => [`<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title" focusable="false">`, `<title id="${id}-title">${escapeXml(title)}</title>`];
  if (options.horizontal) {
    const LABEL = 16;
    const VALUE = 14;
    const BAR = 18;
    const room = Math.max(0, ...bars.filter((b) => b.value !== null).map((b) => textWidth(b.text, VALUE))) + 8;
    const barRoom = WIDTH - room;
    let y = 0;
    const rows: string[] = [];
    for (const bar of bars) {
      const lines = wrapText(bar.label, LABEL, WIDTH);
      lines.forEach((line, i) => rows.push(`<text x="0" y="${y + LABEL + i * (LABEL + 4)}" font-size="${LABEL}" fill="#212b32">${escapeXml(line)}</text>`));
      y += lines.length * (LABEL + 4) + 4;
      const w = bar.value === null ? 0 : Math.max(bar.value > 0 ? 2 : 0, Math.round((barRoom * bar.value) / max));
      if (w > 0) rows.push(`<rect x="0" y="${y}" width="${w}" height="${BAR}" fill="#005eb8"/>`);
      rows.push(`<text x="${w > 0 ? w + 6 : 0}" y="${y + BAR - 4}" font-size="${VALUE}" fill="#212b32">${escapeXml(bar.text)}</text>`);
      y += BAR + 14;
    }
    parts.push(...open(Math.max(y, 30)), ...rows, '</svg>');
  } else {
    const height = 240;
    const plot = height - 50;
    const slot = bars.length ? (WIDTH - 20) / bars.length : WIDTH;
    const barWidth = Math.max(2, slot - BAR_GAP);
    const FONT = 12;
    // Every `step`-th label, so that each has the room of `step` bars.
    const widest = Math.max(0, ...bars.map((b) => textWidth(b.label, FONT)));
    const step = Math.max(1, Math.ceil((widest + 6) / slot));
    const valuesFit = bars.every((b) => textWidth(b.text, FONT) + 2 <= slot);
    parts.push(...open(height));
    parts.push(`<line x1="10" y1="${plot + 10}" x2="${WIDTH - 10}" y2="${plot + 10}" stroke="#4c6272"/>`);
    bars.forEach((bar, i) => {
      const h = bar.value === null ? 0 : Math.round(((plot - 20) * bar.value) / max);
      const x = 10 + i * slot + BAR_GAP / 2;
      const middle = (x + barWidth / 2).toFixed(1);
      if (h > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${plot + 10 - h}" width="${barWidth.toFixed(1)}" height="${h}" fill="#005eb8"/>`);
      if (i % step === 0) {
        // Kept inside the drawing: the first and last labels may be wider than their bar.
        const half = textWidth(bar.label, FONT) / 2;
        const [at, anchor] = Number(middle) - half < 0 ? ['0', 'start'] : Number(middle) + half > WIDTH ? [String(WIDTH), 'end'] : [middle, 'middle'];
        parts.push(`<text x="${at}" y="${plot + 28}" text-anchor="${anchor}" font-size="${FONT}" fill="#212b32">${escapeXml(bar.label)}</text>`);
      }
      if (valuesFit && bar.value !== null) parts.push(`<text x="${middle}" y="${plot + 4 - h}" text-anchor="middle" font-size="${FONT}" fill="#212b32">${escapeXml(bar.text)}</text>`);
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
