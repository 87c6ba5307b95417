// npm run bench:language — the language guard against alex on the same generated text, and its
// precision and recall on the corpus of marked letters (src/features/language/engine/corpus).
//
// Generates a deterministic corpus (≥ 100,000 words) of clinical-style English with about 2% of
// words belonging to problem terms, checks it with withme (full guide + a person profile) and
// with alex (default settings) in the same run, and prints figures; the last line is JSON:
// {"words", "withmeWordsPerSecond", "alexWordsPerSecond", "ratio", "p99MsFor1000Words"} (plus
// "p99WallMsFor1000Words", "p99HashedMsFor1000Words" and "corpus": precision and recall per
// category). Words per second are wall-clock medians; the p99 is per-run CPU time (see below),
// with the wall-clock p99 printed beside it.

import { createHmac } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { text as alexText } from 'alex';
import { check, compileGuide, compileProfile, previousNameHashInputs } from '../src/features/language/engine/index.ts';
import { corpus as letters, heldOut, precision, recall, scoreCorpus } from '../src/features/language/engine/corpus/index.ts';
import { languageGuide } from '../src/features/language/index.ts';

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

  // Warm up both, then interleave: 3 rounds of (7 withme runs, 1 alex run), so that both see the
  // same machine load. Medians of the runs.
  for (let i = 0; i < 5; i++) check(corpus, rules);
  alexText(corpus.slice(0, 20_000));
  const withmeTimes: number[] = [];
  const withmeCpu: number[] = [];
  const alexTimes: number[] = [];
  const alexCpu: number[] = [];
  let findings = 0;
  let alexMessages = 0;
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 7; i++) {
      const [wall, cpu] = timed(() => {
        findings = check(corpus, rules).length;
      });
      withmeTimes.push(wall);
      withmeCpu.push(cpu);
    }
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

  // the same notes with the previous name as keyed hashes, as the web app checks them
  // (HMAC-SHA256 per distinct word: the app's cost, not the engine's)
  const hmac = (x: string): string => createHmac('sha256', 'bench-secret').update(x).digest('hex');
  const inputs = previousNameHashInputs('Jamie Rivera', 'Sam Rivera');
  const hashedPerson = compileProfile(
    { name: 'Sam Rivera', title: 'Mx', pronouns: ['they/them'], genderWords: ['person'], avoid: [{ word: 'breasts', instead: ['chest'] }] },
    { hashes: new Set(inputs.sequences.map(hmac)), wordHashes: new Set(inputs.words.map(hmac)), hash: hmac, maxWords: inputs.maxWords },
  );
  const hashedRules = { guide, people: [hashedPerson] };
  const hashedCpu: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const note = notes[i % notes.length]!;
    hashedCpu.push(timed(() => check(note, hashedRules))[1]);
  }
  const p99Hashed = percentile(hashedCpu.slice(notes.length), 99);

  // precision and recall on the marked letters
  const score = scoreCorpus(letters, guide);
  const held = scoreCorpus(heldOut, guide);

  const ratio = withmeWps / alexWps;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
  console.log(`corpus: ${fmt(words)} words, ${fmt(corpus.length)} characters`);
  console.log(`withme: median ${withmeMs.toFixed(2)} ms over ${withmeTimes.length} runs → ${fmt(withmeWps)} words/s (${findings} findings)`);
  console.log(`alex:   median ${alexMs.toFixed(0)} ms over ${alexTimes.length} runs → ${fmt(alexWps)} words/s (${alexMessages} messages)`);
  console.log(`ratio:  ${ratio.toFixed(1)}× alex (wall clock)`);
  const cpuRatio = (words / median(withmeCpu)) / (words / median(alexCpu));
  console.log(`CPU time: withme ${fmt(words / (median(withmeCpu) / 1000))} words/CPU-s, alex ${fmt(words / (median(alexCpu) / 1000))} words/CPU-s, ratio ${cpuRatio.toFixed(1)}×`);
  console.log(`1,000-word note with profile + full guide, over ${noteTimes.length} runs: CPU time median ${median(noteCpu).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms; wall clock median ${median(noteTimes).toFixed(3)} ms, p99 ${p99Wall.toFixed(3)} ms`);
  console.log(`same notes, previous name as keyed hashes (HMAC per distinct word, as the web app): CPU time p99 ${p99Hashed.toFixed(3)} ms`);
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall-clock figures include time spent waiting for a core)`);
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
    withmeWordsPerSecond: Math.round(withmeWps),
    alexWordsPerSecond: Math.round(alexWps),
    ratio: Math.round(ratio * 10) / 10,
    p99MsFor1000Words: Math.round(p99 * 1000) / 1000,
    p99WallMsFor1000Words: Math.round(p99Wall * 1000) / 1000,
    p99HashedMsFor1000Words: Math.round(p99Hashed * 1000) / 1000,
    corpus: { cases: score.cases, precision: Math.round(precision(score.overall) * 1000) / 1000, recall: Math.round(recall(score.overall) * 1000) / 1000, perCategory },
    heldOut: { cases: held.cases, precision: Math.round(precision(held.overall) * 1000) / 1000, recall: Math.round(recall(held.overall) * 1000) / 1000 },
  }));
}

if (import.meta.main) main();
