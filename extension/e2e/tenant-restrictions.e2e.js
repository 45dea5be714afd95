// Work accounts only, in a real browser: with ChatGPT restricted to one workspace, every request to chatgpt.com (the
// navigation, a frame, the page's fetch and XHR, a WebSocket upgrade, a fetch from another site) carries
// ChatGPT-Allowed-Workspace-Id with that id, the logged-out endpoint is blocked, and requests to other sites carry
// nothing; turning the restriction off removes the header on the next sync. chatgpt.com is on the allowlist here, so
// the header rule is shown to win over the allow rules that hold the navigation rules back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { reportedDevice } from './harness/devices.js';
import { eventually } from './harness/expect.js';
import { startHeaderRecorder } from './harness/header-recorder.js';
import { startSession } from './harness/session.js';

const WORKSPACE = '3f1c2a9e-6b7d-4e21-9a0c-5d8e7f6a1b2c';
const HEADER = 'chatgpt-allowed-workspace-id';
const PATH = '/api/v1/tenant-restrictions/chatgpt';
const TENANT_RANGE = { first: 40_000, last: 40_999 };

/**
 * Opens a recorder page and waits until its fetch, XHR, WebSocket and logged-out fetch have all finished.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @returns {Promise<Record<string, string | number>>} each request's outcome
 */
async function loadAndSettle(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  const wanted = ['fetch', 'xhr', 'websocket', 'anonymous', ...(url.includes('also=') ? ['crossOrigin'] : [])];
  const results = await eventually(
    async () => JSON.parse((await page.locator('#results').textContent()) || '{}'),
    (r) => wanted.every((k) => k in r),
    { what: `the requests of ${url}`, timeoutMs: 20_000 },
  );
  await page.close();
  return results;
}

