// The insight figures, each computed by a pure function from plain data, so every number can be
// checked against a dataset worked by hand (figures.test.ts). Small groups are suppressed
// (k-anonymity, k = 5): a count from 1 to 4 reads "fewer than 5", and when only one cell of a
// distribution would be hidden the next smallest is hidden too, so no one can subtract their
// way back to it from the total.
import { LEVELS, LEVEL_LABELS, type ParticipationLevel } from '../coproduction/index.ts';
import type { Bar } from '../../platform/formats/charts.ts';

export const K = 5;

export type Cell = string | number | null;

export interface Figure {
  id: string;
  title: string;
  /** One or two sentences saying what the figure means and how it is counted. */
  description: string;
  /** The headline, e.g. "62% of decisions"; absent when there is nothing to say. */
  headline?: string;
  columns: string[];
  /** As shown and downloaded: suppressed cells say "fewer than 5" or "not shown". */
  rows: Cell[][];
  /** For the chart: label, value (null when suppressed) and text. */
  bars: Bar[];
  chart: 'bars' | 'horizontal' | 'none';
  /** Percentages: the chart's scale runs to 100. */
  percent?: boolean;
  suppressed: boolean;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

export interface ShownCell {
  value: number | null;
  text: string;
}

/** Counts with small cells hidden and, when needed, one more so the hidden one cannot be worked out. */
export function suppressDistribution(counts: readonly number[]): { cells: ShownCell[]; total: ShownCell; suppressed: boolean } {
  const total = counts.reduce((s, n) => s + n, 0);
  if (total > 0 && total < K) {
    return { cells: counts.map((n) => (n === 0 ? { value: 0, text: '0' } : { value: null, text: `fewer than ${K}` })), total: { value: null, text: `fewer than ${K}` }, suppressed: true };
  }
  const hidden = new Set(counts.map((n, i) => (n > 0 && n < K ? i : -1)).filter((i) => i >= 0));
  if (hidden.size === 1) {
    const next = counts
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => n > 0 && !hidden.has(i))
      .sort((a, b) => a.n - b.n)[0];
    if (next) hidden.add(next.i);
  }
  const cells = counts.map((n, i) => (hidden.has(i) ? { value: null, text: n < K ? `fewer than ${K}` : 'not shown' } : { value: n, text: String(n) }));
  return { cells, total: { value: total, text: String(total) }, suppressed: hidden.size > 0 };
}

function shareText(cell: ShownCell, total: number): { value: number | null; text: string } {
  if (cell.value === null) return { value: null, text: 'not shown' };
  const p = percent(cell.value, total);
  return { value: p, text: `${p}%` };
}

/** Share of closed decisions at each rung of the participation ladder. */
export function participationFigure(levels: readonly ParticipationLevel[]): Figure {
  const counts = LEVELS.map((level) => levels.filter((l) => l === level).length);
  const { cells, total, suppressed } = suppressDistribution(counts);
  const totalValue = total.value ?? 0;
  const rows: Cell[][] = LEVELS.map((level, i) => {
    const cell = cells[i]!;
    return [LEVEL_LABELS[level], cell.text, total.value === null ? 'not shown' : shareText(cell, totalValue).text];
  });
  rows.push(['All decisions', total.text, total.value === null ? 'not shown' : '100%']);
  const top = LEVELS.slice(2).reduce((s, _l, i) => s + (counts[i + 2] ?? 0), 0);
  return {
    id: 'participation',
    title: 'Decisions at each level of participation',
    description: 'Each closed decision is placed on the ladder from the evidence in its timeline (who raised it, when the group first had a say, who drafted the options, who decided), not from what anyone claimed.',
    headline: total.value !== null && totalValue >= K && !suppressed ? `${percent(top, totalValue)}% of decisions were at engagement or above` : undefined,
    columns: ['Level', 'Decisions', 'Share'],
    rows,
    bars: LEVELS.map((level, i) => {
      const s = total.value === null ? { value: null, text: 'not shown' } : shareText(cells[i]!, totalValue);
      return { label: LEVEL_LABELS[level], value: s.value, text: s.text };
    }),
    chart: 'horizontal',
    percent: true,
    suppressed,
  };
}

