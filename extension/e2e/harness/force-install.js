// A Chromium that gets the extension only the way a managed fleet does: enterprise policy naming the extension and
// the server's update URL (ExtensionInstallForcelist), no --load-extension. Playwright's default
// --disable-extensions is dropped, and background networking stays on, as Chromium fetches the update manifest and
// the CRX with it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { chromium } from 'playwright-core';

import { chromiumExecutable } from './chromium.js';
import { startFixtureServer } from './fixture-server.js';
import { POLICY_FILE } from './managed-policy.js';

/** @param {Record<string, unknown>} policies a Chromium policy document, e.g. from /api/v1/deploy/chrome */
export function writeBrowserPolicy(policies) {
  mkdirSync(dirname(POLICY_FILE), { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify(policies, null, 2));
}

/**
 * The Chrome policies the server's deployment document gives for this enrollment token (the answer must be 200).
 * @param {{ url: string, bootstrapToken: string }} server
 * @param {string} enrollmentToken
 * @param {string} [query] e.g. `?serverUrl=…`
 * @returns {Promise<any>}
 */
export async function deployedChromePolicies(server, enrollmentToken, query = '') {
  const response = await fetch(`${server.url}/api/v1/deploy/chrome${query}`, {
    headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'X-Promptgate-Enrollment-Token': enrollmentToken },
  });
  assert.equal(response.status, 200);
  return response.json();
}

export function removeBrowserPolicy() {
  rmSync(POLICY_FILE, { force: true });
}

/**
 * @param {{ hosts: string[], port: number }} fixture host names to send to the fixture server on 127.0.0.1
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export function launchManagedBrowser(fixture) {
  const maps = fixture.hosts.map((host) => `MAP ${host} 127.0.0.1:${fixture.port}`);
  const rules = [...maps, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ');
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'promptgate-managed-profile-')), {
    executablePath: chromiumExecutable(),
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-extensions-with-background-pages'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}`,
    ],
  });
}

/**
 * The installed extension as Chromium lists it in chrome://extensions-internals (Playwright lists neither a
 * force-installed extension's service worker nor keeps its pages): null until it is installed.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @returns {Promise<{ version: string, location: string } | null>}
 */
export async function installedExtension(context, extensionId) {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions-internals');
    const list = JSON.parse(await page.evaluate(() => document.body.innerText));
    const found = list.find((/** @type {{ id: string }} */ e) => e.id === extensionId);
    return found === undefined ? null : { version: found.version, location: found.location };
  } finally {
    await page.close();
  }
}

/**
 * Whether opening https://host/ in the managed browser ends on the extension's block page.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @param {string} host
 */
export async function isBlocked(context, extensionId, host) {
  const page = await context.newPage();
  try {
    await page.goto(`https://${host}/`).catch(() => undefined);
    await page.waitForURL((url) => url.protocol === 'chrome-extension:', { timeout: 5_000 }).catch(() => undefined);
    return page.url().startsWith(`chrome-extension://${extensionId}/pages/blocked.html`);
  } finally {
    await page.close();
  }
}

/**
 * A managed Chromium as the force-install suites run it: the server's Chrome policies written with the extension's
 * policy refresh period, a fixture server for the AI hosts, and the browser on both. stop() closes the browser,
 * removes the policy file and closes the fixture server, also after a start that failed half-way.
 */
export class ManagedChromium {
  /** @type {import('playwright-core').BrowserContext | undefined} */
  context;
  /** @type {Awaited<ReturnType<typeof startFixtureServer>> | undefined} */
  fixture;

  /**
   * @param {any} policies the document from /api/v1/deploy/chrome
   * @param {string} extensionId
   * @param {number} refreshSeconds how often the extension asks for its policy
   * @param {string[]} hosts
   * @returns {Promise<import('playwright-core').BrowserContext>}
   */
  async start(policies, extensionId, refreshSeconds, hosts) {
    policies['3rdparty'].extensions[extensionId].refreshSeconds = refreshSeconds;
    writeBrowserPolicy(policies);
    this.fixture = await startFixtureServer(hosts);
    this.context = await launchManagedBrowser(this.fixture);
    this.context.setDefaultTimeout(20_000);
    return this.context;
  }

  async stop() {
    await this.context?.close().catch((error) => console.error('closing the browser failed', error));
    removeBrowserPolicy();
    await this.fixture?.close();
  }
}
