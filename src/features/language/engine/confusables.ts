// Letters from other scripts that look like Latin letters, folded to the Latin letter they look
// like (in the spirit of Unicode TR39 "skeletons", for the Latin look-alikes only). Built by hand
// from the Unicode confusables data for the scripts people use to disguise a Latin name:
// Cyrillic, Greek, Armenian, Cherokee, Lisu, Latin small capitals and other Latin letters that
// NFKD does not decompose (ø, ł, đ, ı…). Fullwidth forms, mathematical alphanumerics, circled and
// super/subscript letters are already folded by NFKD, which runs first.
//
// The table is case-sensitive, applied before lower-casing: Greek capital Eta (Η) looks like H
// and folds to "h", while its small letter (η) looks like n. A key made of plain ASCII letters is
// never changed (stored hashes of ASCII names stay valid).

const pairs: [number, string][] = [
  // Cyrillic capitals
  [0x0405, 'S'], [0x0406, 'I'], [0x0408, 'J'], [0x0410, 'A'], [0x0412, 'B'], [0x0415, 'E'], [0x041a, 'K'],
  [0x041c, 'M'], [0x041d, 'H'], [0x041e, 'O'], [0x0420, 'P'], [0x0421, 'C'], [0x0422, 'T'], [0x0423, 'Y'],
  [0x0425, 'X'], [0x042c, 'b'], [0x0474, 'V'], [0x049a, 'K'], [0x04ae, 'Y'], [0x04b2, 'X'], [0x04c0, 'l'],
  [0x050c, 'G'], [0x051a, 'Q'], [0x051c, 'W'], [0x0404, 'E'],
  // Cyrillic small letters
  [0x0430, 'a'], [0x0433, 'r'], [0x0435, 'e'], [0x043a, 'k'], [0x043c, 'm'], [0x043d, 'h'], [0x043e, 'o'],
  [0x043f, 'n'], [0x0440, 'p'], [0x0441, 'c'], [0x0442, 't'], [0x0443, 'y'], [0x0445, 'x'], [0x044c, 'b'],
  [0x0454, 'e'], [0x0455, 's'], [0x0456, 'i'], [0x0458, 'j'], [0x0475, 'v'], [0x049b, 'k'], [0x04af, 'y'],
  [0x04b3, 'x'], [0x04bb, 'h'], [0x04bd, 'e'], [0x04cf, 'l'], [0x04d5, 'ae'], [0x0501, 'd'], [0x050d, 'g'],
  [0x051b, 'q'], [0x051d, 'w'],
  // Greek capitals
  [0x0391, 'A'], [0x0392, 'B'], [0x0395, 'E'], [0x0396, 'Z'], [0x0397, 'H'], [0x0399, 'I'], [0x039a, 'K'],
  [0x039c, 'M'], [0x039d, 'N'], [0x039f, 'O'], [0x03a1, 'P'], [0x03a4, 'T'], [0x03a5, 'Y'], [0x03a7, 'X'],
  [0x03d2, 'Y'], [0x03dc, 'F'], [0x03f9, 'C'], [0x037f, 'J'],
  // Greek small letters
  [0x03b1, 'a'], [0x03b3, 'y'], [0x03b5, 'e'], [0x03b7, 'n'], [0x03b9, 'i'], [0x03ba, 'k'], [0x03bc, 'u'],
  [0x03bd, 'v'], [0x03bf, 'o'], [0x03c1, 'p'], [0x03c3, 'o'], [0x03c4, 't'], [0x03c5, 'u'], [0x03c7, 'x'],
  [0x03c9, 'w'], [0x03f2, 'c'], [0x03f3, 'j'], [0x03f5, 'e'],
  // Armenian
  [0x053c, 'L'], [0x054d, 'U'], [0x054f, 'S'], [0x0555, 'O'], [0x0561, 'w'], [0x0566, 'q'], [0x0570, 'h'],
  [0x0575, 'j'], [0x0578, 'n'], [0x057c, 'n'], [0x057d, 'u'], [0x0581, 'g'], [0x0584, 'p'], [0x0585, 'o'],
  // Cherokee capitals (the small letters U+AB70… are folded through these, below)
  [0x13a0, 'D'], [0x13a1, 'R'], [0x13a2, 'T'], [0x13a5, 'i'], [0x13a9, 'Y'], [0x13aa, 'A'], [0x13ab, 'J'],
  [0x13ac, 'E'], [0x13b3, 'W'], [0x13b7, 'M'], [0x13bb, 'H'], [0x13bd, 'Y'], [0x13c0, 'G'], [0x13c2, 'h'],
  [0x13c3, 'Z'], [0x13cf, 'b'], [0x13d2, 'R'], [0x13d4, 'W'], [0x13d5, 'S'], [0x13d9, 'V'], [0x13da, 'S'],
  [0x13de, 'L'], [0x13df, 'C'], [0x13e2, 'P'], [0x13e6, 'K'], [0x13e7, 'd'], [0x13f4, 'B'],
  // Lisu
  [0xa4d0, 'B'], [0xa4d1, 'P'], [0xa4d2, 'd'], [0xa4d3, 'D'], [0xa4d4, 'T'], [0xa4d6, 'G'], [0xa4d7, 'K'],
  [0xa4d9, 'J'], [0xa4da, 'C'], [0xa4dc, 'Z'], [0xa4dd, 'F'], [0xa4df, 'M'], [0xa4e0, 'N'], [0xa4e1, 'L'],
  [0xa4e2, 'S'], [0xa4e3, 'R'], [0xa4e6, 'V'], [0xa4e7, 'H'], [0xa4ea, 'W'], [0xa4eb, 'X'], [0xa4ec, 'Y'],
  [0xa4ee, 'A'], [0xa4f0, 'E'], [0xa4f2, 'I'], [0xa4f3, 'O'], [0xa4f4, 'U'],
  // Latin small capitals
  [0x1d00, 'a'], [0x0299, 'b'], [0x1d04, 'c'], [0x1d05, 'd'], [0x1d07, 'e'], [0xa730, 'f'], [0x0262, 'g'],
  [0x029c, 'h'], [0x026a, 'i'], [0x1d0a, 'j'], [0x1d0b, 'k'], [0x029f, 'l'], [0x1d0d, 'm'], [0x0274, 'n'],
  [0x1d0f, 'o'], [0x1d18, 'p'], [0xa7af, 'q'], [0x0280, 'r'], [0xa731, 's'], [0x1d1b, 't'], [0x1d1c, 'u'],
  [0x1d20, 'v'], [0x1d21, 'w'], [0x028f, 'y'], [0x1d22, 'z'],
  // Other Latin letters NFKD leaves alone
  [0x0131, 'i'], [0x0237, 'j'], [0x0251, 'a'], [0x0261, 'g'], [0x0269, 'i'], [0x025b, 'e'], [0x0275, 'o'],
  [0x01c0, 'l'], [0x00f8, 'o'], [0x00d8, 'O'], [0x0111, 'd'], [0x0110, 'D'], [0x0142, 'l'], [0x0141, 'L'],
  [0x0127, 'h'], [0x0126, 'H'], [0x0167, 't'], [0x0166, 'T'], [0x0180, 'b'], [0x0268, 'i'], [0x0197, 'I'],
  [0x00df, 'ss'], [0x1e9e, 'SS'], [0x00e6, 'ae'], [0x00c6, 'AE'], [0x0153, 'oe'], [0x0152, 'OE'], [0x00f0, 'd'],
  [0x00d0, 'D'], [0x0192, 'f'], [0x024d, 'r'], [0x0249, 'j'], [0x01e5, 'g'], [0x1d8c, 'y'], [0x0184, 'b'],
];

const table = new Map<number, string>(pairs);
for (let c = 0xab70; c <= 0xabbf; c++) {
  const capital = table.get(c - 0xab70 + 0x13a0);
  if (capital !== undefined) table.set(c, capital.toLowerCase());
}

/** Is any character of `s` in the table? (Fast exit for the common case.) */
function hasConfusable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xc0 && table.has(c)) return true;
  }
  return false;
}

/** `s` with every Latin look-alike replaced by the Latin letter(s) it looks like. */
export function foldConfusables(s: string): string {
  if (!hasConfusable(s)) return s;
  let out = '';
  for (const ch of s) {
    const m = table.get(ch.codePointAt(0)!);
    out += m ?? ch;
  }
  return out;
}

/** The code points the table folds (for tests). */
export const confusableCount = table.size;
