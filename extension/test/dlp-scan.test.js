import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultDlpView, dlpViewFor } from '../src/lib/dlp/config.js';
import { keywordFinder, regexFinder } from '../src/lib/dlp/custom.js';
import { applyReplacements, masked, replacementsFor } from '../src/lib/dlp/redact.js';
import { compileScanners, scanText } from '../src/lib/dlp/scan.js';

/** @returns {import('../src/lib/dlp/config.js').BundleDlp} the contract's example */
const bundleDlp = () => ({
  scanLimitChars: 100000,
  unknownAiSites: false,
  justifications: ['Test or sample data', 'Approved by the data owner'],
  detectors: [
    { id: 'payment-card', kind: 'builtin', name: 'Payment card number', threshold: 1, monitor: false, actions: { default: 'WARN', services: { chatgpt: 'BLOCK' } }, requireJustification: false },
    { id: 'kw-3', kind: 'keywords', name: 'Project code names', keywords: ['Falcon', 'Blue Heron'], caseSensitive: false, threshold: 1, monitor: false, actions: { default: 'WARN', services: {} }, requireJustification: true },
    { id: 're-4', kind: 'regex', name: 'Customer numbers', pattern: 'CUST-[0-9]{6}', caseSensitive: true, threshold: 2, monitor: false, actions: { default: 'REDACT', services: {} }, requireJustification: false },
    { id: 'jwt', kind: 'builtin', name: 'JSON Web Token', threshold: 1, monitor: true, actions: { default: 'BLOCK', services: {} }, requireJustification: false },
  ],
  uploads: { default: { action: 'ALLOW' }, services: { chatgpt: { action: 'BLOCK' } } },
});

describe('DLP configuration and scanning', () => {
  it('uses the eleven default detectors with WARN when the bundle has no dlp part, and nothing on unknown sites', () => {
    const view = dlpViewFor(undefined, 'chatgpt');
    assert.deepEqual(view, defaultDlpView());
    assert.equal(view?.detectors.length, 11);
    assert.ok(view?.detectors.every((d) => d.action === 'WARN' && d.threshold === 1));
    assert.equal(dlpViewFor(undefined, undefined), null);
    const result = scanText('my card 4111 1111 1111 1111', compileScanners(/** @type {any} */ (view)), 100000);
    assert.equal(result.action, 'WARN');
    assert.deepEqual(result.findings.map((f) => [f.detector.id, f.ranges.length]), [['payment-card', 1]]);
  });

  it('resolves each detector action per service, and unknown AI sites only when the admin turned them on', () => {
    const dlp = bundleDlp();
    assert.equal(dlpViewFor(dlp, 'chatgpt')?.detectors[0].action, 'BLOCK');
    assert.equal(dlpViewFor(dlp, 'gemini')?.detectors[0].action, 'WARN');
    assert.deepEqual(dlpViewFor(dlp, 'chatgpt')?.upload, { action: 'BLOCK' });
    assert.deepEqual(dlpViewFor(dlp, 'gemini')?.upload, { action: 'ALLOW' });
    assert.equal(dlpViewFor(dlp, undefined), null);
    assert.equal(dlpViewFor({ ...dlp, unknownAiSites: true }, undefined)?.detectors[0].action, 'WARN');
    assert.deepEqual(dlpViewFor({ ...dlp, detectors: [] }, 'chatgpt')?.detectors, [], 'detectors turned off are absent');
  });

  it('applies thresholds, takes the strongest action, and never interrupts for monitored detectors', () => {
    const scanners = compileScanners(/** @type {any} */ (dlpViewFor(bundleDlp(), 'gemini')));
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const one = scanText(`customer CUST-123456 and ${jwt}`, scanners, 100000);
    assert.deepEqual(one.findings.map((f) => f.detector.id), ['jwt'], 'one customer number is under the threshold of 2');
    assert.equal(one.action, 'ALLOW', 'jwt is monitored: recorded, not interrupting');
    const two = scanText('CUST-123456, CUST-654321 for project falcon', scanners, 100000);
    assert.deepEqual(two.findings.map((f) => [f.detector.id, f.ranges.length]), [['kw-3', 1], ['re-4', 2]]);
    assert.equal(two.action, 'WARN');
    assert.deepEqual(two.interrupting.map((f) => f.detector.action), ['WARN', 'REDACT']);
    const blocked = scanText('4111111111111111 falcon', compileScanners(/** @type {any} */ (dlpViewFor(bundleDlp(), 'chatgpt'))), 100000);
    assert.equal(blocked.action, 'BLOCK');
  });

  it('scans no more than the scan limit', () => {
    const scanners = compileScanners(defaultDlpView());
    const text = `${'x'.repeat(500)} 4111 1111 1111 1111`;
    assert.equal(scanText(text, scanners, 500).findings.length, 0);
    assert.equal(scanText(text, scanners, 500).scannedChars, 500);
    assert.equal(scanText(text, scanners, 600).findings.length, 1);
  });

  it('matches keywords as whole words or phrases, case-insensitively when asked', () => {
    const find = keywordFinder(['Falcon', 'Blue Heron', 'C++', '  '], false);
    const text = 'FALCON, Falconry, blue heron! xFalcon "Falcon" c++ code';
    assert.deepEqual(find(text).map(([s, e]) => text.slice(s, e)), ['FALCON', 'blue heron', 'Falcon', 'c++']);
    assert.deepEqual(keywordFinder(['Falcon'], true)('FALCON falcon Falcon').length, 1);
    assert.deepEqual(keywordFinder([], false)('anything'), []);
  });

  it('runs custom regexes with RE2 semantics in linear time, and skips what does not compile', () => {
    const find = regexFinder('CUST-[0-9]{6}', true);
    const text = 'CUST-123456 cust-123456 é😀 CUST-000001';
    assert.deepEqual(find?.(text).map(([s, e]) => text.slice(s, e)), ['CUST-123456', 'CUST-000001']);
    assert.equal(regexFinder('cust-[0-9]{6}', false)?.(text).length, 3);
    assert.equal(regexFinder('(a)\\1', true), null, 'a backreference is not RE2');
    assert.equal(regexFinder('(?=a)b', true), null, 'lookaround is not RE2');
    // (a+)+$ takes exponential time with a backtracking engine; RE2 answers at once.
    assert.deepEqual(regexFinder('(a+)+$', true)?.(`${'a'.repeat(50000)}!`), []);
  });

  it('redacts with numbered placeholders and masks what the warning shows', () => {
    const text = 'card 4111 1111 1111 1111, again 4111 1111 1111 1111, and 5555555555554444';
    const ranges = /** @type {[number, number][]} */ ([[5, 24], [32, 51], [57, 73]]);
    const replaced = applyReplacements(text, replacementsFor(text, [{ label: 'CARD', ranges }]));
    assert.equal(replaced, 'card [CARD-1], again [CARD-1], and [CARD-2]');
    const overlapping = replacementsFor('abcdef', [{ label: 'A', ranges: [[0, 3]] }, { label: 'B', ranges: [[2, 5]] }]);
    assert.deepEqual(overlapping, [{ start: 0, end: 5, placeholder: '[A-1]' }]);
    assert.equal(masked('4111 1111 1111 1111', 'CARD'), '4111 •••• •••• 1111');
    assert.equal(masked('AKIAIOSFODNN7EXAMPLE', 'AWS-KEY'), 'AKIA••••••••••••');
    assert.equal(masked('Falcon', 'KEYWORD'), 'Fa••••');
  });
});
