// URL-decision benchmark for the extension's matcher: per-URL decision time (median, p99) at 1,000 and 10,000
// blocklist patterns, against the previous full scan of every pattern in the same run; policy compile time; and how
// many declarativeNetRequest rules (and regex rules) the blocklist needs. Prints figures; not a test.
//
//   node bench/extension/run.js            (after `cd extension && npm ci && npm run generate`)
import { performance } from 'node:perf_hooks';

import { decideUrl } from '../../extension/src/lib/decision.js';
import { compileDnrRules } from '../../extension/src/lib/dnr-rules.js';
import { compilePolicy } from '../../extension/src/lib/policy.js';
import { takesPrecedence } from '../../extension/src/lib/url-filter-decider.js';
import { matchesTarget } from '../../extension/src/lib/url-filter-matcher.js';
import { decide, toTarget } from '../../extension/src/lib/url-filter.js';
import { bundleWith, urlsFor } from './blocklist.js';

const SIZES = [1_000, 10_000];
const URLS = 20_000;
const BLOCKED_PAGE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/pages/blocked.html';

/** The matcher before the host index: every filter is tried for every URL. */
function scanAll(/** @type {readonly import('../../extension/src/lib/url-filter.js').FilterEntry[]} */ entries, target) {
  let best = null;
  let bestPosition = -1;
  entries.forEach((entry, position) => {
    if (!matchesTarget(entry.filter, target, entry.kind === 'ALLOW')) return;
    if (best === null || takesPrecedence(entry, position, best, bestPosition)) {
      best = entry;
      bestPosition = position;
    }
  });
  return best;
}

/** Per-call times in µs of `fn` over `inputs`, after a warm-up pass. */
function timeEach(inputs, fn, rounds = 3) {
  for (const input of inputs) fn(input);
  const times = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = performance.now();
      fn(input);
      times.push((performance.now() - start) * 1000);
    }
  }
  return stats(times);
}

function stats(/** @type {number[]} */ values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99) };
}

const fmt = (/** @type {number} */ n, digits = 2) => n.toFixed(digits).padStart(8);
// The timer's own cost, to read the figures against.
const timer = timeEach(Array.from({ length: URLS }, (_, i) => i), () => undefined);
console.log(`node ${process.version}; per-call timer overhead: median ${timer.median.toFixed(3)} µs\n`);

for (const size of SIZES) {
  const bundle = bundleWith(size);
  const compileTimes = [];
  let policy = compilePolicy(bundle);
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    policy = compilePolicy(bundle);
    compileTimes.push(performance.now() - start);
  }
  const dnrTimes = [];
  let compiled = compileDnrRules(policy.contest, { blockedPage: BLOCKED_PAGE });
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    compiled = compileDnrRules(policy.contest, { blockedPage: BLOCKED_PAGE });
    dnrTimes.push(performance.now() - start);
  }

  const urls = urlsFor(size, URLS);
  const targets = urls.map((u) => toTarget(u));
  // Same answers from both matchers, or the figures mean nothing.
  for (const target of targets) {
    if (decide(policy.contest, target) !== scanAll(policy.contest, target)) throw new Error(`matchers disagree on ${JSON.stringify(target)}`);
  }
  const full = timeEach(urls, (url) => decideUrl(policy, url));
  const indexed = timeEach(targets, (target) => decide(policy.contest, target));
  const scan = timeEach(targets, (target) => scanAll(policy.contest, target));

  console.log(`${size} blocklist patterns (${policy.contest.length} filters in the contest, ${policy.services.length} service hosts)`);
  console.log(`  decideUrl (URL string to decision), indexed  median ${fmt(full.median)} µs  p99 ${fmt(full.p99)} µs`);
  console.log(`  blocklist contest only, indexed              median ${fmt(indexed.median)} µs  p99 ${fmt(indexed.p99)} µs`);
  console.log(`  blocklist contest only, scanning all (before) median ${fmt(scan.median)} µs  p99 ${fmt(scan.p99)} µs`);
  console.log(`  index speed-up on the contest: median ${(scan.median / indexed.median).toFixed(0)}x, p99 ${(scan.p99 / indexed.p99).toFixed(0)}x`);
  const compile = stats(compileTimes);
  const dnr = stats(dnrTimes);
  console.log(`  compilePolicy (parse + index)   median ${fmt(compile.median)} ms`);
  console.log(`  compileDnrRules                 median ${fmt(dnr.median)} ms`);
  console.log(
    `  DNR rules: ${compiled.rules.length} (${compiled.stats.regex} regex, ${compiled.stats.redirect} redirect, ${compiled.stats.allow} allow, ${compiled.afterLoad.length} urlFilter-only); ` +
      `left out: ${compiled.skipped.length}\n`,
  );
}
