import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decideUrl } from '../src/lib/decision.js';
import { compilePolicy } from '../src/lib/policy.js';
import { sampleBundle } from './sample-bundle.js';

/** @param {(b: import('../src/lib/bundle.js').PolicyBundle) => void} [change] */
function policy(change) {
  const bundle = sampleBundle();
  change?.(bundle);
  return compilePolicy(bundle);
}

/** @param {import('../src/lib/decision.js').Decision} d */
const summary = (d) => ({ action: d.action, source: d.source, service: d.service?.key, reason: d.reason });

describe('decideUrl', () => {
  const p = policy();
  /** @type {[string, object][]} */
  const cases = [
    ['https://chatgpt.com/', { action: 'WARN', source: 'service', service: 'chatgpt', reason: undefined }],
    ['https://chat.openai.com/c/123', { action: 'WARN', source: 'service', service: 'chatgpt', reason: undefined }],
    ['https://gemini.google.com/app', { action: 'ACKNOWLEDGE', source: 'service', service: 'gemini', reason: undefined }],
    ['https://www.midjourney.com/imagine', { action: 'BLOCK', source: 'service', service: 'midjourney', reason: undefined }],
    ['https://discord.com/channels/662267976984297473/1', { action: 'BLOCK', source: 'service', service: 'midjourney', reason: undefined }],
    ['https://discord.com/channels/1', { action: 'ALLOW', source: 'none', service: undefined, reason: undefined }],
    ['https://claude.ai/new', { action: 'ALLOW', source: 'service', service: 'claude', reason: undefined }],
    ['https://character.ai/chat', { action: 'BLOCK', source: 'blocklist', service: undefined, reason: 'Not for work.' }],
    ['https://help.character.ai/', { action: 'ALLOW', source: 'allowlist', service: undefined, reason: undefined }],
    ['https://chatgpt.com/g/g-123', { action: 'BLOCK', source: 'blocklist', service: 'chatgpt', reason: 'Custom GPTs are not approved.' }],
    ['https://midjourney.com/docs/x', { action: 'WARN', source: 'blocklist', service: 'midjourney', reason: 'Reading the docs is fine.' }],
    ['https://app.someai.example/', { action: 'WARN', source: 'unknown', service: undefined, reason: undefined }],
    ['https://example.com/', { action: 'ALLOW', source: 'none', service: undefined, reason: undefined }],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${JSON.stringify(expected)}`, () => assert.deepEqual(summary(decideUrl(p, url)), expected));
  }

  it('leaves other schemes and unparseable URLs alone', () => {
    assert.equal(decideUrl(p, 'chrome://settings').action, 'ALLOW');
    assert.equal(decideUrl(p, 'not a url').action, 'ALLOW');
  });

  it('lets an allowlist entry exempt a page of a service from its action', () => {
    const allowed = policy((b) => b.allowlist.push({ pattern: 'www.midjourney.com/showcase' }));
    assert.equal(decideUrl(allowed, 'https://www.midjourney.com/showcase/top').action, 'ALLOW');
    assert.equal(decideUrl(allowed, 'https://www.midjourney.com/imagine').action, 'BLOCK');
  });

  it('blocks unknown AI sites when the default says so, and the allowlist still wins', () => {
    const blocked = policy((b) => {
      b.defaults.unknownAiAction = 'BLOCK';
      b.allowlist.push({ pattern: 'docs.someai.example' });
    });
    assert.deepEqual(summary(decideUrl(blocked, 'https://someai.example/')), {
      action: 'BLOCK',
      source: 'unknown',
      service: undefined,
      reason: undefined,
    });
    assert.equal(decideUrl(blocked, 'https://docs.someai.example/').action, 'ALLOW');
  });

  it('makes ACKNOWLEDGE a WARN when there is nothing to acknowledge', () => {
    assert.equal(decideUrl(policy((b) => (b.guidelines = null)), 'https://gemini.google.com/').action, 'WARN');
    const notRequired = policy((b) => b.guidelines && (b.guidelines.requireAcknowledgement = false));
    assert.equal(decideUrl(notRequired, 'https://gemini.google.com/').action, 'WARN');
  });

  it('keeps the stronger action when a WARN entry covers an ACKNOWLEDGE service', () => {
    const p2 = policy((b) => b.blocklist.push({ pattern: 'gemini.google.com', action: 'WARN' }));
    assert.equal(decideUrl(p2, 'https://gemini.google.com/').action, 'ACKNOWLEDGE');
  });

  it('warns about an ALLOW service that a WARN entry covers', () => {
    const p2 = policy((b) => b.blocklist.push({ pattern: 'claude.ai', action: 'WARN', reason: 'Careful.' }));
    assert.deepEqual(summary(decideUrl(p2, 'https://claude.ai/')), {
      action: 'WARN',
      source: 'blocklist',
      service: 'claude',
      reason: 'Careful.',
    });
  });

  it('skips patterns that do not parse and lists them', () => {
    const p2 = policy((b) => b.blocklist.unshift({ pattern: 'bad*host.com', action: 'BLOCK' }));
    assert.deepEqual(p2.invalid.map((i) => i.pattern), ['bad*host.com']);
    assert.equal(decideUrl(p2, 'https://character.ai/').action, 'BLOCK');
  });
});