/** Share of closed decisions where lived-experience input came before the options were set. */
export function livedExperienceFirstFigure(decisions: ReadonlyArray<{ groupInputBeforeOptions: boolean }>): Figure {
  const before = decisions.filter((d) => d.groupInputBeforeOptions).length;
  const { cells, total, suppressed } = suppressDistribution([before, decisions.length - before]);
  const totalValue = total.value ?? 0;
  const labels = ['Before the options were set', 'After, or not at all'];
  const rows: Cell[][] = labels.map((label, i) => [label, cells[i]!.text, total.value === null ? 'not shown' : shareText(cells[i]!, totalValue).text]);
  return {
    id: 'lived-experience-first',
    title: 'When people with lived experience first had a say',
    description: 'Of closed decisions: those where a group member raised the proposal or gave input before the options were set, and the rest.',
    headline: cells[0]!.value !== null && total.value !== null && totalValue > 0 ? `${percent(before, totalValue)}% of decisions had lived-experience input before the options were set` : undefined,
    columns: ['When', 'Decisions', 'Share'],
    rows,
    bars: labels.map((label, i) => {
      const s = total.value === null ? { value: null, text: 'not shown' } : shareText(cells[i]!, totalValue);
      return { label, value: s.value, text: s.text };
    }),
    chart: 'horizontal',
    percent: true,
    suppressed,
  };
}

export interface Spread {
  n: number;
  median: number | null;
}

/** How many values and their median: what the feedback figure needs from a column of days. */
export function spread(values: readonly number[]): Spread {
  return { n: values.length, median: median(values) };
}

/** Median days from feedback to a first response and to closure, and the share closed. */
export function feedbackResponseFigure(input: { received: number; closed: number; firstResponse: Spread; closure: Spread }): Figure {
  const firstN = input.firstResponse.n;
  const closedN = input.closure.n;
  const small = (n: number) => n > 0 && n < K;
  const m1 = small(firstN) ? null : input.firstResponse.median;
  const m2 = small(closedN) ? null : input.closure.median;
  const received = suppressDistribution([input.received]).total;
  const closed = suppressDistribution([input.closed]).total;
  const share = received.value !== null && closed.value !== null && input.received > 0 ? percent(input.closed, input.received) : null;
  const dayText = (m: number | null, n: number) => (m === null ? (n === 0 ? 'none yet' : 'not shown (fewer than 5)') : `${m} ${m === 1 ? 'day' : 'days'}`);
  return {
    id: 'feedback-response',
    title: 'How quickly we answer feedback',
    description: 'A first response is the first time someone from the service or the group did something with the feedback: themed it, checked it for publishing or linked it to an action. Feedback is closed when an action it is linked to closes with a public statement.',
    headline: m1 !== null ? `Half of all feedback had a first response within ${dayText(m1, firstN)}` : undefined,
    columns: ['Measure', 'Value', 'Based on'],
    rows: [
      ['Median days to a first response', dayText(m1, firstN), suppressDistribution([firstN]).total.text],
      ['Median days to closure', dayText(m2, closedN), suppressDistribution([closedN]).total.text],
      ['Share of feedback closed', share === null ? 'not shown' : `${share}%`, received.text],
    ],
    bars: [
      { label: 'Days to first response', value: m1, text: dayText(m1, firstN) },
      { label: 'Days to closure', value: m2, text: dayText(m2, closedN) },
    ],
    chart: 'horizontal',
    suppressed: m1 === null && firstN > 0 || m2 === null && closedN > 0 || received.value === null || closed.value === null,
  };
}

/** Share of group members' comments that waited for, and got, a staff response. */
export function staffResponseFigure(input: { awaiting: number; responded: number }): Figure {
  const { cells, total, suppressed } = suppressDistribution([input.responded, input.awaiting - input.responded]);
  const rate = total.value !== null && input.awaiting > 0 && !suppressed ? percent(input.responded, input.awaiting) : null;
  const labels = ['Answered by staff', 'Still waiting'];
  return {
    id: 'staff-responses',
    title: 'Staff responses to the group’s comments',
    description: 'Every comment a group member makes on a proposal waits for a response from staff. This is how many got one.',
    headline: rate !== null ? `${rate}% of group comments got a staff response` : undefined,
    columns: ['Comments', 'Number', 'Share'],
    rows: [...labels.map((label, i): Cell[] => [label, cells[i]!.text, total.value === null ? 'not shown' : shareText(cells[i]!, input.awaiting).text]), ['All comments waiting for a response', total.text, total.value === null ? 'not shown' : '100%']],
    bars: labels.map((label, i) => {
      const s = total.value === null ? { value: null, text: 'not shown' } : shareText(cells[i]!, input.awaiting);
      return { label, value: s.value, text: s.text };
    }),
    chart: 'horizontal',
    percent: true,
    suppressed,
  };
}

