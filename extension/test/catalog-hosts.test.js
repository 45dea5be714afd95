// The built-in catalog's host patterns as the extension uses them: every one parses, and the query-scoped one (Google
// Search AI Mode) is read the same way by the in-page decision, the blocking rules and the content-script patterns.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { decideUrl } from '../src/lib/decision.js';
import { compileDnrRules } from '../src/lib/dnr-rules.js';
import { matchPatternsFor } from '../src/lib/match-patterns.js';
import { compilePolicy } from '../src/lib/policy.js';
import { parseFilter } from '../src/lib/url-filter.js';
import { sampleBundle } from './sample-bundle.js';

/** @type {{ key: string, name: string, hosts: string[], inputSelectors: string[] }[]} */
const CATALOG = JSON.parse(readFileSync(new URL('../../src/main/resources/catalog/builtin-catalog.json', import.meta.url), 'utf8')).services;
const AI_MODE = CATALOG.find((s) => s.key === 'google-ai-mode');
const AI_MODE_URL = 'https://www.google.com/search?q=x&udm=50';
const PLAIN_SEARCH = 'https://www.google.com/search?q=x';

/** @param {'WARN' | 'BLOCK'} action */
function bundleWithAiMode(action) {
  const bundle = sampleBundle();
  assert.ok(AI_MODE);
  bundle.services.push({ key: AI_MODE.key, name: AI_MODE.name, hosts: AI_MODE.hosts, action, trainsOnInputsByDefault: true, inputSelectors: AI_MODE.inputSelectors });
  return bundle;
}

/** Whether a main-frame navigation to `url` is redirected by the compiled rules (the highest priority rule wins). */
function redirected(/** @type {chrome.declarativeNetRequest.Rule[]} */ rules, /** @type {string} */ url) {
  const host = new URL(url).hostname;
  const matching = rules.filter((rule) => {
    const c = rule.condition;
    if (c.regexFilter !== undefined && !new RegExp(c.regexFilter).test(url)) return false;
    if (c.requestDomains !== undefined && !c.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) return false;
    return true;
  });
  matching.sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1) || (a.action.type === 'allow' ? -1 : 1));
  return matching[0]?.action.type === 'redirect';
}

describe('the built-in catalog in the extension', () => {
  it('has host patterns the extension can parse', () => {
    for (const service of CATALOG) for (const host of service.hosts) assert.doesNotThrow(() => parseFilter(host), `${service.key}: ${host}`);
  });

  it('warns on Google Search AI Mode and leaves ordinary searches alone', () => {
    const policy = compilePolicy(bundleWithAiMode('WARN'));
    const aiMode = decideUrl(policy, AI_MODE_URL);
    assert.equal(aiMode.action, 'WARN');
    assert.equal(aiMode.service?.key, 'google-ai-mode');
    for (const url of [PLAIN_SEARCH, 'https://www.google.com/search?q=x&udm=2', 'https://www.google.com/']) {
      const plain = decideUrl(policy, url);
      assert.equal(plain.action, 'ALLOW', url);
      assert.equal(plain.service, undefined, url);
    }
  });

  it('registers the page script on google.com so the decision can look at the query', () => {
    assert.ok(AI_MODE);
    const patterns = matchPatternsFor(AI_MODE.hosts.map(parseFilter));
    assert.ok(patterns.includes('*://*.google.com/*') && patterns.includes('*://google.com/*'), patterns.join(' '));
  });

  it('blocks AI Mode navigations by rule, and only those, when AI Mode is blocked', () => {
    const policy = compilePolicy(bundleWithAiMode('BLOCK'));
    const { rules, skipped } = compileDnrRules(policy.contest, { blockedPage: 'chrome-extension://id/pages/blocked.html' });
    assert.deepEqual(skipped, []);
    assert.equal(decideUrl(policy, AI_MODE_URL).action, 'BLOCK');
    assert.equal(redirected(rules, AI_MODE_URL), true);
    assert.equal(redirected(rules, 'https://www.google.com/search?udm=50&q=x'), true);
    assert.equal(decideUrl(policy, PLAIN_SEARCH).action, 'ALLOW');
    assert.equal(redirected(rules, PLAIN_SEARCH), false);
    assert.equal(redirected(rules, 'https://www.google.com/search?q=x&udm=500'), false);
  });
});
