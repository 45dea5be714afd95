// Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core: the Firefox build of the extension
// installed as an add-on, its managed configuration in the browser's policies.json (3rdparty.Extensions.<id>, as an
// admin gives it), and AI host names sent to the fixture server through harness/fixture-proxy.js.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import puppeteer from 'puppeteer-core';

import { GECKO_ID } from '../../build/firefox.js';

export const FIREFOX = '/usr/lib/firefox-esr/firefox-esr';
/** The XPI the build packs (npm run build), for when the server under test was built without one. */
export const BUILT_XPI = new URL('../../dist-zip/', import.meta.url).pathname;
/** Read by Firefox at start; only one test file may use it at a time (the browser lock). */
export const FIREFOX_POLICIES = '/usr/lib/firefox-esr/distribution/policies.json';
/** Firefox gives each installation a random origin; the test fixes it (extensions.webextensions.uuids). */
export const EXTENSION_UUID = '6d1c5a0e-7f39-4c2b-9a1e-3b0f5e2d8c41';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** @param {Record<string, unknown>} policies the "policies" object of policies.json */
export function writeFirefoxPolicies(policies) {
  mkdirSync(dirname(FIREFOX_POLICIES), { recursive: true });
  writeFileSync(FIREFOX_POLICIES, JSON.stringify({ policies }, null, 2));
}

export function removeFirefoxPolicies() {
  rmSync(FIREFOX_POLICIES, { force: true });
}

/**
 * Starts Firefox, which installs the extension the way a managed fleet does: from the ExtensionSettings install_url
 * in policies.json (written before with {@link writeFirefoxPolicies}). The package is unsigned, which Firefox ESR
 * accepts with xpinstall.signatures.required off.
 * @param {{ proxyPort: number, prefs?: Record<string, unknown> }} options the fixture proxy, and more preferences
 * @returns {Promise<import('puppeteer-core').Browser>}
 */
export async function launchFirefox({ proxyPort, prefs = {} }) {
  if (!existsSync(FIREFOX)) throw new Error(`firefox-esr is not installed (${FIREFOX}); install it with: apt-get install -y firefox-esr`);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // PROMPTGATE_FIREFOX_LOG=1 prints the browser's console (the extension's too) to the test output.
    dumpio: process.env.PROMPTGATE_FIREFOX_LOG === '1',
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Every page request goes through the fixture proxy (127.0.0.1, where the Promptgate server runs, never does).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.allow_hijacking_localhost': false,
      'network.dns.disablePrefetch': true,
      'network.http.speculative-parallel-limit': 0,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      ...(process.env.PROMPTGATE_FIREFOX_LOG === '1' ? { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true } : {}),
      ...prefs,
    },
  });
}

/**
 * Sends one WebDriver BiDi command on puppeteer's connection.
 * @param {import('puppeteer-core').Page} page
 * @param {string} method
 * @param {Record<string, unknown>} params
 * @returns {Promise<any>}
 */
async function bidi(page, method, params) {
  const connection = /** @type {any} */ (page.browser()).connection;
  return (await connection.send(method, params)).result;
}

/** @param {import('puppeteer-core').Page} page */
const contextOf = (page) => /** @type {any} */ (page.mainFrame()).browsingContext.id;

/**
 * Starts loading `url` in the page's tab and returns without waiting: puppeteer's own navigation does not see a load
 * that ends on an extension page (the block page a rule redirects to runs in the extension's process), so tests wait
 * for what they expect instead ({@link locationOf}, {@link waitForUi}).
 * @param {import('puppeteer-core').Page} page
 * @param {string} url
 */
export async function navigate(page, url) {
  await bidi(page, 'browsingContext.navigate', { context: contextOf(page), url, wait: 'none' });
}

/**
 * Evaluates an expression in the page's top document (a web page or an extension page alike) and returns its value
 * (awaited, when it is a promise).
 * @param {import('puppeteer-core').Page} page
 * @param {string} expression
 * @returns {Promise<any>}
 */
