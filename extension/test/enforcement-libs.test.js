import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pageUrl } from '../src/lib/page-address.js';
import { isOlderThanFloor, newerFloor } from '../src/lib/policy-floor.js';
import { decide, parseFilter } from '../src/lib/url-filter.js';

describe('pageUrl', () => {
  const sender = /** @type {chrome.runtime.MessageSender} */ ({ url: 'https://github.com/' });

  it('takes the address the page script reports within the sender’s origin', () => {
    assert.equal(pageUrl({ url: 'https://github.com/copilot' }, sender), 'https://github.com/copilot');
  });

  it('keeps the sender’s address for another origin, a non-string or a malformed report', () => {
    for (const url of ['https://chatgpt.com/', 'http://github.com/copilot', 'https://github.com:8443/x', 42, 'not a url', undefined]) {
      assert.equal(pageUrl({ url }, sender), 'https://github.com/', String(url));
    }
    assert.equal(pageUrl(null, sender), 'https://github.com/');
  });
});

describe('policy floor', () => {
  const server = 'https://promptgate.example';

  it('refuses a bundle issued before the newest one enforced from the same server only', () => {
    const floor = newerFloor(null, server, '2026-12-01T10:00:00Z');
    assert.equal(isOlderThanFloor(floor, server, '2026-12-01T09:59:59Z'), true);
    assert.equal(isOlderThanFloor(floor, server, '2026-12-01T10:00:00Z'), false);
    assert.equal(isOlderThanFloor(floor, server, '2026-12-01T10:00:01Z'), false);
    assert.equal(isOlderThanFloor(floor, 'https://other.example', '2026-01-01T00:00:00Z'), false);
    assert.equal(isOlderThanFloor(null, server, '2026-01-01T00:00:00Z'), false);
  });

  it('only ever moves forward for one server, and starts again for another', () => {
    const floor = newerFloor(null, server, '2026-12-01T10:00:00Z');
    assert.equal(newerFloor(floor, server, '2026-12-01T09:00:00Z'), floor);
    assert.deepEqual(newerFloor(floor, server, '2026-12-01T11:00:00Z'), { serverUrl: server, issuedAt: '2026-12-01T11:00:00Z' });
    assert.deepEqual(newerFloor(floor, 'https://other.example', '2026-01-01T00:00:00Z'), {
      serverUrl: 'https://other.example',
      issuedAt: '2026-01-01T00:00:00Z',
    });
  });
});

describe('host-indexed decide', () => {
  /** @param {string} pattern @param {'ALLOW' | 'BLOCK' | 'WARN'} kind */
  const entry = (pattern, kind) => ({ filter: parseFilter(pattern), kind });

  it('finds filters on parent domains, on the exact host only, and without a host', () => {
    const entries = [entry('*', 'BLOCK'), entry('example.com', 'WARN'), entry('.exact.example.com', 'ALLOW'), entry('https://*', 'WARN')];
    assert.equal(decide(entries, 'https://a.b.example.com/')?.filter.pattern, 'example.com');
    assert.equal(decide(entries, 'https://exact.example.com/')?.filter.pattern, '.exact.example.com');
    assert.equal(decide(entries, 'https://sub.exact.example.com/')?.filter.pattern, 'example.com');
    assert.equal(decide(entries, 'https://elsewhere.org/')?.filter.pattern, 'https://*');
    assert.equal(decide(entries, 'http://elsewhere.org/')?.filter.pattern, '*');
  });

  it('keeps the earlier entry on an exact tie, as the full scan did', () => {
    const first = entry('example.com/a', 'BLOCK');
    const second = entry('example.com/a', 'BLOCK');
    assert.equal(decide([first, second], 'https://example.com/a/b'), first);
    assert.equal(decide([second, first], 'https://example.com/a/b'), second);
  });
});