/** Group members active each month, and how many of them had taken part before (returning). */
export function groupMembersFigure(months: ReadonlyArray<{ month: string; label: string; active: number; returning: number }>): Figure {
  let suppressed = false;
  const rows: Cell[][] = months.map((m) => {
    const { cells, total } = suppressDistribution([m.returning, m.active - m.returning]);
    if (total.value === null || cells.some((c) => c.value === null)) suppressed = true;
    return [m.label, total.text, cells[0]!.text, cells[1]!.text];
  });
  return {
    id: 'group-members',
    title: 'Active and returning group members',
    description: 'Group members who commented, drafted an option, decided or raised a proposal in the month; returning members had taken part in an earlier month.',
    columns: ['Month', 'Active members', 'Returning', 'New'],
    rows,
    bars: months.map((m) => {
      const t = suppressDistribution([m.active]).total;
      return { label: m.label, value: t.value, text: t.text };
    }),
    chart: 'bars',
    suppressed,
  };
}

/** How people using the service rank the priorities of care: first choices and top-three choices. */
export function prioritiesFigure(input: { priorities: ReadonlyArray<{ id: string; label: string }>; ranks: ReadonlyArray<{ priorityId: string; rank: number; people: number }>; people: number }): Figure {
  const first = input.priorities.map((p) => input.ranks.filter((r) => r.priorityId === p.id && r.rank === 1).reduce((s, r) => s + r.people, 0));
  const top3 = input.priorities.map((p) => input.ranks.filter((r) => r.priorityId === p.id && r.rank <= 3).reduce((s, r) => s + r.people, 0));
  const firstShown = suppressDistribution(first);
  const top3Shown = top3.map((n) => suppressDistribution([n]).total);
  const people = suppressDistribution([input.people]).total;
  return {
    id: 'priorities',
    title: 'What matters most to people using the service',
    description: 'Each person ranks the priorities of care that matter most to them. The chart shows the share who put each one first.',
    columns: ['Priority of care', 'People who ranked it first', 'Share ranking it first', 'People with it in their top three'],
    rows: input.priorities.map((p, i): Cell[] => [p.label, firstShown.cells[i]!.text, people.value === null ? 'not shown' : shareText(firstShown.cells[i]!, input.people).text, top3Shown[i]!.text]),
    bars: input.priorities.map((p, i) => {
      const s = people.value === null ? { value: null, text: 'not shown' } : shareText(firstShown.cells[i]!, input.people);
      return { label: p.label, value: s.value, text: s.text };
    }),
    chart: 'horizontal',
    percent: true,
    headline: people.value !== null && input.people > 0 ? `${people.text} people have ranked their priorities` : undefined,
    suppressed: firstShown.suppressed || top3Shown.some((c) => c.value === null) || people.value === null,
  };
}

/** Language-guard findings per 1,000 words checked, by month. */
export function languageFigure(months: ReadonlyArray<{ month: string; label: string; checks: number; words: number; findings: number; blocking: number }>): Figure {
  let suppressed = false;
  const rows: Cell[][] = months.map((m) => {
    if (m.checks > 0 && m.checks < K) {
      suppressed = true;
      return [m.label, `fewer than ${K}`, 'not shown', 'not shown', 'not shown'];
    }
    return [m.label, m.checks, m.words, m.words ? Math.round((10000 * m.findings) / m.words) / 10 : 0, m.words ? Math.round((10000 * m.blocking) / m.words) / 10 : 0];
  });
  return {
    id: 'language',
    title: 'Language-guard findings per 1,000 words',
    description: 'Every time staff writing is checked on save (record entries, documents, minutes) the number of words and findings is counted, never the text. Fewer findings per 1,000 words means the words we use are changing.',
    columns: ['Month', 'Checks', 'Words checked', 'Findings per 1,000 words', 'Blocking findings per 1,000 words'],
    rows,
    bars: months.map((m, i) => {
      const v = rows[i]![3];
      return { label: m.label, value: typeof v === 'number' ? v : null, text: typeof v === 'number' ? String(v) : 'not shown' };
    }),
    chart: 'bars',
    suppressed,
  };
}
