// Data-protection scan benchmark: the time to scan 10 KB of prompt-like text with every built-in detector and 100
// custom keywords (target: at most 2 ms median), and 100 KB against it (linear growth shows as about 10x); the scan
// part of the time a paste (500 characters) and a submit (2,000 characters) add; and a reference in the same run
// (one lower-casing pass over the same text). Prints figures and ratios; not a test.
//
//   node bench/extension/dlp-scan.js      (after `cd extension && npm ci`)
import { performance } from 'node:perf_hooks';

import { BUILTIN_DETECTORS } from '../../extension/src/lib/dlp/builtins.js';
import { compileScanners, scanText } from '../../extension/src/lib/dlp/scan.js';

const KEYWORDS = Array.from({ length: 100 }, (_, i) => `Codename ${['Falcon', 'Heron', 'Osprey', 'Kestrel'][i % 4]} ${i}`);
const view = {
  scanLimitChars: 1_000_000,
  justifications: [],
  upload: { action: /** @type {const} */ ('ALLOW') },
  detectors: [
    ...BUILTIN_DETECTORS.map((d) => ({ id: d.id, kind: /** @type {const} */ ('builtin'), name: d.name, caseSensitive: true, threshold: 1, action: /** @type {const} */ ('WARN'), monitor: false, requireJustification: false })),
    { id: 'kw-1', kind: /** @type {const} */ ('keywords'), name: 'code names', keywords: KEYWORDS, caseSensitive: false, threshold: 1, action: /** @type {const} */ ('WARN'), monitor: false, requireJustification: false },
  ],
};
const scanners = compileScanners(view);

const WORDS = 'the customer asked why the invoice from march was higher than usual please draft a reply that explains the new rates and apologises for the delay we can offer a discount of 10 percent on the next order call me at 030 1234 5678 or write to jane.doe@example.com'.split(' ');
/** Prompt-like text of `size` characters: words, numbers, a few findings (a card number, a key, a code name). */
function textOf(size) {
  let text = '';
  let i = 0;
  while (text.length < size) {
    text += `${WORDS[i % WORDS.length]} `;
    if (i % 400 === 17) text += 'card 4111 1111 1111 1111 and key AKIAIOSFODNN7EXAMPLE for Codename Heron 5 ';
    i++;
  }
  return text.slice(0, size);
}

/** Median and p90 in ms of `rounds` calls of `fn`, after warm-up. */
function time(fn, rounds) {
  for (let i = 0; i < Math.min(20, rounds); i++) fn();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(rounds / 2)], p90: times[Math.floor(rounds * 0.9)] };
}

const fmt = (/** @type {number} */ ms) => `${ms.toFixed(3)} ms`;
console.log(`detectors: ${BUILTIN_DETECTORS.length} built-in + 1 keyword list of ${KEYWORDS.length} keywords`);
const results = new Map();
for (const [name, size, rounds] of /** @type {const} */ ([['paste (500 chars)', 500, 2000], ['submit (2,000 chars)', 2000, 1000], ['10 KB', 10_000, 400], ['100 KB', 100_000, 60]])) {
  const text = textOf(size);
  const findings = scanText(text, scanners, Infinity).findings.map((f) => `${f.detector.id}×${f.ranges.length}`).join(', ');
  const scan = time(() => scanText(text, scanners, Infinity), rounds);
  const reference = time(() => text.toLowerCase().length, rounds);
  results.set(size, scan.median);
  console.log(`${name.padEnd(22)} scan median ${fmt(scan.median)} (p90 ${fmt(scan.p90)}); reference (toLowerCase) ${fmt(reference.median)}; ratio ${(scan.median / reference.median).toFixed(0)}x; found ${findings}`);
}
console.log(`10 KB median ${fmt(results.get(10_000))} against the 2 ms target: ${results.get(10_000) <= 2 ? 'within' : 'OVER'}`);
console.log(`growth 10 KB -> 100 KB: ${(results.get(100_000) / results.get(10_000)).toFixed(1)}x for 10x the text (linear is about 10x)`);
