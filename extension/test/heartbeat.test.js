import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { detectBrowser, heartbeatKey, makeHeartbeat, MAX_SKIPPED } from '../src/lib/heartbeat.js';

/** @type {import('../src/lib/heartbeat.js').HeartbeatFacts} */
const FACTS = {
  deviceId: '6f1c2a52-4a55-4f43-9d0e-2b1d3c4e5f60',
  extensionVersion: '1.4.0',
  browser: { browser: 'chromium', version: '156.0.0.0' },
  identityMode: 'none',
  policyVersion: `sha256:${'a'.repeat(64)}`,
  enforcement: { skipped: [] },
  sync: { lastSuccessAt: Date.UTC(2026, 11, 2, 6, 0) },
  tenantRestrictionRules: 2,
};

describe('makeHeartbeat', () => {
  it('reports versions, the policy in force and the tenant-restriction rules in force', () => {
    assert.deepEqual(makeHeartbeat(FACTS), {
      deviceId: FACTS.deviceId,
      extensionVersion: '1.4.0',
      browser: 'chromium',
      browserVersion: '156.0.0.0',
      identityMode: 'none',
      policyVersion: FACTS.policyVersion,
      skippedCount: 0,
      skipped: [],
      tenantRestrictionRules: 2,
      lastSyncAt: '2026-12-02T06:00:00.000Z',
    });
  });

  it('leaves out the policy version before the first policy', () => {
    assert.equal('policyVersion' in makeHeartbeat({ ...FACTS, policyVersion: null }), false);
  });

  it('counts every skipped rule, the refused rule update and the tenant restrictions, and sends the first 50, clipped', () => {
    const skipped = Array.from({ length: 120 }, (_, i) => ({ pattern: `p${i}.example/${'x'.repeat(600)}`, reason: 'over the browser rule limits' }));
    const beat = makeHeartbeat({
      ...FACTS,
      enforcement: { skipped, tenantSkipped: [{ service: 'chatgpt', reason: 'over the tenant-restriction rule range' }], error: 'E'.repeat(400) },
      sync: { lastError: 'the server answered HTTP 503' },
    });
    assert.equal(beat.skippedCount, 122);
    assert.equal(beat.skipped.length, MAX_SKIPPED);
    assert.deepEqual(beat.skipped[0], { pattern: '(rule update)', reason: `${'E'.repeat(199)}…` });
    assert.ok(beat.skipped.every((s) => s.pattern.length <= 500 && s.reason.length <= 200));
    assert.equal(beat.lastSyncError, 'the server answered HTTP 503');
    assert.equal('lastSyncAt' in beat, false);
  });

  it('reports withheld site access first, as an entry of its own', () => {
    const beat = makeHeartbeat({
      ...FACTS,
      enforcement: { skipped: [{ pattern: 'x.example/?q', reason: 'over the browser rule limits' }], error: 'refused', hostAccess: 'no access to websites' },
    });
    assert.equal(beat.skippedCount, 3);
    assert.deepEqual(beat.skipped.map((s) => s.pattern), ['(site access)', '(rule update)', 'x.example/?q']);
    assert.equal(beat.skipped[0].reason, 'no access to websites');
  });

  it('keys a report by everything but the time of the last sync', () => {
    const a = makeHeartbeat(FACTS);
    assert.equal(heartbeatKey(a), heartbeatKey(makeHeartbeat({ ...FACTS, sync: { lastSuccessAt: Date.now() } })));
    assert.notEqual(heartbeatKey(a), heartbeatKey(makeHeartbeat({ ...FACTS, policyVersion: `sha256:${'b'.repeat(64)}` })));
  });
});

describe('detectBrowser', () => {
  const chromeUa = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
  it('tells Chrome, Chromium, Edge and Firefox apart', () => {
    const brands = (/** @type {string} */ name) => [{ brand: 'Not.A/Brand', version: '99' }, { brand: 'Chromium', version: '156' }, { brand: name, version: '156' }];
    assert.deepEqual(detectBrowser({ userAgent: chromeUa, brands: brands('Google Chrome') }), { browser: 'chrome', version: '156.0.0.0' });
    assert.deepEqual(detectBrowser({ userAgent: chromeUa, brands: brands('Chromium') }), { browser: 'chromium', version: '156.0.0.0' });
    assert.deepEqual(detectBrowser({ userAgent: `${chromeUa} Edg/156.0.3000.1`, brands: brands('Microsoft Edge') }), { browser: 'edge', version: '156.0.3000.1' });
    assert.deepEqual(detectBrowser({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', firefox: { name: 'Firefox', version: '153.0esr' } }), { browser: 'firefox', version: '153.0' });
    assert.deepEqual(detectBrowser({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0' }), { browser: 'firefox', version: '153.0' });
    assert.deepEqual(detectBrowser({ userAgent: 'Something/1' }), { browser: 'other', version: '0' });
  });
});
