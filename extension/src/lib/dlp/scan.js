// Scans a text with the detectors of a page and works out what to do: the strongest action among the detectors that
// reached their threshold (BLOCK over WARN over REDACT over ALLOW); detectors in monitor mode and ALLOW detectors
// are recorded and never interrupt. Only the first `scanLimitChars` characters are looked at.
import { BUILTIN_BY_ID } from './builtins.js';
import { keywordFinder, MAX_MATCHES, regexFinder } from './custom.js';

/**
 * @typedef {import('./config.js').DlpView} DlpView
 * @typedef {import('./config.js').DetectorView} DetectorView
 * @typedef {import('./config.js').DlpAction} DlpAction
 * @typedef {[number, number]} Range
 * @typedef {DetectorView & { label: string, find: (text: string) => Range[] }} Scanner
 * @typedef {{ detector: Scanner, ranges: Range[] }} Finding
 * @typedef {{ findings: Finding[], action: DlpAction, interrupting: Finding[], scannedChars: number }} ScanResult
 */

const STRENGTH = { ALLOW: 0, REDACT: 1, WARN: 2, BLOCK: 3 };

/**
 * Compiles the page's detectors once; ones this browser cannot run (an unknown built-in id, a pattern that does not
 * compile) are left out.
 * @param {DlpView} view
 * @returns {Scanner[]}
 */
export function compileScanners(view) {
  return view.detectors.flatMap((d) => {
    if (d.kind === 'builtin') {
      const builtin = BUILTIN_BY_ID.get(d.id);
      return builtin === undefined ? [] : [{ ...d, label: builtin.label, find: builtin.find }];
    }
    if (d.kind === 'keywords') return [{ ...d, label: 'KEYWORD', find: keywordFinder(d.keywords ?? [], d.caseSensitive) }];
    const find = regexFinder(d.pattern ?? '', d.caseSensitive);
    return find === null ? [] : [{ ...d, label: 'MATCH', find }];
  });
}

/**
 * @param {string} text
 * @param {Scanner[]} scanners
 * @param {number} limit characters scanned at most
 * @param {(value: string) => boolean} [skip] values the person already chose to send on this page
 * @returns {ScanResult}
 */
export function scanText(text, scanners, limit, skip) {
  const scanned = text.length > limit ? text.slice(0, limit) : text;
  /** @type {Finding[]} */
  const findings = [];
  for (const detector of scanners) {
    let ranges = detector.find(scanned).slice(0, MAX_MATCHES);
    if (skip !== undefined) ranges = ranges.filter(([s, e]) => !skip(scanned.slice(s, e)));
    if (ranges.length > 0 && ranges.length >= detector.threshold) findings.push({ detector, ranges });
  }
  const interrupting = findings.filter((f) => !f.detector.monitor && f.detector.action !== 'ALLOW');
  /** @type {DlpAction} */
  let action = 'ALLOW';
  for (const f of interrupting) if (STRENGTH[f.detector.action] > STRENGTH[action]) action = f.detector.action;
  return { findings, action, interrupting, scannedChars: scanned.length };
}
