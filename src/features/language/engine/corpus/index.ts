// The corpus: letters and notes as a clinician writes them, each marked with the findings it
// must produce (see score.ts for the marks and how they are scored).

import type { CorpusCase } from './score.ts';
import { letters } from './letters.ts';
import { names } from './names.ts';
import { notes } from './notes.ts';
import { people } from './people.ts';

export const corpus: CorpusCase[] = [...letters, ...notes, ...names, ...people];

// The corpus's door, for the benchmark (eslint.config.js lets bench/ and tests import it): the
// held-out letters and the scorer with it.
export { heldOut } from './heldout.ts';
export { parseMarks, precision, recall, scoreCorpus, type CorpusCase } from './score.ts';
