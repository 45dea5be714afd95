// Admins' own detectors. Keyword lists become one alternation of escaped literals (no repetition at all, so the
// time is linear in the text); regular expressions run with re2js, the JavaScript port of RE2/J, so they mean what
// the server validated with RE2/J and run in linear time whatever the pattern.
import { RE2JS } from 're2js';

/** @typedef {[number, number]} Range */

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Whole words or phrases: "Falcon" is found in "Falcon's plan" but not in "Falconry".
 * @param {string[]} keywords
 * @param {boolean} caseSensitive
 * @returns {(text: string) => Range[]}
 */
export function keywordFinder(keywords, caseSensitive) {
  const words = [...new Set(keywords.map((k) => k.trim()).filter((k) => k.length > 0))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return () => [];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  const pattern = new RegExp(`(?:${escaped.join('|')})`, caseSensitive ? 'gu' : 'giu');
  return (text) => {
    /** @type {Range[]} */
    const found = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const before = start > 0 ? text[start - 1] : '';
      const after = text[end] ?? '';
      const bounded = (!WORD.test(m[0][0]) || !WORD.test(before)) && (!WORD.test(m[0][m[0].length - 1]) || !WORD.test(after));
      if (bounded) found.push([start, end]);
      else pattern.lastIndex = start + 1;
    }
    return found;
  };
}

/**
 * @param {string} pattern RE2 syntax the server accepted
 * @param {boolean} caseSensitive
 * @returns {((text: string) => Range[]) | null} null when the pattern does not compile here (the detector is skipped)
 */
export function regexFinder(pattern, caseSensitive) {
  let compiled;
  try {
    compiled = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch {
    return null;
  }
  return (text) => {
    /** @type {Range[]} */
    const found = [];
    const matcher = compiled.matcher(text);
    while (found.length < MAX_MATCHES && matcher.find()) {
      if (matcher.end() > matcher.start()) found.push([matcher.start(), matcher.end()]);
    }
    return found;
  };
}

/** What an event may report as a count; a scan stops counting there. */
export const MAX_MATCHES = 10000;
