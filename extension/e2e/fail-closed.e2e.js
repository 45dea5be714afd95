// Before any policy arrived, failMode closed blocks the built-in catalog's AI sites; open leaves them alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { EXTENSION_ORIGIN, launchBrowser, serviceWorker } from './harness/chromium.js';
import { eventually } from './harness/expect.js';
import { startFixtureServer } from './harness/fixture-server.js';
import { removeManagedConfig, writeManagedConfig } from './harness/managed-policy.js';
import { freePort } from './harness/promptgate-server.js';

describe('fail mode before the first policy', { timeout: 120_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startFixtureServer>>} */
  let fixture;
  /** @type {import('playwright-core').BrowserContext} */
  let context;

  before(async () => {
    fixture = await startFixtureServer(['claude.ai', 'example.org']);
    // A server address where nothing listens: no policy can ever arrive.
    writeManagedConfig({ serverUrl: `http://127.0.0.1:${await freePort()}`, enrollmentToken: 'pg_et_unused', failMode: 'closed' });
    context = await launchBrowser(fixture);
  });
  after(async () => {
    await context?.close();
    removeManagedConfig();
    await fixture?.close();
  });

  it('blocks AI sites of the built-in catalog and says why, and leaves other sites alone', async () => {
    // The managed settings reach the extension a few seconds after the browser starts. (Under DevTools automation
    // Chromium answers the first storage.managed read only once the worker is inspected, so the wait asks the worker.)
    const worker = await serviceWorker(context);
    await eventually(() => worker.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules()).length), (n) => n > 0, {
      what: 'the fail-closed rules',
      timeoutMs: 30_000,
    });
    const page = await context.newPage();
    await page.goto('https://claude.ai/');
    assert.ok(page.url().startsWith(`${EXTENSION_ORIGIN}/pages/blocked.html#`), page.url());
    await page.locator('[data-pg="blocked-reason"]').waitFor();
    assert.match(await page.locator('[data-pg="blocked-reason"]').innerText(), /until this browser has received/);

    await page.goto('https://example.org/');
    assert.equal(page.url(), 'https://example.org/');
  });
});
