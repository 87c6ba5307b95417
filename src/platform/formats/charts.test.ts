import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barChart, textWidth, wrapText } from './charts.ts';

/** The boxes of the chart's texts, by the same generous estimate the chart is laid out with. */
function textBoxes(svg: string): Array<{ text: string; left: number; right: number; top: number; bottom: number }> {
  return [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"(?: text-anchor="(\w+)")? font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((m) => {
    const [x, y, anchor, size, text] = [Number(m[1]), Number(m[2]), m[3] ?? 'start', Number(m[4]), m[5]!];
    const width = textWidth(text, size);
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    return { text, left, right: left + width, top: y - size, bottom: y + size * 0.25 };
  });
}

function overlaps(svg: string): string[] {
  const boxes = textBoxes(svg);
  const found: string[] = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push(`${a.text} / ${b.text}`);
  }));
  return found;
}

describe('Bar charts', () => {
  test('a horizontal chart puts each label on its own line, so long labels never meet', () => {
    const bars = ['Before the options were set', 'After, or not at all', 'Social and legal support for people waiting a long time'].map((label, i) => ({ label, value: i * 30, text: `${i * 30}%` }));
    const { svg } = barChart('Shares', bars, { horizontal: true, max: 100 });
    assert.deepEqual(overlaps(svg), []);
    const boxes = textBoxes(svg);
    assert.ok(boxes.every((b) => b.left >= 0 && b.right <= 400), 'every text inside the drawing');
  });

  test('a value that is not shown has no bar, and the chart says so in words', () => {
    const { svg } = barChart('Shares', [{ label: 'Shown', value: 40, text: '40%' }, { label: 'Small', value: null, text: 'not shown' }], { horizontal: true, max: 100 });
    assert.equal((svg.match(/<rect /g) ?? []).length, 1, 'one bar: the shown value');
    assert.match(svg, />not shown<\/text>/);
    assert.doesNotMatch(svg, /#aeb7bd/, 'no grey bar that the caption would have to explain');
  });

  test('a chart of 24 months labels only as many months as fit under the axis', () => {
    const bars = Array.from({ length: 24 }, (_, i) => ({ label: `Mon ${String(i).padStart(2, '0')}`, value: i * 10, text: String(i * 1000) }));
    const { svg } = barChart('Months', bars);
    assert.deepEqual(overlaps(svg), []);
    const labels = textBoxes(svg).filter((b) => b.text.startsWith('Mon'));
    assert.ok(labels.length >= 4 && labels.length < 24, `some labels, not all: ${labels.length}`);
    assert.equal((svg.match(/<rect /g) ?? []).length, 23, 'a bar for each month with a value above zero');
  });

  test('long words are wrapped and cut to the lines allowed', () => {
    assert.deepEqual(wrapText('one two three', 10, 40, 3), ['one', 'two', 'three']);
    const lines = wrapText('a very long label that goes on and on and on and on and on and on', 16, 100);
    assert.equal(lines.length, 2);
    assert.ok(lines[1]!.endsWith('…'));
  });
});