export async function evaluateIn(page, expression) {
  const answer = await bidi(page, 'script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context: contextOf(page) },
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (answer.type !== 'success') throw new Error(`evaluating failed: ${JSON.stringify(answer.exceptionDetails?.text)}`);
  const value = answer.result.value;
  return value === undefined ? undefined : JSON.parse(value);
}

/**
 * The address the page's tab shows now.
 * @param {import('puppeteer-core').Page} page
 * @returns {Promise<string>}
 */
export async function locationOf(page) {
  return evaluateIn(page, 'location.href');
}

/**
 * Calls `fn` with the extension UI's shadow root, which is closed: out of reach of page scripts, but WebDriver BiDi
 * can hand out a reference to it (includeShadowTree "all"). Returns null when the page has no UI.
 * @param {import('puppeteer-core').Page} page
 * @param {string} fn a function declaration taking the shadow root and returning a string
 * @param {unknown[]} [args] more string arguments
 * @returns {Promise<string | null>}
 */
async function withUiRoot(page, fn, args = []) {
  const context = contextOf(page);
  const host = await bidi(page, 'script.evaluate', {
    expression: "document.querySelector('promptgate-ui')",
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const root = host.result?.value?.shadowRoot;
  if (host.type !== 'success' || root?.sharedId === undefined) return null;
  const answer = await bidi(page, 'script.callFunction', {
    functionDeclaration: fn,
    target: { context },
    awaitPromise: false,
    arguments: [{ sharedId: root.sharedId }, ...args.map((value) => ({ type: 'string', value: String(value) }))],
  });
  if (answer.type !== 'success') throw new Error(`reading the extension UI failed: ${JSON.stringify(answer.exceptionDetails?.text)}`);
  return answer.result.value ?? null;
}

const READ = `(root) => {
  const walk = (n) => n.nodeType === 3 ? n.nodeValue : n.nodeName === 'STYLE' ? '' : [...n.childNodes].map(walk).join(' ');
  const parts = [...root.querySelectorAll('[data-pg]')].map((e) => e.getAttribute('data-pg'));
  return JSON.stringify({ text: walk(root).replace(/\\s+/g, ' ').trim(), parts });
}`;

const CENTER = `(root, part) => {
  const box = root.querySelector('[data-pg="' + part + '"]')?.getBoundingClientRect();
  return box ? JSON.stringify({ x: box.x + box.width / 2, y: box.y + box.height / 2 }) : null;
}`;

/**
 * The text of the extension's UI on the page ('' when there is none), and which data-pg parts it shows.
 * @param {import('puppeteer-core').Page} page
 * @returns {Promise<{ text: string, parts: string[] }>}
 */
export async function readUi(page) {
  const read = await withUiRoot(page, READ);
  return read === null ? { text: '', parts: [] } : JSON.parse(read);
}

/**
 * Waits until the UI shows what `test` wants.
 * @param {import('puppeteer-core').Page} page
 * @param {(ui: { text: string, parts: string[] }) => boolean} test
 * @param {number} [timeoutMs]
 */
export async function waitForUi(page, test, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = { text: '', parts: /** @type {string[]} */ ([]) };
  while (Date.now() < deadline) {
    last = await readUi(page).catch(() => last);
    if (test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the extension UI did not show what was expected; it shows: ${JSON.stringify(last)}`);
}

/**
 * Clicks the UI element marked data-pg=`part`, with the mouse, as a person would.
 * @param {import('puppeteer-core').Page} page
 * @param {string} part
 */
export async function clickUi(page, part) {
  const center = await withUiRoot(page, CENTER, [part]);
  if (center === null) throw new Error(`the extension UI has no ${part}`);
  const { x, y } = JSON.parse(center);
  await page.mouse.click(x, y);
}

/**
 * What is under the middle of the fixture's prompt box: 'prompt' when the page is usable, 'PROMPTGATE-UI' when the
 * extension covers it.
 * @param {import('puppeteer-core').Page} page
 */
export function whatCoversPrompt(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-fixture="prompt"]')?.getBoundingClientRect();
    if (!box) return 'no prompt';
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return top?.closest('[data-fixture="prompt"]') ? 'prompt' : (top?.tagName ?? 'nothing');
  });
}
