// Enforcement without gaps (issue 12): in-app navigation, tabs open across a policy change, frames, a stored policy
// that cannot be rewritten or rolled back, and a block page that web pages cannot use to report blocks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { storedEvents } from './harness/admin-api.js';
import { EXTENSION_ORIGIN, stopServiceWorker } from './harness/chromium.js';
import { eventually } from './harness/expect.js';
import { waitForUi } from './harness/page-ui.js';
import { startSession } from './harness/session.js';

const BLOCKED_PAGE = `${EXTENSION_ORIGIN}/pages/blocked.html`;
const isBlockPage = (/** @type {URL} */ url) => url.href.startsWith(`${BLOCKED_PAGE}#`);

describe('enforcement without gaps', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;

  before(async () => {
    s = await startSession({
      name: 'enforcement',
      hosts: ['github.com', 'chatgpt.com', 'claude.ai', 'portal.example'],
      policy: async (server) => {
        await server.admin.setRule('github-copilot', { action: 'WARN', message: 'Copilot: no customer code.' });
        await server.admin.setRule('chatgpt', { action: 'WARN', message: 'ChatGPT: think before you paste.' });
        await server.admin.setRule('claude', { action: 'ALLOW' });
        await server.admin.addBlocklistEntry({ pattern: 'github.com/copilot/agents', action: 'BLOCK', reason: 'Agents are not approved.' });
      },
    });
    await s.waitForPolicy((b) => b.blocklist.some((e) => e.pattern === 'github.com/copilot/agents'));
  });
  after(() => s?.close());

  /** The stored policy, as the service worker sees it. */
  const storedPolicy = async () => {
    const worker = await s.worker();
    return worker.evaluate(async () => /** @type {any} */ (await chrome.storage.local.get('policy')).policy);
  };

  it('warns on in-app navigation into a path-scoped service, removes the warning on the way out, blocks a blocked path', async () => {
    const page = await s.context.newPage();
    await page.goto('https://github.com/');
    await page.evaluate(() => history.pushState({}, '', '/copilot'));
    await waitForUi(page, (u) => u.text.includes('Copilot: no customer code.'));

    await page.evaluate(() => history.pushState({}, '', '/settings'));
    await waitForUi(page, (u) => u.text === '');
    await page.goBack();
    await waitForUi(page, (u) => u.text.includes('Copilot: no customer code.'));

    await page.evaluate(() => history.pushState({}, '', '/copilot/agents'));
    await page.waitForURL(isBlockPage);
    assert.equal(await page.locator('[data-pg="blocked-reason"]').innerText(), 'Agents are not approved.');
    await page.close();
  });

  it('applies a policy change to open tabs: a tab now blocked goes to the block page, a tab now warned shows the warning', async () => {
    const chatgpt = await s.context.newPage();
    await chatgpt.goto('https://chatgpt.com/');
    await waitForUi(chatgpt, (u) => u.text.includes('ChatGPT: think before you paste.'));
    const claude = await s.context.newPage();
    await claude.goto('https://claude.ai/new');
    assert.equal(await claude.locator('h1').innerText(), 'Claude');

    await s.server.admin.setRule('chatgpt', { action: 'BLOCK', message: 'ChatGPT is not approved.' });
    await s.server.admin.setRule('claude', { action: 'WARN', message: 'Claude: no personal data.' });
    await chatgpt.waitForURL(isBlockPage, { timeout: 40_000 });
    assert.equal(await chatgpt.locator('[data-pg="blocked-reason"]').innerText(), 'ChatGPT is not approved.');
    await waitForUi(claude, (u) => u.text.includes('Claude: no personal data.'), 40_000);
    await chatgpt.close();
    await claude.close();
  });

  it('governs catalog services in frames: a blocked one shows the block page, a warned one its warning', async () => {
    await s.waitForPolicy((b) => b.services.some((x) => x.key === 'chatgpt' && x.action === 'BLOCK'));
    const page = await s.context.newPage();
    await page.goto('https://portal.example/');
    await page.evaluate(() => {
      for (const src of ['https://chatgpt.com/', 'https://claude.ai/']) {
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.style.cssText = 'width:900px;height:500px';
        document.body.append(frame);
      }
    });
    const blockFrame = await eventually(
      async () => page.frames().find((f) => f.url().startsWith(`${BLOCKED_PAGE}#https://chatgpt.com/`)) ?? null,
      (f) => f !== null,
      { what: 'the ChatGPT frame to show the block page' },
    );
    await blockFrame?.locator('[data-pg="blocked-title"]').waitFor();
    assert.equal(await blockFrame?.locator('[data-pg="blocked-reason"]').innerText(), 'ChatGPT is not approved.');
    const claudeFrame = page.frames().find((f) => f.url().startsWith('https://claude.ai/'));
    assert.ok(claudeFrame, 'the Claude frame loaded');
    await claudeFrame.locator('promptgate-ui').waitFor({ state: 'attached' });
    await page.close();
  });

  it('refuses a stored policy edited in storage, in the running worker and after the worker was stopped', async () => {
    await s.waitForPolicy((b) => b.services.some((x) => x.key === 'claude' && x.message === 'Claude: no personal data.'));
    const original = await storedPolicy();
    const edit = async () => {
      const worker = await s.worker();
      await worker.evaluate(async () => {
        const { policy } = /** @type {any} */ (await chrome.storage.local.get('policy'));
        await chrome.storage.local.set({ policy: { ...policy, body: policy.body.replace('Claude: no personal data.', 'EDITED LOCALLY') } });
      });
    };

    await edit();
    await eventually(storedPolicy, (p) => p?.body === original.body, { what: 'the edited policy to be replaced by the signed one' });
    const page = await s.context.newPage();
    await page.goto('https://claude.ai/new');
    const ui = await waitForUi(page, (u) => u.text.includes('Claude'));
    assert.match(ui.text, /Claude: no personal data\./);
    assert.doesNotMatch(ui.text, /EDITED LOCALLY/);

    await edit();
    await stopServiceWorker(s.context);
    await page.goto('https://claude.ai/new?again');
    const after = await waitForUi(page, (u) => u.text.includes('Claude'));
    assert.doesNotMatch(after.text, /EDITED LOCALLY/);
    await eventually(storedPolicy, (p) => p?.body === original.body, { what: 'the signed policy to be stored again after the restart' });
    await page.close();
  });

  it('refuses an older signed bundle replayed by the network, and one replayed into storage', async () => {
    // An older, correctly signed bundle: the one in force now, before the next change.
    const old = await fetch(`${s.proxy.url}/api/v1/client/policy`, { headers: { Authorization: `Bearer ${s.enrollmentToken}` } });
    const oldBody = Buffer.from(await old.arrayBuffer());
    const oldSignature = /** @type {string} */ (old.headers.get('X-Promptgate-Signature'));
    await s.server.admin.setRule('claude', { action: 'WARN', message: 'Claude: newer rule.' });
    const newer = await s.waitForPolicy((b) => b.services.some((x) => x.key === 'claude' && x.message === 'Claude: newer rule.'));

    s.proxy.answerWith((req) =>
      req.url?.startsWith('/api/v1/client/policy')
        ? { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"replayed"', 'X-Promptgate-Signature': oldSignature }, body: oldBody }
        : null,
    );
    try {
      const worker = await s.worker();
      const sync = await eventually(
        () => worker.evaluate(async () => /** @type {any} */ (await chrome.storage.local.get('sync')).sync),
        (state) => /before the policy in force/.test(state?.lastError ?? ''),
        { what: 'the replayed bundle to be refused' },
      );
      assert.ok(sync.failures > 0);
      assert.equal(JSON.parse((await storedPolicy()).body).issuedAt, newer.issuedAt);
    } finally {
      s.proxy.answerWith(null);
    }

    const worker = await s.worker();
    await worker.evaluate(
      async ([body, signature]) => {
        const { policy } = /** @type {any} */ (await chrome.storage.local.get('policy'));
        await chrome.storage.local.set({ policy: { ...policy, body, signature } });
      },
      [oldBody.toString('utf8'), oldSignature],
    );
    await eventually(storedPolicy, (p) => p !== null && JSON.parse(p.body).issuedAt === newer.issuedAt, {
      what: 'the replayed stored bundle to be replaced by the newer one',
    });
  });

  it('records a block for its own redirect, and a web page cannot open the block page itself', async () => {
    const blockedChatgpt = async () => {
      const [queued, stored] = await Promise.all([s.queuedEvents(), storedEvents(s.server.admin)]);
      return new Set([...queued, ...stored].filter((e) => e.type === 'blocked' && e.host === 'chatgpt.com').map((e) => e.id));
    };
    const before = await blockedChatgpt();

    const page = await s.context.newPage();
    await page.goto('https://portal.example/');
    await page.evaluate((url) => {
      location.href = url;
    }, `${BLOCKED_PAGE}#https://chatgpt.com/`);
    // The block page is web-accessible only under the extension's per-session id (use_dynamic_url): the browser
    // refuses a web page's navigation to its fixed address, so the page never loads and nothing is recorded.
    await page.waitForURL((url) => url.protocol === 'chrome-error:');
    assert.equal(await page.locator('[data-pg="blocked-title"]').count(), 0);
    assert.deepEqual([...(await blockedChatgpt())].filter((id) => !before.has(id)), [], 'no blocked event for a page-made visit');

    await page.goto('https://chatgpt.com/c/1');
    await page.waitForURL(isBlockPage);
    await page.locator('[data-pg="blocked-title"]').waitFor();
    const afterRedirect = await eventually(blockedChatgpt, (ids) => [...ids].some((id) => !before.has(id)), {
      what: 'a blocked event for the extension’s own redirect',
    });
    assert.equal([...afterRedirect].filter((id) => !before.has(id)).length, 1);
    await page.reload();
    await page.locator('[data-pg="blocked-title"]').waitFor();
    assert.equal([...(await blockedChatgpt())].filter((id) => !before.has(id)).length, 1, 'a reload is not a second block');
    await page.close();
  });
});
