// npm run bench:language — the language guard against alex on the same generated text, and its
// precision and recall on the corpus of marked letters (src/features/language/engine/corpus).
//
// Generates a deterministic corpus (≥ 100,000 words) of clinical-style English with about 2% of
// words belonging to problem terms, checks it with withme (full guide + a person profile) and
// with alex (default settings) in the same run, and prints figures; the last line is JSON:
// {"words", "withmeWordsPerCpuSecond", "alexWordsPerCpuSecond", "ratio", "p99MsFor1000Words",
// "p99HashedMsFor1000Words", "p99HashedLettersMsFor1000Words", …, "corpus", "heldOut"}.
// The ratio to alex is by CPU time of this process (process.cpuUsage), medians of the runs: the
// machine is shared, and wall clock there also counts the time spent waiting for a core
// ("ratioWall" and the wall-clock words per second are printed beside it). The p99s are per-run
// CPU time too, with the wall-clock p99 beside them.

import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { text as alexText } from 'alex';
import { check, compileGuide, compileProfile, type PersonProfile, type PreviousNameHashes } from '../src/features/language/engine/index.ts';
import { corpus as letters, heldOut, parseMarks, precision, recall, scoreCorpus } from '../src/features/language/engine/corpus/index.ts';
import { languageGuide } from '../src/features/language/index.ts';
import { hashPreviousName, previousNameMatcher } from '../src/features/record/index.ts';

const TARGET_WORDS = Number(process.env.BENCH_WORDS ?? 100_000);

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const openings = [
  'Sam attended the clinic today with a friend',
  'Sam Rivera was seen for a follow-up appointment',
  'We discussed the plan for the next three months',
  'Sam described the last few weeks as difficult but manageable',
  'The appointment took place by video because of travel costs',
  'Sam reports sleeping better since the last review',
  'We talked about work, housing and support from friends',
  'Blood tests were reviewed and the results were within the expected range',
  'Sam would like to continue with the current dose for now',
  'The referral letter was discussed and Sam agreed to it being sent',
];
const middles = [
  'they said that the new routine is helping with their mood',
  'their partner has been supportive and comes to most appointments',
  'they asked about the waiting time for the next stage of care',
  'we agreed to review the plan together in six weeks',
  'their priorities are stable housing, work and feeling safe',
  'they would prefer letters to be sent by email',
  'they explained that the previous clinic had not listened to them',
  'the group session on Thursday was useful and they want to attend again',
  'they reported some side effects which were discussed in detail',
  'the practitioner explained the options and the evidence for each',
  'a member of the team will call to arrange the next appointment',
  'they feel more confident about speaking up in appointments',
];
const closings = [
  'Next review in three months.',
  'Letter to GP to follow, copied to Sam.',
  'Sam has a copy of this note and can add their own view.',
  'No further action needed today.',
  'Plan agreed together.',
  'Sam knows how to contact the team between appointments.',
];
/** Problem terms: inserted so that about 2% of the words are flagged. */
const problems = [
  'refused', 'complains of', 'denies', 'non-compliant', 'suffers from', 'preferred pronouns', 'transgendered',
  'failed to attend', 'sex change', 'biologically male', 'attention-seeking', 'wheelchair-bound', 'he', 'Jamie',
  'cross-sex hormones', 'manipulative', 'committed suicide', 'a diabetic', 'Mr Rivera', 'breasts', 'she',
];

export function generateCorpus(words: number, seed = 20240601): string {
  const rand = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const paragraphs: string[] = [];
  let count = 0;
  let problemWords = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let s = 0; s < 4; s++) {
      let sentence = `${pick(openings)} and ${pick(middles)}.`;
      if (problemWords < count * 0.02) {
        const p = pick(problems);
        problemWords += p.split(' ').length;
        sentence = `${pick(openings)}; ${p} ${pick(middles)}.`;
      }
      sentences.push(sentence);
      count += sentence.split(/\s+/).length;
    }
    const closing = pick(closings);
    sentences.push(closing);
    count += closing.split(/\s+/).length;
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

function countWords(s: string): number {
  return s.split(/\s+/).filter((w) => w.length > 0).length;
}

function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 === 1 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

function percentile(xs: number[], p: number): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)]!;
}

// A full collection before each timed block (untimed), so that neither withme nor alex pays for
// collecting the other's garbage: alex leaves hundreds of megabytes behind it.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Runs f, returning [wall ms, CPU ms of this process]. */
function timed(f: () => void): [number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
}

