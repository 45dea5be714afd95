// Firefox ESR given only policies.json, as /api/v1/deploy/firefox writes it: it installs the unsigned Firefox build
// from the install_url (ESR with signature checks off), reads the managed configuration (3rdparty.Extensions.<id>),
// fetches and verifies the policy and reports itself in the server's device list. Every page request goes through a
// local proxy that refuses hosts the test did not name. (Enforcement on pages in Firefox is not shown yet:
// docs/adr/0024-firefox-target-heartbeats-and-updates.md.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { listAll } from './harness/admin-api.js';
import { eventually } from './harness/expect.js';
import { startFixtureProxy } from './harness/fixture-proxy.js';
import { BUILT_XPI, launchFirefox, removeFirefoxPolicies, writeFirefoxPolicies } from './harness/firefox.js';
import { PromptgateServer } from './harness/promptgate-server.js';

const { version: VERSION } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('Firefox', { timeout: 300_000 }, () => {
  const server = new PromptgateServer('firefox');
  /** @type {Awaited<ReturnType<typeof startFixtureProxy>>} */
  let proxy;
  /** @type {import('puppeteer-core').Browser} */
  let browser;

  before(async () => {
    await server.start();
    const enrollmentToken = await server.admin.createEnrollmentToken('browser tests: firefox');
    await server.admin.updateSettings({ organizationName: 'Acme' });
    await server.admin.setRule('midjourney', { action: 'BLOCK', message: 'Image generators are not approved at Acme.' });
    // The managed configuration as /api/v1/deploy/firefox writes it, with a short refresh for the test.
    const response = await fetch(`${server.url}/api/v1/deploy/firefox?serverUrl=${encodeURIComponent(server.url)}`, {
      headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'X-Promptgate-Enrollment-Token': enrollmentToken },
    });
    assert.equal(response.status, 200);
    const { policies } = await response.json();
    const settings = policies.ExtensionSettings['promptgate@promptgate.dev'];
    assert.equal(settings.install_url, `${server.url}/api/v1/extension/promptgate.xpi`);
    assert.equal(settings.installation_mode, 'force_installed');
    // A server built without the extension (-Dextension.skip=true) has no XPI: then the one npm run build packed.
    if ((await fetch(settings.install_url)).status === 404) settings.install_url = `file://${BUILT_XPI}promptgate-firefox-${VERSION}.xpi`;
    const managed = policies['3rdparty'].Extensions['promptgate@promptgate.dev'];
    assert.equal(managed.serverUrl, server.url);
    managed.refreshSeconds = 5;
    writeFirefoxPolicies(policies);

    // No fixture pages here: the proxy refuses every host.
    proxy = await startFixtureProxy({ hosts: [], port: 0 });
    browser = await launchFirefox({ proxyPort: proxy.port });
  });

  after(async () => {
    await browser?.close().catch((error) => console.error('closing Firefox failed', error));
    removeFirefoxPolicies();
    await proxy?.close();
    await server.stop();
  });

  it('installs the extension by policy, and it reports itself in the device list with the policy the server serves it', async () => {
    const device = await eventually(
      async () => (await listAll(server.admin, '/api/v1/devices')).find((d) => d.browser === 'firefox'),
      (d) => d?.policyCurrent === true,
      { what: 'Firefox in the device list enforcing the current policy', timeoutMs: 60_000 },
    );
    assert.equal(device.extensionVersion, VERSION);
    assert.match(device.browserVersion, /^1\d\d\./);
    assert.equal(device.identityMode, 'none');
    assert.equal(device.skippedCount, 0, JSON.stringify(device.skipped));
    assert.equal(device.lastSyncError, null);
  });
});
