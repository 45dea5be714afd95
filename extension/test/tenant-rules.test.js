import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { checkBundle } from '../src/lib/bundle.js';
import { diffRules } from '../src/lib/dnr-diff.js';
import { MAX_PRIORITY } from '../src/lib/dnr-priority.js';
import { RULE_ID_RANGES, compileDnrRules } from '../src/lib/dnr-rules.js';
import { compilePolicy } from '../src/lib/policy.js';
import { recognizeRefusal, refusalExplanation } from '../src/lib/tenant-refusal.js';
import { compileTenantRules } from '../src/lib/tenant-rules.js';
import { sampleBundle } from './sample-bundle.js';

const WORKSPACE = '3f1c2a9e-6b7d-4e21-9a0c-5d8e7f6a1b2c';
const TYPES = /** @type {chrome.declarativeNetRequest.ResourceType[]} */ (['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'other']);

/** @returns {import('../src/lib/bundle.js').TenantRestriction} */
function chatgpt(overrides = {}) {
  return {
    service: 'chatgpt',
    header: 'ChatGPT-Allowed-Workspace-Id',
    value: WORKSPACE,
    hosts: ['chatgpt.com'],
    resourceTypes: TYPES,
    blockedWhenOn: ['chatgpt.com/backend-anon'],
    ...overrides,
  };
}

describe('compileTenantRules', () => {
  it('sets the vendor header on every listed request type to the hosts, in its own id range', () => {
    const { rules, skipped, headerRules } = compileTenantRules([chatgpt()]);
    assert.deepEqual(skipped, []);
    assert.equal(headerRules, 1);
    const header = rules[0];
    assert.equal(header.id, RULE_ID_RANGES.tenant.first);
    assert.deepEqual(header.action, {
      type: 'modifyHeaders',
      requestHeaders: [{ header: 'ChatGPT-Allowed-Workspace-Id', operation: 'set', value: WORKSPACE }],
    });
    assert.deepEqual(header.condition, { requestDomains: ['chatgpt.com'], resourceTypes: TYPES });
    for (const rule of rules) {
      assert.ok(rule.id >= RULE_ID_RANGES.tenant.first && rule.id <= RULE_ID_RANGES.tenant.last);
    }
  });

  it('ranks above every navigation rule, so an allowlisted or warned host still gets the header', () => {
    const bundle = sampleBundle();
    bundle.allowlist = [{ pattern: 'chatgpt.com' }];
    bundle.blocklist = [{ pattern: 'example.org', action: 'BLOCK' }];
    const navigation = compileDnrRules(compilePolicy(bundle).contest, { blockedPage: 'chrome-extension://x/pages/blocked.html' });
    const highest = Math.max(...navigation.rules.map((r) => r.priority ?? 1));
    assert.ok(highest <= MAX_PRIORITY);
    for (const rule of compileTenantRules([chatgpt()]).rules) assert.ok((rule.priority ?? 1) > highest);
  });

  it('blocks the logged-out endpoint on every request type, and only that path', () => {
    const block = compileTenantRules([chatgpt()]).rules[1];
    assert.equal(block.action.type, 'block');
    const regex = new RegExp(/** @type {string} */ (block.condition.regexFilter));
    assert.ok(regex.test('https://chatgpt.com/backend-anon/conversation'));
    assert.ok(!regex.test('https://chatgpt.com/backend-api/conversation'));
    assert.ok(!regex.test('https://example.com/chatgpt.com/backend-anon'));
    assert.ok(block.condition.resourceTypes?.includes('xmlhttprequest'));
    assert.ok(block.condition.resourceTypes?.includes('main_frame'));
  });

  it('refuses credential and request-describing headers and values with spaces or line breaks', () => {
    const { rules, skipped } = compileTenantRules([
      chatgpt({ header: 'Cookie', blockedWhenOn: [] }),
      chatgpt({ header: 'sec-fetch-site', blockedWhenOn: [] }),
      chatgpt({ value: `${WORKSPACE}\r\nX-Evil: 1`, blockedWhenOn: [] }),
      chatgpt({ value: 'a b', blockedWhenOn: [] }),
      chatgpt({ service: 'github-copilot', header: 'sec-GitHub-allowed-enterprise', value: '12345', hosts: ['github.com'], blockedWhenOn: [] }),
    ]);
    assert.equal(skipped.length, 4);
    assert.deepEqual(rules.map((r) => r.action.requestHeaders?.[0].header), ['sec-GitHub-allowed-enterprise']);
  });

  it('makes no rules when the bundle has no restrictions, so turning one off removes its rules on the next sync', () => {
    const on = compileTenantRules([chatgpt()]).rules;
    const off = compileTenantRules(undefined).rules;
    assert.deepEqual(off, []);
    const diff = diffRules(on, off);
    assert.deepEqual(diff.removeRuleIds, on.map((r) => r.id));
  });

  it('re-applies idempotently, and a changed header value replaces the rule', () => {
    const rules = compileTenantRules([chatgpt()]).rules;
    assert.deepEqual(diffRules(rules, rules), { removeRuleIds: [], addRules: [] });
    const other = compileTenantRules([chatgpt({ value: WORKSPACE.replace('3f', '4f') })]).rules;
    const diff = diffRules(rules, other);
    assert.deepEqual(diff.removeRuleIds, [rules[0].id]);
    assert.deepEqual(diff.addRules, [other[0]]);
  });
});

describe('tenantRestrictions in the bundle', () => {
  it('is optional, and checked against the schema when present', () => {
    assert.equal(checkBundle(sampleBundle()).ok, true);
    assert.equal(checkBundle({ ...sampleBundle(), tenantRestrictions: [chatgpt()] }).ok, true);
    assert.equal(checkBundle({ ...sampleBundle(), tenantRestrictions: [chatgpt({ value: `${WORKSPACE}\r\nX: 1` })] }).ok, false);
    assert.equal(checkBundle({ ...sampleBundle(), tenantRestrictions: [chatgpt({ header: 'Bad Header' })] }).ok, false);
    assert.equal(checkBundle({ ...sampleBundle(), tenantRestrictions: [chatgpt({ hosts: ['*.chatgpt.com'] })] }).ok, false);
  });
});

describe('recognizing a refusal', () => {
  it('takes a 403 answer to a ChatGPT page under the restriction as the vendor refusing the account', () => {
    assert.equal(recognizeRefusal([chatgpt()], 'chatgpt.com', 403)?.service, 'chatgpt');
    assert.equal(recognizeRefusal([chatgpt()], 'ab.chatgpt.com', 403)?.service, 'chatgpt');
  });

  it('takes nothing else for a refusal: other statuses, other hosts, no restriction, vendors without a 403', () => {
    assert.equal(recognizeRefusal([chatgpt()], 'chatgpt.com', 404), undefined);
    assert.equal(recognizeRefusal([chatgpt()], 'notchatgpt.com', 403), undefined);
    assert.equal(recognizeRefusal(undefined, 'chatgpt.com', 403), undefined);
    assert.equal(recognizeRefusal([chatgpt({ service: 'claude', hosts: ['claude.ai'] })], 'claude.ai', 403), undefined);
  });

  it('explains it in plain words, naming the organization', () => {
    const text = refusalExplanation('ChatGPT', 'Acme');
    assert.match(text, /^Acme allows only its own ChatGPT accounts in this browser/);
    assert.match(text, /sign in with your work account\.$/);
  });
});
