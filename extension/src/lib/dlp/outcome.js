// From a scan and the person's choice to what happens: which findings are replaced by placeholders, and the
// detections to report (detector id, count, action, outcome; never text).
import { masked } from './redact.js';

/**
 * @typedef {import('./scan.js').ScanResult} ScanResult
 * @typedef {import('./scan.js').Finding} Finding
 * @typedef {import('./report.js').Detection} Detection
 * @typedef {'remove' | 'send' | 'not-sensitive' | 'cancel' | 'none'} Choice none: nothing was asked (BLOCK, REDACT)
 */

/** @param {Finding} f */
const monitoredOnly = (f) => f.detector.monitor || f.detector.action === 'ALLOW';

/**
 * The findings whose matches are replaced: all that interrupt when the person chose "Remove it", else the REDACT ones
 * (unless the person cancelled or the text was refused).
 * @param {ScanResult} result
 * @param {Choice} choice
 */
export function findingsToRedact(result, choice) {
  if (result.action === 'BLOCK' || choice === 'cancel') return [];
  if (choice === 'remove') return result.interrupting;
  return result.interrupting.filter((f) => f.detector.action === 'REDACT');
}

/**
 * @param {ScanResult} result
 * @param {'paste' | 'submit'} trigger
 * @param {Choice} choice
 * @param {number} [justification]
 * @returns {Detection[]}
 */
export function detectionsFor(result, trigger, choice, justification) {
  return result.findings.map((f) => {
    const { id, action } = f.detector;
    /** @type {Detection['outcome']} */
    let outcome;
    if (monitoredOnly(f)) outcome = 'monitored';
    else if (result.action === 'BLOCK') outcome = 'blocked';
    else if (choice === 'cancel') outcome = 'cancelled';
    else if (choice === 'remove') outcome = 'removed';
    else if (action === 'REDACT') outcome = 'redacted';
    else outcome = choice === 'not-sensitive' ? 'not-sensitive' : 'sent-anyway';
    /** @type {Detection} */
    const detection = { detector: id, matches: f.ranges.length, trigger, action, outcome };
    if (outcome === 'sent-anyway' && justification !== undefined) detection.justification = justification;
    return detection;
  });
}

/**
 * What the warning lists: each detector's name, count and up to three distinct masked values.
 * @param {string} text
 * @param {Finding[]} findings
 */
export function shownFindings(text, findings) {
  return findings.map((f) => ({
    name: f.detector.name,
    count: f.ranges.length,
    samples: [...new Set(f.ranges.map(([s, e]) => masked(text.slice(s, e), f.detector.label)))].slice(0, 3),
  }));
}