function main(): void {
  const loadAtStart = loadavg();
  const corpus = generateCorpus(TARGET_WORDS);
  const words = countWords(corpus);
  const guide = compileGuide(languageGuide);
  const person = compileProfile({
    name: 'Sam Rivera',
    title: 'Mx',
    pronouns: ['they/them'],
    genderWords: ['person'],
    avoid: [{ word: 'breasts', instead: ['chest'] }],
    previousNames: ['Jamie Rivera'],
  });
  const rules = { guide, people: [person] };

  // Warm up both until the JIT has settled (its compiler threads' CPU time counts, so a cold
  // run measures the compiler: withme's first few runs of the corpus took 2-3× the later ones),
  // alex with a run of the whole corpus; then interleave: 3 rounds of (7 withme runs, 1 alex
  // run), so that both see the same machine load. Medians of the runs.
  for (let i = 0; i < 30; i++) check(corpus, rules);
  alexText(corpus);
  const withmeTimes: number[] = [];
  const withmeCpu: number[] = [];
  const alexTimes: number[] = [];
  const alexCpu: number[] = [];
  let findings = 0;
  let alexMessages = 0;
  for (let round = 0; round < 3; round++) {
    collect();
    for (let i = 0; i < 7; i++) {
      const [wall, cpu] = timed(() => {
        findings = check(corpus, rules).length;
      });
      withmeTimes.push(wall);
      withmeCpu.push(cpu);
    }
    collect();
    const [wall, cpu] = timed(() => {
      alexMessages = alexText(corpus).messages.length;
    });
    alexTimes.push(wall);
    alexCpu.push(cpu);
  }
  const withmeMs = median(withmeTimes);
  const withmeWps = words / (withmeMs / 1000);
  const alexMs = median(alexTimes);
  const alexWps = words / (alexMs / 1000);

  // p99 for a 1,000-word note (different notes cut from the corpus)
  const all = corpus.split(/(\s+)/);
  const notes: string[] = [];
  for (let start = 0; notes.length < 50; start += 2001) {
    const from = (start * 7) % Math.max(1, all.length - 2000);
    notes.push(all.slice(from - (from % 2), from - (from % 2) + 1999).join(''));
  }
  for (let i = 0; i < 500; i++) check(notes[i % notes.length]!, rules);
  const noteTimes: number[] = [];
  const noteCpu: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const note = notes[i % notes.length]!;
    const [wall, cpu] = timed(() => check(note, rules));
    noteTimes.push(wall);
    noteCpu.push(cpu);
  }
  // The p99 reported is CPU time: on a shared machine the wall-clock tail is the scheduler's
  // (time the process spent waiting for a core), not the engine's. Both are printed.
  const p99 = percentile(noteCpu, 99);
  const p99Wall = percentile(noteTimes, 99);

  // The same notes as the web app checks them (record/guard.ts): the previous name stored only
  // as keyed hashes, and for every check the matcher built from the stored rows and the
  // person's profile compiled afresh (compilePerson), so nothing the engine learnt about earlier
  // texts carries over. The timing covers both (the database read aside); warmed up first, like
  // a running server. The hashing is record's own, through its door: the rows hashPreviousName
  // stores (HMAC-SHA256 under a key derived from the server secret), read by previousNameMatcher.
  const secret = 'bench-secret';
  const stored = hashPreviousName(secret, 'Jamie Rivera', 'Sam Rivera')!;
  const rows = [{ sequence_hashes: JSON.stringify(stored.sequenceHashes), word_hashes: JSON.stringify(stored.wordHashes), max_words: stored.maxWords }];
  const matcherFromRows = (): PreviousNameHashes => previousNameMatcher(secret, rows)!;
  const hashedProfile: PersonProfile = { name: 'Sam Rivera', title: 'Mx', pronouns: ['they/them'], genderWords: ['person'], avoid: [{ word: 'breasts', instead: ['chest'] }] };
  const appCheck = (note: string): number => {
    const profile = compileProfile(hashedProfile, matcherFromRows());
    return check(note, { guide, people: [profile] }, { documentKind: 'person', subject: 0 }).length;
  };
  // Notes cut from the generated text repeat a small vocabulary (about 170 distinct words in
  // 1,000), and the app hashes each distinct word: 1,000-word notes made of the corpus's letters
  // (shuffled, about 300 distinct words) are measured too, closer to what clinicians write.
  const letterTexts = [...letters, ...heldOut].map((c) => parseMarks(c.text).text);
  const letterNotes: string[] = [];
  const shuffle = prng(7);
  while (letterNotes.length < notes.length) {
    const order = letterTexts.map((t) => [shuffle(), t] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1]);
    const words = order.join('\n\n').split(/(\s+)/);
    letterNotes.push(words.slice(0, 1999).join(''));
  }
  const measureApp = (set: readonly string[]): { cpu: number[]; wall: number[]; hashes: number } => {
    // how many keyed hashes a check computes (a counting pass of its own, untimed)
    let hashCalls = 0;
    for (const note of set) {
      const m = matcherFromRows();
      const hash = m.hash;
      check(note, { guide, people: [compileProfile(hashedProfile, { ...m, hash: (x) => (hashCalls++, hash(x)) })] }, { documentKind: 'person', subject: 0 });
    }
    for (let i = 0; i < 1000; i++) appCheck(set[i % set.length]!);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const note = set[i % set.length]!;
      const [w, c] = timed(() => appCheck(note));
      wall.push(w);
      cpu.push(c);
    }
    return { cpu, wall, hashes: hashCalls / set.length };
  };
  const app = measureApp(notes);
  const appLetters = measureApp(letterNotes);
  const p99Hashed = percentile(app.cpu, 99);
  const p99HashedLetters = percentile(appLetters.cpu, 99);

  // precision and recall on the marked letters
  const score = scoreCorpus(letters, guide);
  const held = scoreCorpus(heldOut, guide);

  const ratioWall = withmeWps / alexWps;
  const withmeCpuWps = words / (median(withmeCpu) / 1000);
  const alexCpuWps = words / (median(alexCpu) / 1000);
  const ratio = withmeCpuWps / alexCpuWps;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
  console.log(`corpus: ${fmt(words)} words, ${fmt(corpus.length)} characters`);
  console.log(`withme: median ${median(withmeCpu).toFixed(2)} ms CPU time over ${withmeCpu.length} runs → ${fmt(withmeCpuWps)} words/CPU-s; wall clock ${withmeMs.toFixed(2)} ms → ${fmt(withmeWps)} words/s (${findings} findings)`);
  console.log(`alex:   median ${median(alexCpu).toFixed(0)} ms CPU time over ${alexCpu.length} runs → ${fmt(alexCpuWps)} words/CPU-s; wall clock ${alexMs.toFixed(0)} ms → ${fmt(alexWps)} words/s (${alexMessages} messages)`);
  console.log(`ratio:  ${ratio.toFixed(1)}× alex by CPU time (${ratioWall.toFixed(1)}× by wall clock)`);
  console.log(`1,000-word note with profile + full guide, over ${noteTimes.length} runs: CPU time median ${median(noteCpu).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms; wall clock median ${median(noteTimes).toFixed(3)} ms, p99 ${p99Wall.toFixed(3)} ms`);
  console.log('as the web app checks a note (previous name as keyed hashes, profile compiled per check), over 5000 runs:');
  const appRow = (what: string, r: { cpu: number[]; wall: number[]; hashes: number }): void =>
    console.log(`  ${what} (${r.hashes.toFixed(0)} HMACs a note): CPU time median ${median(r.cpu).toFixed(3)} ms, p99 ${percentile(r.cpu, 99).toFixed(3)} ms; wall clock median ${median(r.wall).toFixed(3)} ms, p99 ${percentile(r.wall, 99).toFixed(3)} ms`);
  appRow('the same generated notes', app);
  appRow('1,000-word notes of the corpus letters', appLetters);
  const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');
  console.log(`machine: ${availableParallelism()} cores, load average ${load(loadAtStart)} at the start, ${load(loadavg())} at the end (wall-clock figures include time spent waiting for a core)`);
  console.log(`\ncorpus of marked letters: ${score.cases} cases; a detection is a warn or block with the marked category and span (info is not)`);
  console.log('category        marked  found  missed  wrong  precision  recall');
  const row = (name: string, t: { tp: number; fp: number; fn: number }): void =>
    console.log(`${name.padEnd(15)} ${String(t.tp + t.fn).padStart(6)} ${String(t.tp).padStart(6)} ${String(t.fn).padStart(7)} ${String(t.fp).padStart(6)} ${precision(t).toFixed(3).padStart(10)} ${recall(t).toFixed(3).padStart(7)}`);
  for (const [category, t] of [...score.byCategory].sort((a, b) => a[0].localeCompare(b[0]))) row(category, t);
  row('all', score.overall);
  console.log(`(${score.ambiguousMarks} spans marked ambiguous are not counted; ${score.infoNoise} info findings fall outside the marks)`);
  console.log(`held-out letters (written after the weights were set): ${held.cases} cases, precision ${precision(held.overall).toFixed(3)}, recall ${recall(held.overall).toFixed(3)} (${held.overall.tp + held.overall.fn} marks)`);
  const perCategory = Object.fromEntries([...score.byCategory].map(([c, t]) => [c, { precision: Math.round(precision(t) * 1000) / 1000, recall: Math.round(recall(t) * 1000) / 1000 }]));
  console.log(JSON.stringify({
    words,
    withmeWordsPerCpuSecond: Math.round(withmeCpuWps),
    alexWordsPerCpuSecond: Math.round(alexCpuWps),
    ratio: Math.round(ratio * 10) / 10,
    withmeWordsPerSecond: Math.round(withmeWps),
    alexWordsPerSecond: Math.round(alexWps),
    ratioWall: Math.round(ratioWall * 10) / 10,
    p99MsFor1000Words: Math.round(p99 * 1000) / 1000,
    p99WallMsFor1000Words: Math.round(p99Wall * 1000) / 1000,
    p99HashedMsFor1000Words: Math.round(p99Hashed * 1000) / 1000,
    p99HashedLettersMsFor1000Words: Math.round(p99HashedLetters * 1000) / 1000,
    loadAverage: { start: loadAtStart.map((l) => Math.round(l * 10) / 10), end: loadavg().map((l) => Math.round(l * 10) / 10) },
    corpus: { cases: score.cases, precision: Math.round(precision(score.overall) * 1000) / 1000, recall: Math.round(recall(score.overall) * 1000) / 1000, perCategory },
    heldOut: { cases: held.cases, precision: Math.round(precision(held.overall) * 1000) / 1000, recall: Math.round(recall(held.overall) * 1000) / 1000 },
  }));
}

if (import.meta.main) main();
