// Scenarios 3 and 4: a blocked catalog service, a custom blocklist pattern and an allowlist entry that beats it;
// Chrome accepting the rules compiled from a large blocklist; and a 10,000-entry blocklist, a third of it with paths,
// published through the server and blocking before the page loads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { compileDnrRules } from '../src/lib/dnr-rules.js';
import { compilePolicy } from '../src/lib/policy.js';
import { parseFilter } from '../src/lib/url-filter.js';
import { storedEvents } from './harness/admin-api.js';
import { reportedDevice } from './harness/devices.js';
import { EXTENSION_ORIGIN, installedChromiumMajor } from './harness/chromium.js';
import { eventually } from './harness/expect.js';
import { startSession } from './harness/session.js';

const BLOCKED_PAGE = `${EXTENSION_ORIGIN}/pages/blocked.html`;
const BIG_LIST = 10_000;
/** Entry i of the big list: every third one a host with a path, the others plain hosts. */
const bigEntry = (/** @type {number} */ i) => (i % 3 === 0 ? `deep-${i}.example/private` : `plain-${i}.example`);
const BIG_LIST_HOSTS = ['deep-0.example', 'deep-9999.example', 'plain-9998.example'];

describe('block', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;

  before(async () => {
    s = await startSession({
      name: 'block',
      hosts: ['www.midjourney.com', 'midjourney.com', 'ai-writer.example', 'docs.ai-writer.example', ...BIG_LIST_HOSTS],
      policy: async (server) => {
        await server.admin.updateSettings({ organizationName: 'Acme' });
        await server.admin.publishGuideline('Using AI at Acme', 'Be careful.');
        await server.admin.setRule('midjourney', {
          action: 'BLOCK',
          message: 'Image generators are not approved at Acme.',
          alternative: { name: 'Acme Images', url: 'https://images.acme.example/' },
        });
        await server.admin.addBlocklistEntry({ pattern: 'ai-writer.example', action: 'BLOCK', reason: 'AI writing tools are not approved.' });
        await server.admin.addAllowlistEntry({ pattern: 'docs.ai-writer.example', reason: 'Documentation is fine.' });
      },
    });
    await s.waitForPolicy((b) => b.allowlist.some((a) => a.pattern === 'docs.ai-writer.example'));
  });
  after(() => s?.close());

  it('3. sends www.midjourney.com to the block page with the reason and the alternative', async () => {
    const page = await s.context.newPage();
    await page.goto('https://www.midjourney.com/imagine?prompt=secret');
    await page.waitForURL((url) => url.href.startsWith(`${BLOCKED_PAGE}#`));
    await page.locator('[data-pg="blocked-reason"]').waitFor();
    assert.equal(await page.locator('[data-pg="blocked-title"]').innerText(), 'Midjourney is blocked');
    assert.equal(await page.locator('[data-pg="blocked-reason"]').innerText(), 'Image generators are not approved at Acme.');
    assert.equal(await page.locator('[data-pg="blocked-host"]').innerText(), 'Address: www.midjourney.com');
    const alternative = page.locator('[data-pg="blocked-alternative"]');
    assert.equal(await alternative.innerText(), 'Use Acme Images instead');
    assert.equal(await alternative.getAttribute('href'), 'https://images.acme.example/');
    assert.equal(await page.locator('[data-pg="blocked-guidelines"]').count(), 1);
    assert.ok(!s.fixture.requests.some((r) => r.host === 'www.midjourney.com'), 'the blocked site was never contacted');
    await page.screenshot({ path: s.screenshotPath('blocked.png') });

    const events = await eventually(
      () => storedEvents(s.server.admin),
      (list) => list.some((e) => e.type === 'blocked' && e.serviceKey === 'midjourney'),
      { what: 'the blocked event on the server' },
    );
    const blocked = events.find((e) => e.type === 'blocked' && e.serviceKey === 'midjourney');
    assert.equal(blocked?.host, 'www.midjourney.com');
    await page.close();
  });

  it('4. blocks a site outside the catalog by a blocklist pattern, and lets the allowlist entry win', async () => {
    const page = await s.context.newPage();
    await page.goto('https://ai-writer.example/draft');
    await page.waitForURL((url) => url.href.startsWith(`${BLOCKED_PAGE}#`));
    await page.locator('[data-pg="blocked-reason"]').waitFor();
    assert.equal(await page.locator('[data-pg="blocked-reason"]').innerText(), 'AI writing tools are not approved.');
    assert.equal(await page.locator('[data-pg="blocked-title"]').innerText(), 'ai-writer.example is blocked');

    await page.goto('https://docs.ai-writer.example/guide');
    assert.equal(page.url(), 'https://docs.ai-writer.example/guide');
    assert.equal(await page.locator('h1').innerText(), 'docs.ai-writer.example');
    await page.close();
  });

  it('reports itself to the device list with the policy version in force', async () => {
    const worker = await s.worker();
    const { deviceId, version } = await worker.evaluate(async () => ({
      deviceId: /** @type {any} */ (await chrome.storage.local.get('deviceId')).deviceId,
      version: chrome.runtime.getManifest().version,
    }));
    const inForce = (await s.waitForPolicy(() => true)).policyVersion;
    const device = await eventually(
      () => reportedDevice(s.server.admin, deviceId),
      (d) => d?.policyVersion === inForce,
      { what: 'the browser in the device list with the policy in force' },
    );
    assert.equal(device.policyCurrent, true);
    assert.equal(device.browser, 'chromium');
    assert.equal(device.browserVersion.split('.')[0], installedChromiumMajor());
    assert.equal(device.extensionVersion, version);
    assert.equal(device.identityMode, 'none');
    assert.equal(device.skippedCount, 0);
    assert.equal(device.tenantRestrictionRules, 0);
  });

  it('has Chrome accept the rules compiled from a 20,000-entry blocklist within its limits', async () => {
    const worker = await s.worker();
    const limits = await worker.evaluate(() => ({
      maxRules: chrome.declarativeNetRequest.MAX_NUMBER_OF_DYNAMIC_RULES,
      maxUnsafeRules: /** @type {any} */ (chrome.declarativeNetRequest).MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES,
      maxRegexRules: chrome.declarativeNetRequest.MAX_NUMBER_OF_REGEX_RULES,
    }));
    /** @type {import('../src/lib/dnr-rules.js').RuleSource[]} */
    const sources = [];
    for (let i = 0; i < 20_000; i++) sources.push({ filter: parseFilter(`site-${i}.example${'x'.repeat(i % 50)}.com`), kind: 'BLOCK' });
    for (let i = 0; i < 2_000; i++) sources.push({ filter: parseFilter(`paths.example/p${i}?id=${i}`), kind: 'BLOCK' });
    for (let i = 0; i < 1_000; i++) sources.push({ filter: parseFilter(`.exact-${i}.example`), kind: 'ALLOW' });
    const { rules, skipped } = compileDnrRules(sources, { blockedPage: BLOCKED_PAGE, limits });
    assert.ok(skipped.length > 0, 'some path patterns are over the regex budget, and reported');

    const installed = await worker.evaluate(async (wanted) => {
      const previous = await chrome.declarativeNetRequest.getDynamicRules();
      await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: previous.map((r) => r.id), addRules: wanted });
      const count = (await chrome.declarativeNetRequest.getDynamicRules()).length;
      await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: wanted.map((r) => r.id), addRules: previous });
      return count;
    }, rules);
    assert.equal(installed, rules.length);
  });

  it('blocks before the page loads with a 10,000-entry blocklist, a third of it with paths', async () => {
    const exported = await s.server.admin.request('GET', '/api/v1/policy?format=json');
    const document = exported.body;
    document.blocklist = Array.from({ length: BIG_LIST }, (_, i) => ({ pattern: bigEntry(i), action: 'BLOCK' }));
    await s.server.admin.request('PUT', '/api/v1/policy?format=json', { body: document, ifMatch: exported.etag });
    const bundle = await s.waitForPolicy((b) => b.blocklist.length === BIG_LIST, 60_000);
    // What the extension compiles from that bundle: nothing left out, the last path entries beyond the regex budget.
    const expected = compileDnrRules(compilePolicy(bundle).contest, { blockedPage: BLOCKED_PAGE });
    assert.deepEqual(expected.skipped, [], 'nothing is left out of the rules');
    assert.ok(expected.stats.regex <= 1_000, `${expected.stats.regex} regex rules`);
    assert.ok(expected.afterLoad.includes('deep-9999.example/private'));
    // In force once the browser holds exactly those rules.
    const worker = await s.worker();
    await eventually(
      () => worker.evaluate(() => chrome.declarativeNetRequest.getDynamicRules()),
      (list) => list.filter((r) => r.id < 40_000).length === expected.rules.length && list.some((r) => r.condition.urlFilter === '||deep-9999.example/private'),
      { what: 'the big list in force', timeoutMs: 60_000 },
    );

    const before = s.fixture.requests.length;
    const page = await s.context.newPage();
    // The last path entry, beyond the regex budget: the block page names the filter.
    await page.goto('https://deep-9999.example/private/report');
    await page.waitForURL((url) => url.href.startsWith(`${BLOCKED_PAGE}#filter=`));
    await page.locator('[data-pg="blocked-title"]').waitFor();
    assert.equal(await page.locator('[data-pg="blocked-title"]').innerText(), 'deep-9999.example is blocked');
    // The first path entry, within the budget: the block page has the URL.
    await page.goto('https://deep-0.example/private/x?y=1');
    await page.waitForURL(`${BLOCKED_PAGE}#https://deep-0.example/private/x?y=1`);
    await page.goto('https://plain-9998.example/anything');
    await page.waitForURL((url) => url.href.startsWith(`${BLOCKED_PAGE}#`));
    // None of them was contacted; another path on a path-blocked host loads.
    assert.deepEqual(s.fixture.requests.slice(before).filter((r) => r.path !== '/favicon.ico'), []);
    await page.goto('https://deep-9999.example/public');
    assert.equal(page.url(), 'https://deep-9999.example/public');
    await page.close();
  });

  it('shows in the device list the rules a policy over the regex cap left out, and why', async () => {
    // Patterns with a query string need a regex rule each: 1,100 of them exceed Chrome's 1,000 regex rules.
    const exported = await s.server.admin.request('GET', '/api/v1/policy?format=json');
    const document = exported.body;
    document.blocklist = Array.from({ length: 1_100 }, (_, i) => ({ pattern: `paths.example/p${i}?id=${i}`, action: 'BLOCK' }));
    await s.server.admin.request('PUT', '/api/v1/policy?format=json', { body: document, ifMatch: exported.etag });
    const bundle = await s.waitForPolicy((b) => b.blocklist.length === 1_100, 60_000);
    const worker = await s.worker();
    const { deviceId, skipped } = await eventually(
      () =>
        worker.evaluate(async () => {
          const stored = /** @type {any} */ (await chrome.storage.local.get(['deviceId', 'enforcement']));
          return { deviceId: stored.deviceId, skipped: stored.enforcement?.skipped ?? [] };
        }),
      (e) => e.skipped.length > 0,
      { what: 'the extension to leave rules out' },
    );
    const device = await eventually(
      () => reportedDevice(s.server.admin, deviceId),
      (d) => d?.policyVersion === bundle.policyVersion && d.skippedCount > 0,
      { what: 'the skipped rules in the device list' },
    );
    assert.equal(device.skippedCount, skipped.length);
    assert.ok(skipped.length >= 100, `${skipped.length} left out`);
    assert.equal(device.skipped.length, Math.min(50, skipped.length));
    assert.deepEqual(device.skipped[0], { pattern: skipped[0].pattern, reason: 'over the browser rule limits' });
    const errors = await s.server.admin.request('GET', '/api/v1/devices?errors=true&size=200');
    assert.ok(errors.body.items.some((/** @type {any} */ d) => d.deviceId === deviceId), 'listed among the browsers with errors');
  });
});