describe('tenant restrictions', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;
  /** @type {Awaited<ReturnType<typeof startHeaderRecorder>>} */
  let recorder;
  /** @type {string | null} */
  let etag;

  /** @param {Awaited<ReturnType<typeof startSession>>} session */
  const tenantRules = async (session) =>
    (await session.worker()).evaluate(
      async (range) => (await chrome.declarativeNetRequest.getDynamicRules()).filter((r) => r.id >= range.first && r.id <= range.last),
      TENANT_RANGE,
    );

  before(async () => {
    s = await startSession({
      name: 'tenant-restrictions',
      hosts: ['chatgpt.com', 'intranet.example.com'],
      startFixture: async (hosts) => (recorder = await startHeaderRecorder(hosts)),
      policy: async (server) => {
        await server.admin.updateSettings({ organizationName: 'Acme', requireAcknowledgement: false });
        await server.admin.setRule('chatgpt', { action: 'ALLOW' });
        // A block somewhere and chatgpt.com allowlisted: the navigation rules then include allow rules for it.
        await server.admin.addBlocklistEntry({ pattern: 'example.net', reason: 'not approved' });
        await server.admin.addAllowlistEntry({ pattern: 'chatgpt.com' });
        etag = (await server.admin.request('PUT', PATH, { body: { enabled: true, allowedIds: [WORKSPACE] } })).etag;
      },
    });
    await s.waitForPolicy((b) => (b.tenantRestrictions ?? []).some((r) => r.service === 'chatgpt'));
    await eventually(() => tenantRules(s), (rules) => rules.length > 0, { what: 'the tenant-restriction rules' });
  });
  after(() => s?.close());

  /** @param {number} count @param {string} what */
  const reportsTenantRules = async (count, what) => {
    const deviceId = await (await s.worker()).evaluate(async () => /** @type {any} */ (await chrome.storage.local.get('deviceId')).deviceId);
    return eventually(() => reportedDevice(s.server.admin, deviceId), (d) => d?.tenantRestrictionRules === count, { what });
  };

  it('sets the workspace header on every request to chatgpt.com and on none to other sites', async () => {
    const rules = await tenantRules(s);
    console.log(`tenant-restriction rules for ChatGPT: ${rules.length} (${rules.map((r) => r.action.type).join(', ')})`);
    assert.deepEqual(rules.map((r) => r.action.type).sort(), ['block', 'modifyHeaders']);

    const onChatGpt = await loadAndSettle(s.context, 'https://chatgpt.com/');
    const elsewhere = await loadAndSettle(s.context, 'https://intranet.example.com/?also=chatgpt.com');
    assert.equal(onChatGpt.fetch, 200);
    assert.equal(onChatGpt.xhr, 200);
    assert.equal(onChatGpt.websocket, 'open');
    assert.equal(elsewhere.crossOrigin, 200);
    assert.equal(onChatGpt.anonymous, 'failed', "ChatGPT's logged-out endpoint is blocked");
    assert.equal(elsewhere.anonymous, 200, 'the same path on another site is not');

    const toChatGpt = recorder.requests.filter((r) => r.host === 'chatgpt.com' && r.path !== '/favicon.ico');
    const kinds = new Set(toChatGpt.map((r) => r.kind));
    for (const kind of ['page', 'frame', 'fetch', 'xhr', 'websocket', 'cross-origin']) {
      assert.ok(kinds.has(/** @type {any} */ (kind)), `a ${kind} request reached chatgpt.com (saw ${[...kinds].join(', ')})`);
    }
    for (const r of toChatGpt) assert.equal(r.headers[HEADER], WORKSPACE, `${r.kind} ${r.path} carries the workspace id`);

    const toOthers = recorder.requests.filter((r) => r.host !== 'chatgpt.com');
    assert.ok(toOthers.some((r) => r.kind === 'websocket') && toOthers.some((r) => r.kind === 'fetch'));
    for (const r of toOthers) assert.equal(r.headers[HEADER], undefined, `${r.host}${r.path} carries no workspace id`);
    // The device list counts the header rules in force (the block rule of the logged-out endpoint is not one).
    await reportsTenantRules(1, 'one tenant-restriction header rule in the device list');
  });

  it('blocks ChatGPT for people who have not signed in, and nothing of that name elsewhere', async () => {
    // Both pages above fetched /backend-anon/conversation from their own host.
    assert.ok(!recorder.requests.some((r) => r.host === 'chatgpt.com' && r.path.startsWith('/backend-anon')));
    assert.ok(recorder.requests.some((r) => r.host === 'intranet.example.com' && r.path.startsWith('/backend-anon')));
  });

  it("explains on the block page when ChatGPT refuses the account (403) under the restriction", async () => {
    const page = await s.context.newPage();
    await page.goto('https://chatgpt.com/refused');
    await page.waitForURL(/blocked\.html#tenant=chatgpt/);
    await page.locator('[data-pg="blocked-title"]').waitFor();
    assert.equal(await page.locator('[data-pg="blocked-title"]').textContent(), 'ChatGPT refused this account');
    assert.match(String(await page.locator('[data-pg="blocked-reason"]').textContent()), /^Acme allows only its own ChatGPT accounts/);
    await page.screenshot({ path: s.screenshotPath('tenant-refusal.png') });
    await page.close();
  });

  it('removes the header on the next sync once the admin turns the restriction off', async () => {
    await s.server.admin.request('PUT', PATH, { body: { enabled: false, allowedIds: [WORKSPACE] }, ifMatch: etag });
    await s.waitForPolicy((b) => b.tenantRestrictions === undefined);
    await eventually(() => tenantRules(s), (rules) => rules.length === 0, { what: 'the tenant-restriction rules to go' });
    recorder.requests.length = 0;
    const results = await loadAndSettle(s.context, 'https://chatgpt.com/');
    assert.equal(results.anonymous, 200, 'the logged-out endpoint is reachable again');
    const toChatGpt = recorder.requests.filter((r) => r.host === 'chatgpt.com');
    assert.ok(toChatGpt.some((r) => r.kind === 'websocket') && toChatGpt.some((r) => r.kind === 'page'));
    for (const r of toChatGpt) assert.equal(r.headers[HEADER], undefined, `${r.kind} ${r.path} carries no workspace id`);
    await reportsTenantRules(0, 'no tenant-restriction rule in the device list');
  });
});
