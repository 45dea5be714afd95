// Launches Debian's Chromium, headless, with the unpacked extension and AI host names mapped to the fixture server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

export const EXTENSION_ID = 'alckfeecdeknpfgdenfdanhaphpinjaj';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
export const DIST = new URL('../../dist/', import.meta.url).pathname.replace(/\/$/, '');
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** The browser tests need Chromium; its absence is a failure, never a skip. */
export function chromiumExecutable() {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(`Chromium is not installed (looked for ${CANDIDATES.join(', ')}); install it with: apt-get install -y chromium`);
  }
  return found;
}

/** The major version of the installed Chromium, as the binary itself prints it (`Chromium 150.0.…`). */
export function installedChromiumMajor() {
  const printed = execFileSync(chromiumExecutable(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const found = /\b(\d+)\.\d+\.\d+/.exec(printed);
  if (found === null) throw new Error(`could not read Chromium's version from: ${printed}`);
  return found[1];
}

/**
 * @param {{ hosts: string[], port: number }} fixture host names to send to the fixture server on 127.0.0.1
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export async function launchBrowser(fixture) {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`the extension is not built (${DIST}); run npm run build`);
  const maps = fixture.hosts.map((host) => `MAP ${host} 127.0.0.1:${fixture.port}`);
  const rules = [...maps, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ');
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'promptgate-profile-')), {
    executablePath: chromiumExecutable(),
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      `--host-resolver-rules=${rules}`,
    ],
  });
}

/**
 * The extension's service worker, waiting for it to (re)start if needed.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function serviceWorker(context) {
  // After a restart the newest one is the live one.
  const running = context.serviceWorkers().filter((w) => w.url().startsWith(EXTENSION_ORIGIN)).at(-1);
  return running ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(EXTENSION_ORIGIN), timeout: 15_000 });
}

/**
 * Whether the extension's service worker is running, as the DevTools protocol sees it.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function serviceWorkerRunning(context) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    await cdp.detach();
    return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(EXTENSION_ORIGIN));
  } finally {
    await page.close();
  }
}

/**
 * Stops the extension's service worker, as Chrome does when it has been idle; resolves once it was seen stopped. An
 * open page or a storage change may start it again at once, so the proof is the stop itself: the DevTools protocol
 * reporting the worker's version stopped, or the worker gone from the targets.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function stopServiceWorker(context) {
  if (!(await serviceWorkerRunning(context))) throw new Error('the extension service worker is not running');
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    /** @type {Promise<boolean>} */
    const reportedStopped = new Promise((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.scriptURL.startsWith(EXTENSION_ORIGIN) && v.status !== 'redundant' && v.runningStatus === 'stopped')) resolve(true);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    /** @type {Promise<boolean>} */
    const seenGone = (async () => {
      for (let i = 0; i < 50; i++) {
        if (!(await serviceWorkerRunning(context))) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    })();
    const stopped = await Promise.race([reportedStopped, seenGone]);
    await cdp.detach().catch(() => {});
    if (!stopped) throw new Error('the extension service worker did not stop');
  } finally {
    await page.close();
  }
}
