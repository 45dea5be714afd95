import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseBundle } from '../src/lib/bundle.js';
import { sampleBundle } from './sample-bundle.js';

/** @param {unknown} value */
const bytes = (value) => new TextEncoder().encode(JSON.stringify(value));

describe('parseBundle', () => {
  it('accepts a bundle that matches the schema', () => {
    const result = parseBundle(bytes(sampleBundle()));
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.bundle.organization.name, 'Acme');
  });

  it('accepts a bundle without published guidelines', () => {
    assert.equal(parseBundle(bytes({ ...sampleBundle(), guidelines: null })).ok, true);
  });

  it('refuses bytes that are not JSON or not UTF-8', () => {
    assert.deepEqual(parseBundle('{"schemaVersion":'), { ok: false, reason: 'the bundle is not JSON' });
    assert.equal(parseBundle(new Uint8Array([0x7b, 0xff, 0x7d])).ok, false);
  });

  /** @type {[string, (b: any) => void][]} */
  const broken = [
    ['a missing required field', (b) => delete b.services],
    ['an unknown field', (b) => (b.extra = true)],
    ['another schema version', (b) => (b.schemaVersion = 2)],
    ['an unknown action', (b) => (b.services[0].action = 'MAYBE')],
    ['a refresh below the minimum', (b) => (b.refreshSeconds = 1)],
    ['a policy version that is not a SHA-256', (b) => (b.policyVersion = 'v1')],
    ['a settings URL that is not https', (b) => (b.services[0].historyReminder.settingsUrl = 'javascript:alert(1)')],
    ['an alternative that is not a web URL', (b) => (b.services[0].alternative.url = 'javascript:alert(1)')],
    ['an issuedAt that is not a date-time', (b) => (b.issuedAt = 'yesterday')],
    ['a duplicate group', (b) => (b.groups = ['a', 'a'])],
    ['an organization name over 200 characters', (b) => (b.organization.name = 'x'.repeat(201))],
  ];
  for (const [what, change] of broken) {
    it(`refuses ${what}`, () => {
      const bundle = sampleBundle();
      change(bundle);
      const result = parseBundle(bytes(bundle));
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.reason : '', /schema/);
    });
  }

  it('counts code points, not UTF-16 units, for maxLength', () => {
    const bundle = sampleBundle();
    bundle.organization.name = '😀'.repeat(200);
    assert.equal(parseBundle(bytes(bundle)).ok, true);
  });
});
