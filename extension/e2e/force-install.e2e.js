// Self-hosted rollout in Chromium: the browser gets the extension only through enterprise policy pointing at the
// server's update manifest (the document /api/v1/deploy/chrome generates), installs the CRX the server offers and
// enforces. The update to a higher version is shown in fleet-update.e2e.js.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { eventually } from './harness/expect.js';
import { deployedChromePolicies, installedExtension, isBlocked as isBlockedIn, ManagedChromium } from './harness/force-install.js';
import { waitForUi } from './harness/page-ui.js';
import { ARTIFACTS, PromptgateServer } from './harness/promptgate-server.js';

const MESSAGE = 'Use Acme GPT for work.';
const HOSTS = ['chatgpt.com', 'www.midjourney.com'];

describe('force-install from the server, and update', { timeout: 420_000 }, () => {
  const server = new PromptgateServer('force-install');
  const browser = new ManagedChromium();
  /** @type {import('playwright-core').BrowserContext} */
  let context;
  /** @type {{ extensionId: string, version: string }} */
  let offered;

  before(async () => {
    await server.start();
    const enrollmentToken = await server.admin.createEnrollmentToken('browser tests: force-install');
    await server.admin.updateSettings({ organizationName: 'Acme' });
    await server.admin.setRule('chatgpt', { action: 'WARN', message: MESSAGE });
    await server.admin.setRule('midjourney', { action: 'BLOCK', message: 'Image generators are not approved.' });
    offered = (await server.admin.request('GET', '/api/v1/extension/packages/current')).body;

    const policies = await deployedChromePolicies(server, enrollmentToken, `?serverUrl=${encodeURIComponent(server.url)}`);
    assert.deepEqual(policies.ExtensionInstallForcelist, [`${offered.extensionId};${server.url}/api/v1/extension/update.xml`]);
    context = await browser.start(policies, offered.extensionId, 5, HOSTS);
  });

  after(async () => {
    await browser.stop();
    await server.stop();
  });

  /** @param {string} host */
  const isBlocked = (host) => isBlockedIn(context, offered.extensionId, host);

  it('installs the offered CRX from the update URL alone, and blocks and warns', async () => {
    const installed = await eventually(() => installedExtension(context, offered.extensionId), (e) => e?.version === offered.version, {
      timeoutMs: 60_000,
      what: `Chromium to install ${offered.extensionId} ${offered.version} from the server`,
    });
    assert.equal(installed?.location, 'EXTERNAL_POLICY_DOWNLOAD');
    await eventually(() => isBlocked('www.midjourney.com'), (blocked) => blocked, { what: 'the block of www.midjourney.com' });

    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');
    const ui = await waitForUi(page, (u) => u.parts.includes('banner'));
    assert.ok(ui.text.includes(MESSAGE), ui.text);
    await page.screenshot({ path: join(ARTIFACTS, 'force-install-warning.png') });
    await page.close();
  });
});
