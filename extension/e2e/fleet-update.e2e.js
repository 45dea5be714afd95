// A fleet update in Chromium: the browser runs version N, force-installed from the server's update URL by enterprise
// policy alone; an admin uploads version N+1 (same key) through the API; the next policy answer names N+1, the
// extension asks the browser for an update check (chrome.runtime.requestUpdateCheck) and restarts into the update,
// and the device list shows N+1. Throughout the update a tab keeps opening a blocked site, which must never be
// contacted; the block and the warning are checked again on the first pages after it.
// Chromium runs with its default update schedule (every five hours): only the extension's own request brings the
// update within the test's time. Then the server rotates its signing key without a prepared next key, and the browser,
// whose keys come from the deployment document, refuses the policy signed with the key it was not given.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { packCrx, THROWAWAY_KEY } from '../build/crx.js';
import { listAll } from './harness/admin-api.js';
import { eventually } from './harness/expect.js';
import { deployedChromePolicies, installedExtension, isBlocked as isBlockedIn, ManagedChromium } from './harness/force-install.js';
import { waitForUi } from './harness/page-ui.js';
import { PromptgateServer } from './harness/promptgate-server.js';

const MESSAGE = 'Use Acme GPT for work.';
const HOSTS = ['chatgpt.com', 'www.midjourney.com'];
const DIST = new URL('../dist/', import.meta.url).pathname;

describe('a fleet update to the version an admin uploads', { timeout: 420_000 }, () => {
  const server = new PromptgateServer('fleet-update');
  const workDir = mkdtempSync(join(tmpdir(), 'promptgate-update-'));
  const browser = new ManagedChromium();
  /** @type {import('playwright-core').BrowserContext} */
  let context;
  /** @type {{ extensionId: string, version: string }} */
  let offered;

  before(async () => {
    await server.start();
    const enrollmentToken = await server.admin.createEnrollmentToken('browser tests: fleet update');
    await server.admin.setRule('chatgpt', { action: 'WARN', message: MESSAGE });
    await server.admin.setRule('midjourney', { action: 'BLOCK', message: 'Image generators are not approved.' });
    offered = (await server.admin.request('GET', '/api/v1/extension/packages/current')).body;

    const policies = await deployedChromePolicies(server, enrollmentToken);
    // The policy refresh period sets how soon a browser hears of a new version: 30 s here (the least chrome.alarms
    // allows), 300 s by default.
    context = await browser.start(policies, offered.extensionId, 30, HOSTS);
  });

  after(async () => {
    await browser.stop();
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** @returns {Promise<{ extensionVersion: string, policyVersion: string | null, lastSyncError: string | null }[]>} */
  const devices = () => listAll(server.admin, '/api/v1/devices');

  /** @param {string} host */
  const isBlocked = (host) => isBlockedIn(context, offered.extensionId, host);

  /** How many requests for the blocked site reached the fixture server. */
  const midjourneyRequests = () => browser.fixture?.requests.filter((r) => r.host === 'www.midjourney.com').length ?? 0;

  it('runs N, is offered N+1 by an upload, and the device list shows N+1 within one policy sync', async () => {
    const running = await eventually(devices, (list) => list.length === 1 && list[0].extensionVersion === offered.version, {
      timeoutMs: 90_000,
      what: `the browser to report version ${offered.version} in the device list`,
    });
    assert.equal(running.length, 1);

    const next = `${offered.version}.1`;
    const packed = await packCrx({ source: DIST, keyPath: THROWAWAY_KEY, crxPath: join(workDir, 'next.crx'), version: next });
    assert.equal(packed.id, offered.extensionId, 'the next version is signed with the same key');
    // From before the upload until the new version has reported, a tab keeps opening the blocked site: across the
    // update (download, restart into N+1, the new version's first sync) no load may reach it.
    const contactedBefore = midjourneyRequests();
    let probing = true;
    let probes = 0;
    /** @type {number[]} */
    const probedAt = [];
    const probe = (async () => {
      while (probing) {
        await isBlocked('www.midjourney.com').catch(() => false);
        probes += 1;
        probedAt.push(Date.now());
      }
    })();
    const uploadedAt = Date.now();
    /** @type {number | undefined} */
    let installedAfter;
    try {
      const upload = await fetch(`${server.url}/api/v1/extension/packages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'Content-Type': 'application/x-chrome-extension' },
        body: readFileSync(packed.crxPath),
      });
      assert.equal(upload.status, 201, await upload.text());
      const installed = await eventually(() => installedExtension(context, offered.extensionId), (e) => e?.version === next, {
        timeoutMs: 150_000,
        what: `Chromium to install ${next}`,
      });
      assert.equal(installed?.location, 'EXTERNAL_POLICY_DOWNLOAD');
      installedAfter = (Date.now() - uploadedAt) / 1000;
      await eventually(devices, (list) => list.length === 1 && list[0].extensionVersion === next, {
        timeoutMs: 60_000,
        what: `the device list to show version ${next}`,
      });
    } finally {
      probing = false;
      await probe;
    }
    const seconds = (Date.now() - uploadedAt) / 1000;
    console.log(`upload of ${next}: installed after ${installedAfter?.toFixed(1)} s, in the device list after ${seconds.toFixed(1)} s; the blocked site opened ${probes} times meanwhile`);
    // Loads before the new version was installed and after it: the probing spanned the update, however quick it was.
    const installedAt = uploadedAt + (installedAfter ?? 0) * 1000;
    assert.ok(
      probedAt.some((t) => t <= installedAt) && probedAt.some((t) => t > installedAt),
      `the blocked site was opened before and after the install (${probes} times in ${seconds.toFixed(1)} s)`,
    );
    assert.equal(midjourneyRequests(), contactedBefore, 'no load of the blocked site reached it during the update');

    // The first pages loaded after the update: the block and the warning are in force.
    const [updated] = await devices();
    assert.equal(updated.policyVersion, running[0].policyVersion, 'the updated extension enforces the same policy');
    assert.equal(await isBlocked('www.midjourney.com'), true, 'the block is in force right after the update');
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');
    const ui = await waitForUi(page, (u) => u.parts.includes('banner'));
    assert.ok(ui.text.includes(MESSAGE), ui.text);
    await page.close();
    assert.equal(midjourneyRequests(), contactedBefore, 'nor after it');
  });

  it('trusts only the signing keys its policy pins: a rotation to a key not prepared is refused', async () => {
    const pinned = (await devices())[0];
    // Without a prepared key the rotation makes a new one, endorsed by the old key in the JWKS: a browser that pinned
    // keys on first use would follow it. This browser's keys come from the deployment document, so it does not.
    const rotated = (await server.admin.request('POST', '/api/v1/signing-keys/rotate', { expect: [200] })).body.activeKeyId;
    const refused = await eventually(devices, (list) => (list[0].lastSyncError ?? '').includes(`key ${rotated} is not pinned`), {
      timeoutMs: 120_000,
      what: `the browser to report that key ${rotated} is not pinned`,
    });
    assert.equal(refused[0].policyVersion, pinned.policyVersion, 'the last good policy stays in force');
    assert.equal(await isBlocked('www.midjourney.com'), true, 'and so does its block');
  });
});
