import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { backoffSeconds, retryAfterSeconds } from '../src/lib/backoff.js';
import { canSync, readConfig } from '../src/lib/config.js';
import { matchPatternsFor } from '../src/lib/match-patterns.js';
import { parseFilter } from '../src/lib/url-filter.js';

describe('matchPatternsFor', () => {
  it('widens filters to their hosts', () => {
    const filters = ['chatgpt.com', '.exact.example', 'https://secure.example/path', 'discord.com/channels/1', 'ftp://x.example'];
    assert.deepEqual(matchPatternsFor(filters.map(parseFilter)), [
      '*://*.chatgpt.com/*',
      '*://*.discord.com/*',
      '*://chatgpt.com/*',
      '*://discord.com/*',
      '*://exact.example/*',
      'https://*.secure.example/*',
      'https://secure.example/*',
    ]);
  });

  it('turns a host wildcard into every web page', () => {
    assert.deepEqual(matchPatternsFor([parseFilter('*')]), ['*://*/*']);
  });
});

describe('backoffSeconds', () => {
  it('doubles up to the maximum, with jitter between half and all of the step', () => {
    assert.equal(backoffSeconds(1, { random: () => 0 }), 8);
    assert.equal(backoffSeconds(1, { random: () => 1 }), 15);
    assert.equal(backoffSeconds(3, { random: () => 1 }), 60);
    assert.equal(backoffSeconds(50, { random: () => 1 }), 3600);
    assert.equal(backoffSeconds(50, { random: () => 0 }), 1800);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    assert.equal(retryAfterSeconds('120', now), 120);
    assert.equal(retryAfterSeconds('Sat, 28 Nov 2026 12:01:00 GMT', now), 60);
    assert.equal(retryAfterSeconds('soon', now), null);
    assert.equal(retryAfterSeconds(null, now), null);
  });
});

describe('readConfig', () => {
  const managed = { serverUrl: 'https://promptgate.acme.example/', enrollmentToken: ' pg_et_abc ', failMode: 'closed' };

  it('takes the managed settings when the admin set any', () => {
    const config = readConfig(managed, { serverUrl: 'https://other.example', enrollmentToken: 'x' });
    assert.equal(config.managed, true);
    assert.equal(config.serverUrl, 'https://promptgate.acme.example');
    assert.equal(config.enrollmentToken, 'pg_et_abc');
    assert.equal(config.failMode, 'closed');
    assert.equal(config.historyReminderDays, 30);
    assert.deepEqual(config.problems, []);
    assert.equal(canSync(config), true);
  });

  it('falls back to the options page settings', () => {
    const config = readConfig({}, { serverUrl: 'http://127.0.0.1:8080', enrollmentToken: 'pg_et_x' });
    assert.equal(config.managed, false);
    assert.equal(config.serverUrl, 'http://127.0.0.1:8080');
    assert.equal(config.failMode, 'open');
  });

  it('refuses plain HTTP to other machines and says what is missing', () => {
    const config = readConfig({ serverUrl: 'http://promptgate.acme.example' });
    assert.equal(config.serverUrl, '');
    assert.deepEqual(config.problems, ['the server URL must use https', 'no enrollment token is configured']);
    assert.equal(canSync(config), false);
  });

  it('bounds the refresh override and keeps only usable signing keys', () => {
    const config = readConfig({
      ...managed,
      refreshSeconds: 1,
      signingKeys: [{ kty: 'EC', crv: 'P-256', kid: 'k', x: 'x', y: 'y' }, { kty: 'RSA' }],
    });
    assert.equal(config.refreshSeconds, 5);
    assert.equal(config.signingKeys.length, 1);
    assert.match(config.problems.join(), /signing keys/);
  });

  it('reads signing keys given as JSON text, as Windows policy may deliver them', () => {
    const keys = JSON.stringify([{ kty: 'EC', crv: 'P-256', kid: 'k', x: 'x', y: 'y', use: 'sig', alg: 'ES256' }]);
    assert.deepEqual(readConfig({ ...managed, signingKeys: keys }).signingKeys, [{ kty: 'EC', crv: 'P-256', kid: 'k', x: 'x', y: 'y' }]);
  });
});
