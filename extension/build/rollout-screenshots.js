// Screenshots for docs/browser-rollout.md, taken from a real rollout: starts the packaged server (embedded
// PostgreSQL, a bootstrap token), lets a Chromium that has only the Chrome policy document install the extension from
// the server, then ships a higher version through the API and waits for the browser to run it. One PNG per step under
// docs/images/rollout/. Run after ./mvnw package, under the browser lock (it writes the Chromium policy file):
// node build/rollout-screenshots.js
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { listAll } from '../e2e/harness/admin-api.js';
import { eventually } from '../e2e/harness/expect.js';
import { startFixtureServer } from '../e2e/harness/fixture-server.js';
import { installedExtension, launchManagedBrowser, removeBrowserPolicy, writeBrowserPolicy } from '../e2e/harness/force-install.js';
import { PromptgateServer } from '../e2e/harness/promptgate-server.js';
import { packCrx, THROWAWAY_KEY } from './crx.js';

const OUT = new URL('../../docs/images/rollout/', import.meta.url).pathname;
const DIST = new URL('../dist/', import.meta.url).pathname;

const server = new PromptgateServer('rollout-screenshots');
const workDir = mkdtempSync(join(tmpdir(), 'promptgate-screenshots-'));
await server.start();
/** @type {Awaited<ReturnType<typeof startFixtureServer>> | undefined} */
let fixture;
/** @type {import('playwright-core').BrowserContext | undefined} */
let context;
try {
  mkdirSync(OUT, { recursive: true });
  await server.admin.updateSettings({ organizationName: 'Acme' });
  await server.admin.setRule('chatgpt', { action: 'WARN', message: 'Use Acme GPT for work.' });
  const token = await server.admin.createEnrollmentToken('Managed Chrome, head office');
  const offered = (await server.admin.request('GET', '/api/v1/extension/packages/current')).body;
  const response = await fetch(`${server.url}/api/v1/deploy/chrome`, {
    headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'X-Promptgate-Enrollment-Token': token },
  });
  const policies = await response.json();
  policies['3rdparty'].extensions[offered.extensionId].refreshSeconds = 30;
  writeBrowserPolicy(policies);
  fixture = await startFixtureServer(['chatgpt.com']);
  const browser = await launchManagedBrowser(fixture);
  context = browser;

  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${server.url}/console/sign-in`);
  await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(server.bootstrapToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  await page.goto(`${server.url}/console/deployment?browser=chrome`);
  await page.screenshot({ path: `${OUT}console-deployment-chrome.png`, fullPage: true });

  await eventually(() => installedExtension(browser, offered.extensionId), (e) => e !== null, { timeoutMs: 90_000, what: 'the install' });
  const devices = () => listAll(server.admin, '/api/v1/devices');
  await eventually(devices, (list) => list.length === 1 && list[0].extensionVersion === offered.version, { timeoutMs: 90_000, what: 'the first report' });
  await page.setViewportSize({ width: 1280, height: 1250 });
  await page.goto('chrome://policy');
  await page.screenshot({ path: `${OUT}chrome-policy.png` });
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('chrome://extensions');
  await page.screenshot({ path: `${OUT}chrome-extensions.png` });
  await page.goto(`${server.url}/console/`);
  await page.locator('.card').first().screenshot({ path: `${OUT}console-browsers-card.png` });

  const next = `${offered.version}.1`;
  const packed = await packCrx({ source: DIST, keyPath: THROWAWAY_KEY, crxPath: join(workDir, 'next.crx'), version: next });
  const upload = await fetch(`${server.url}/api/v1/extension/packages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'Content-Type': 'application/x-chrome-extension' },
    body: readFileSync(packed.crxPath),
  });
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  await eventually(devices, (list) => list.length === 1 && list[0].extensionVersion === next, { timeoutMs: 150_000, what: `version ${next}` });
  // In developer mode the list shows each extension's version and ID.
  await page.goto('chrome://extensions');
  await page.getByRole('button', { name: 'Developer mode' }).click();
  await page.getByText(next, { exact: true }).first().waitFor();
  await page.screenshot({ path: `${OUT}chrome-extensions-updated.png` });
  console.log(`screenshots in ${OUT}`);
} finally {
  await context?.close().catch(() => undefined);
  removeBrowserPolicy();
  await fixture?.close();
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
