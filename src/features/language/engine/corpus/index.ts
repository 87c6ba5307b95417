// The corpus: letters and notes as a clinician writes them, each marked with the findings it
// must produce (see score.ts for the marks and how they are scored).

import type { CorpusCase } from './score.ts';
import { letters } from './letters.ts';
import { notes } from './notes.ts';

export const corpus: CorpusCase[] = [...letters, ...notes];
