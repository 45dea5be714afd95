// A fleet update in Chromium: the browser runs version N, force-installed from the server's update URL by enterprise
// policy alone; an admin uploads version N+1 (same key) through the API; the next policy answer names N+1, the
// extension asks the browser for an update check (chrome.runtime.requestUpdateCheck) and restarts into the update,
// and the device list shows N+1. Throughout the update a tab keeps opening a blocked site: a load that reaches it while
// the browser swaps the versions must end on the block page, and none may reach it after the update; the block and
// the warning are checked again on the first pages after it.
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

  /**
   * Opens the blocked site in a new tab and answers where the tab ends and whether the load reached the site. The
   * extension's block is a redirect, seen at once; a page the site served is given 15 s to be moved to the block page.
   */
  const openBlockedSite = async () => {
    const page = await context.newPage();
    try {
      const before = midjourneyRequests();
      await page.goto('https://www.midjourney.com/').catch(() => undefined);
      const timeout = midjourneyRequests() > before ? 15_000 : 5_000;
      await page.waitForURL((u) => u.protocol === 'chrome-extension:', { timeout }).catch(() => undefined);
      return { url: page.url(), reached: midjourneyRequests() - before };
    } finally {
      await page.close();
    }
  };

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
    // From before the upload until the new version has reported, a tab keeps opening the blocked site, across the
    // update (download, restart into N+1, the new version's first sync). While Chromium swaps the versions it has
    // unloaded the extension and its rules, so a load that starts in that moment can reach the site; the new version
    // must then take that tab to the block page (no blocked page stays open), and no other load may reach it.
    let probing = true;
    /** @type {{ from: number, to: number, reached: number, url: string }[]} */
    const probes = [];
    const probe = (async () => {
      while (probing) {
        const from = Date.now();
        const { url, reached } = await openBlockedSite();
        probes.push({ from, to: Date.now(), reached, url });
      }
    })();
    const uploadedAt = Date.now();
    /** @type {number | undefined} */
    let installedAfter;
    /** @type {number | undefined} */
    let reportedAt;
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
      reportedAt = Date.now();
    } finally {
      probing = false;
      await probe;
    }
    const seconds = (Date.now() - uploadedAt) / 1000;
    const installedAt = uploadedAt + (installedAfter ?? 0) * 1000;
    const reaching = probes.filter((p) => p.reached > 0);
    const blockPage = `chrome-extension://${offered.extensionId}/pages/blocked.html`;
    const elsewhere = probes.filter((p) => !p.url.startsWith(blockPage));
    const offset = (/** @type {number} */ t) => ((t - installedAt) / 1000).toFixed(2);
    console.log(
      `upload of ${next}: installed after ${installedAfter?.toFixed(1)} s, in the device list after ${seconds.toFixed(1)} s; ` +
        `the blocked site opened ${probes.length} times meanwhile, ${reaching.length} of them reached it` +
        reaching.map((p) => ` (a load from ${offset(p.from)} s to ${offset(p.to)} s of the install)`).join('') +
        `; ${elsewhere.length} ended elsewhere` +
        elsewhere.map((p) => ` (${p.url}, from ${offset(p.from)} s to ${offset(p.to)} s)`).join(''),
    );
    // Loads before the new version was installed and after it: the probing spanned the update, however quick it was.
    assert.ok(
      probes.some((p) => p.to <= installedAt) && probes.some((p) => p.to > installedAt),
      `the blocked site was opened before and after the install (${probes.length} times in ${seconds.toFixed(1)} s)`,
    );
    for (const p of reaching) {
      assert.ok(p.url.startsWith(blockPage), `a load that reached the site during the swap ends on the block page: ${JSON.stringify(p)}`);
      assert.ok(p.from < (reportedAt ?? Number.POSITIVE_INFINITY), `only a load that began before the new version reported reached the site: ${JSON.stringify(p)}`);
    }
    const contactedDuring = midjourneyRequests();

    // The first pages loaded after the update: the block and the warning are in force.
    const [updated] = await devices();
    assert.equal(updated.policyVersion, running[0].policyVersion, 'the updated extension enforces the same policy');
    assert.equal(await isBlocked('www.midjourney.com'), true, 'the block is in force right after the update');
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');
    const ui = await waitForUi(page, (u) => u.parts.includes('banner'));
    assert.ok(ui.text.includes(MESSAGE), ui.text);
    await page.close();
    assert.equal(midjourneyRequests(), contactedDuring, 'no load reached it after the update');
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
