import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { makeEvent } from '../src/lib/client-events.js';
import { dlpViewFor } from '../src/lib/dlp/config.js';
import { detectionsFor, findingsToRedact, shownFindings } from '../src/lib/dlp/outcome.js';
import { checkDetections } from '../src/lib/dlp/report.js';
import { compileScanners, scanText } from '../src/lib/dlp/scan.js';
import { fileType, sizeBucket, uploadAction } from '../src/lib/dlp/upload.js';

/** @param {string} id @param {'ALLOW' | 'WARN' | 'REDACT' | 'BLOCK'} action @param {Partial<import('../src/lib/dlp/config.js').BundleDetector>} [more] */
const detector = (id, action, more = {}) => ({ id, kind: /** @type {const} */ ('builtin'), name: id, threshold: 1, monitor: false, actions: { default: action, services: {} }, requireJustification: false, ...more });
/** @param {ReturnType<typeof detector>[]} detectors */
const scanners = (detectors) =>
  compileScanners(/** @type {any} */ (dlpViewFor({ scanLimitChars: 100000, unknownAiSites: false, justifications: ['Test data'], detectors, uploads: { default: { action: 'ALLOW' }, services: {} } }, 'chatgpt')));
const TEXT = 'card 4111 1111 1111 1111 key AKIAIOSFODNN7EXAMPLE';

describe('DLP outcomes and reports', () => {
  it('reports each detector with its count, action and the outcome of the choice, never text', () => {
    const result = scanText(TEXT, scanners([detector('payment-card', 'WARN'), detector('aws-access-key', 'REDACT'), detector('jwt', 'BLOCK')]), 100000);
    assert.equal(result.action, 'WARN');
    assert.deepEqual(detectionsFor(result, 'paste', 'send', 0), [
      { detector: 'payment-card', matches: 1, trigger: 'paste', action: 'WARN', outcome: 'sent-anyway', justification: 0 },
      { detector: 'aws-access-key', matches: 1, trigger: 'paste', action: 'REDACT', outcome: 'redacted' },
    ]);
    assert.deepEqual(detectionsFor(result, 'submit', 'remove').map((d) => d.outcome), ['removed', 'removed']);
    assert.deepEqual(detectionsFor(result, 'submit', 'cancel').map((d) => d.outcome), ['cancelled', 'cancelled']);
    assert.deepEqual(detectionsFor(result, 'submit', 'not-sensitive').map((d) => d.outcome), ['not-sensitive', 'redacted']);
    assert.deepEqual(findingsToRedact(result, 'send').map((f) => f.detector.id), ['aws-access-key'], 'REDACT applies even when sent anyway');
    assert.deepEqual(findingsToRedact(result, 'remove').map((f) => f.detector.id), ['payment-card', 'aws-access-key']);
    assert.deepEqual(findingsToRedact(result, 'cancel'), []);
    const reported = JSON.stringify(detectionsFor(result, 'paste', 'send', 0));
    for (const secret of ['4111', 'AKIA', 'EXAMPLE']) assert.ok(!reported.includes(secret));
  });

  it('blocks when any detector blocks, and records monitored detectors without interrupting', () => {
    const result = scanText(TEXT, scanners([detector('payment-card', 'BLOCK'), detector('aws-access-key', 'BLOCK', { monitor: true })]), 100000);
    assert.equal(result.action, 'BLOCK');
    assert.deepEqual(detectionsFor(result, 'paste', 'none').map((d) => [d.detector, d.action, d.outcome]), [['payment-card', 'BLOCK', 'blocked'], ['aws-access-key', 'BLOCK', 'monitored']]);
    assert.deepEqual(findingsToRedact(result, 'remove'), []);
  });

  it('shows masked values only', () => {
    const result = scanText(TEXT, scanners([detector('payment-card', 'WARN')]), 100000);
    assert.deepEqual(shownFindings(TEXT, result.findings), [{ name: 'payment-card', count: 1, samples: ['4111 •••• •••• 1111'] }]);
  });

  it('keeps only well-formed detections from a page script, and sends them flat in a dlp_detected event', () => {
    const good = { detector: 'kw-3', matches: 2, trigger: 'submit', action: 'WARN', outcome: 'sent-anyway', justification: 1 };
    const upload = { detector: 'upload', trigger: 'upload', action: 'BLOCK', outcome: 'blocked', fileType: 'image', sizeBucket: '<1MB' };
    const bad = [
      { ...good, text: '4111 1111 1111 1111' },
      { ...good, matches: 0 },
      { ...good, detector: 'Kw 3' },
      { ...good, outcome: 'maybe' },
      { ...good, trigger: 'upload' },
      { ...good, fileType: 'image' },
      { ...upload, name: 'salaries.xlsx' },
      { ...upload, sizeBucket: '5MB' },
      'payment-card',
    ];
    const checked = checkDetections([good, upload, ...bad]);
    assert.deepEqual(checked, [good, upload, { ...good }, { ...upload }], 'extra fields are dropped, invalid ones refused');
    const { action, ...dlp } = checked[0];
    const event = makeEvent({ type: 'dlp_detected', serviceKey: 'chatgpt', host: 'chatgpt.com', action, dlp }, { deviceId: 'd', extensionVersion: '1', now: 0, id: 'x' });
    assert.deepEqual(event, { id: 'x', occurredAt: '1970-01-01T00:00:00.000Z', deviceId: 'd', extensionVersion: '1', type: 'dlp_detected', serviceKey: 'chatgpt', host: 'chatgpt.com', action: 'WARN', ...dlp });
    assert.deepEqual(checkDetections('not a list'), []);
  });

  it('decides uploads by type and size: the action for files that fit, BLOCK for the rest', () => {
    const rule = { action: /** @type {const} */ ('WARN'), maxBytes: 10 * 1024 * 1024, types: ['application/pdf', 'image/*'] };
    assert.equal(uploadAction(rule, { type: 'image/png', size: 1000 }), 'WARN');
    assert.equal(uploadAction(rule, { type: 'application/pdf', size: 11 * 1024 * 1024 }), 'BLOCK');
    assert.equal(uploadAction(rule, { type: 'text/csv', size: 10 }), 'BLOCK');
    assert.equal(uploadAction({ action: 'ALLOW' }, { type: '', size: 10 }), 'ALLOW');
    assert.deepEqual([fileType('image/png'), fileType('x-weird/thing'), fileType('')], ['image', 'unknown', 'unknown']);
    assert.deepEqual([sizeBucket(10), sizeBucket(2 * 1024 * 1024), sizeBucket(11 * 1024 * 1024)], ['<1MB', '1-10MB', '>10MB']);
  });
});
