import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { InvalidUrlFilterError, decide, matchesFilter, parseFilter } from '../src/lib/url-filter.js';

const vectors = JSON.parse(readFileSync(new URL('../../docs/url-filter-vectors.json', import.meta.url), 'utf8'));

/**
 * @param {string | { pattern: string, action: 'BLOCK' | 'WARN' }} item
 * @returns {import('../src/lib/url-filter.js').FilterEntry}
 */
function blockEntry(item) {
  return typeof item === 'string'
    ? { filter: parseFilter(item), kind: 'BLOCK' }
    : { filter: parseFilter(item.pattern), kind: item.action };
}

describe('decision vectors', () => {
  for (const vector of vectors.decisions) {
    it(vector.name, () => {
      const entries = [
        ...vector.blocklist.map(blockEntry),
        ...vector.allowlist.map((/** @type {string} */ pattern) => ({
          filter: parseFilter(pattern),
          kind: /** @type {const} */ ('ALLOW'),
        })),
      ];
      const decision = decide(entries, vector.url);
      assert.equal(decision === null ? 'NONE' : decision.kind, vector.expect, `${vector.url}`);
    });
  }
});

describe('invalid vectors', () => {
  for (const vector of vectors.invalid) {
    it(`${JSON.stringify(vector.pattern).slice(0, 60)} (${vector.why})`, () => {
      assert.throws(
        () => parseFilter(vector.pattern),
        (/** @type {unknown} */ error) =>
          error instanceof InvalidUrlFilterError &&
          error.message === vector.message &&
          error.pattern === vector.pattern,
      );
    });
  }
});

describe('parseFilter', () => {
  it('exposes the components', () => {
    const filter = parseFilter(' HTTPS://user@.Mail.Example.com.:8443/inbox?folder=work*&unread#top ');
    assert.deepEqual(
      { ...filter, query: [...filter.query] },
      {
        pattern: ' HTTPS://user@.Mail.Example.com.:8443/inbox?folder=work*&unread#top ',
        scheme: 'https',
        host: 'mail.example.com',
        matchSubdomains: false,
        port: 8443,
        path: '/inbox',
        query: [
          { key: 'folder', value: 'work', prefix: true },
          { key: 'unread', value: null, prefix: false },
        ],
      },
    );
  });

  it('never matches subdomains of an IP address', () => {
    assert.equal(parseFilter('10.1.2.3').matchSubdomains, false);
    assert.equal(parseFilter('[0::1]:8080').host, '[::1]');
    assert.equal(parseFilter('[0::1]:8080').matchSubdomains, false);
  });

  it('rejects what is not a string', () => {
    assert.throws(() => parseFilter(/** @type {any} */ (null)), { message: 'the pattern is empty' });
  });
});

describe('matchesFilter', () => {
  it('uses blocklist query semantics unless told otherwise', () => {
    const filter = parseFilter('youtube.com/watch?v=ok');
    assert.equal(matchesFilter(filter, 'https://youtube.com/watch?v=bad&v=ok'), true);
    assert.equal(matchesFilter(filter, 'https://youtube.com/watch?v=bad&v=ok', true), false);
  });

  it('accepts URL objects and never matches unparseable URLs', () => {
    const filter = parseFilter('*');
    assert.equal(matchesFilter(filter, new URL('https://example.com/')), true);
    assert.equal(matchesFilter(filter, 'not a url'), false);
  });
});

describe('decide', () => {
  it('returns the winning entry itself, payload included', () => {
    const entries = [
      { filter: parseFilter('chatgpt.com'), kind: /** @type {const} */ ('WARN'), ruleId: 'r1' },
      { filter: parseFilter('chatgpt.com/g/'), kind: /** @type {const} */ ('BLOCK'), ruleId: 'r2' },
    ];
    assert.equal(decide(entries, 'https://chatgpt.com/g/x')?.ruleId, 'r2');
    assert.equal(decide(entries, 'https://chatgpt.com/')?.ruleId, 'r1');
  });

  it('lets the earlier entry win an exact tie of the same kind', () => {
    const entries = [
      { filter: parseFilter('claude.ai'), kind: /** @type {const} */ ('BLOCK'), ruleId: 'first' },
      { filter: parseFilter('https://claude.ai'), kind: /** @type {const} */ ('BLOCK'), ruleId: 'second' },
    ];
    assert.equal(decide(entries, 'https://claude.ai/')?.ruleId, 'first');
  });
});
