// Display order for text with bidirectional overrides. A right-to-left override (U+202E) shows
// the characters after it in reverse, so "\u202Enadroj\u202C" is seen as "jordan" while the
// string holds "nadroj". This computes the order a reader sees (a reduced form of the Unicode
// Bidirectional Algorithm: explicit embeddings, overrides and isolates, every other character
// taken as left to right) and maps positions back to the original.

const LRE = 0x202a;
const RLE = 0x202b;
const PDF = 0x202c;
const LRO = 0x202d;
const RLO = 0x202e;
const LRI = 0x2066;
const RLI = 0x2067;
const FSI = 0x2068;
const PDI = 0x2069;

export interface Visual {
  /** The text in display order (same length as the original). */
  text: string;
  /** The span of the original covering display positions [from, to), widened to whole
   * overrides; null when nothing in it was reordered. */
  original(from: number, to: number): [number, number] | null;
}

function isLineEnd(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85;
}

/** The display order of `text`, or null when it has no right-to-left override. */
export function visualOrder(text: string): Visual | null {
  if (text.indexOf('\u202e') === -1) return null;
  const n = text.length;
  const order = new Int32Array(n);
  const level = new Uint8Array(n);
  /** For each original position inside an override, the override's [start, end]. */
  const regionStart = new Int32Array(n).fill(-1);
  const regionEnd = new Int32Array(n).fill(-1);
  let lineStart = 0;
  /** A bidirectional control on the line being read: only such lines can be reordered. */
  let lineHasControl = false;
  const stack: { level: number; override: number; isolate: boolean; at: number }[] = [];
  const flushLine = (from: number, to: number): void => {
    if (!lineHasControl) {
      for (let i = from; i < to; i++) order[i] = i;
      return;
    }
    // units: code points (a surrogate pair moves as one)
    const units: number[] = [];
    for (let i = from; i < to; i++) {
      units.push(i);
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          level[i + 1] = level[i]!;
          i++;
        }
      }
    }
    let max = 0;
    for (const u of units) max = Math.max(max, level[u]!);
    // L2: from the highest level down to 1, reverse every run at that level or higher
    for (let lev = max; lev >= 1; lev--) {
      let a = 0;
      while (a < units.length) {
        if (level[units[a]!]! < lev) {
          a++;
          continue;
        }
        let b = a;
        while (b + 1 < units.length && level[units[b + 1]!]! >= lev) b++;
        for (let x = a, y = b; x < y; x++, y--) {
          const t = units[x]!;
          units[x] = units[y]!;
          units[y] = t;
        }
        a = b + 1;
      }
    }
    let at = from;
    for (const u of units) {
      order[at++] = u;
      const c = text.charCodeAt(u);
      if (c >= 0xd800 && c <= 0xdbff && u + 1 < n && text.charCodeAt(u + 1) >= 0xdc00 && text.charCodeAt(u + 1) <= 0xdfff) order[at++] = u + 1;
    }
  };
  const close = (e: { at: number }, end: number): void => {
    for (let j = e.at; j <= end && j < n; j++) {
      if (regionStart[j] === -1) {
        regionStart[j] = e.at;
        regionEnd[j] = end;
      }
    }
  };
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (i === n || isLineEnd(c)) {
      while (stack.length > 0) close(stack.pop()!, i - 1);
      if (i < n) level[i] = 0;
      flushLine(lineStart, i);
      if (i < n) order[i] = i;
      lineStart = i + 1;
      lineHasControl = false;
      continue;
    }
    const top = stack.length > 0 ? stack[stack.length - 1]! : { level: 0, override: 0, isolate: false, at: -1 };
    if (c === LRE || c === RLE || c === LRO || c === RLO || c === LRI || c === RLI || c === FSI) {
      lineHasControl = true;
      level[i] = top.level;
      const rtl = c === RLE || c === RLO || c === RLI;
      const next = rtl ? (top.level + 1) | 1 : (top.level + 2) & ~1;
      if (next <= 125) stack.push({ level: next, override: c === LRO ? 1 : c === RLO ? 2 : 0, isolate: c >= LRI, at: i });
      continue;
    }
    if (c === PDF || c === PDI) {
      level[i] = top.level;
      if (c === PDI) {
        while (stack.length > 0 && !stack[stack.length - 1]!.isolate) close(stack.pop()!, i);
        if (stack.length > 0) close(stack.pop()!, i);
      } else if (stack.length > 0 && !stack[stack.length - 1]!.isolate) close(stack.pop()!, i);
      level[i] = stack.length > 0 ? stack[stack.length - 1]!.level : 0;
      continue;
    }
    // every other character is taken as left to right, unless overridden
    level[i] = top.override === 2 ? top.level : top.override === 1 || top.level % 2 === 0 ? top.level : top.level + 1;
  }
  // the display text: runs left in place are sliced whole, the rest taken unit by unit
  const parts: string[] = [];
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && order[j] === j) j++;
    if (j > i) {
      parts.push(text.slice(i, j));
      i = j;
      continue;
    }
    while (j < n && order[j] !== j) j++;
    let run = '';
    for (let k = i; k < j; k++) run += text[order[k]!];
    parts.push(run);
    i = j;
  }
  const visual = parts.join('');
  return {
    text: visual,
    original(from: number, to: number): [number, number] | null {
      let a = Infinity;
      let b = -Infinity;
      let reordered = false;
      for (let v = from; v < to && v < n; v++) {
        const o = order[v]!;
        if (o !== v) reordered = true;
        const s = regionStart[o]! >= 0 ? regionStart[o]! : o;
        const e = regionEnd[o]! >= 0 ? regionEnd[o]! + 1 : o + 1;
        if (regionStart[o]! >= 0) reordered = true;
        a = Math.min(a, s);
        b = Math.max(b, e);
      }
      return reordered && a < b ? [a, b] : null;
    },
  };
}
