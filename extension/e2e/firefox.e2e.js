// Firefox ESR given only policies.json, as /api/v1/deploy/firefox writes it: it installs the unsigned Firefox build
// from the install_url (ESR with signature checks off), reads the managed configuration (3rdparty.Extensions.<id>),
// fetches and verifies the policy, reports itself in the server's device list, and enforces the policy on the AI
// sites' fixture pages: the warning with the history reminder, the acknowledgement cover, and the block page with the
// approved alternative. Every page request goes through a local proxy that sends the fixture's host names to the
// fixture server and refuses every other host (Firefox has no host-resolver rules).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { listAll, setAcmeGuidelinePolicy, storedAcknowledgements, storedEvents } from './harness/admin-api.js';
import { eventually } from './harness/expect.js';
import { serviceForHost } from './harness/fixture-pages.js';
import { startFixtureProxy } from './harness/fixture-proxy.js';
import { startFixtureServer } from './harness/fixture-server.js';
import {
  BUILT_XPI,
  clickUi,
  EXTENSION_ORIGIN,
  evaluateIn,
  launchFirefox,
  locationOf,
  navigate,
  removeFirefoxPolicies,
  waitForUi,
  whatCoversPrompt,
  writeFirefoxPolicies,
} from './harness/firefox.js';
import { PromptgateServer } from './harness/promptgate-server.js';

const { version: VERSION } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const WARNING = 'Use Acme GPT for work; never paste customer data into ChatGPT.';
const CHATGPT_STEPS = serviceForHost('chatgpt.com')?.dataPolicy.historySteps ?? [];
const BLOCKED_PAGE = `${EXTENSION_ORIGIN}/pages/blocked.html`;

/**
 * Opens an extension page (the block page, which web pages may open) in `page` by way of a web page: Firefox refuses
 * to navigate a tab to a moz-extension: address over WebDriver BiDi. The page then has the extension's APIs.
 * @param {import('puppeteer-core').Page} page
 */
async function openExtensionPage(page) {
  await navigate(page, 'https://chatgpt.com/');
  await eventually(() => locationOf(page), (href) => href.startsWith('https://chatgpt.com/'), { what: 'a web page to leave from' });
  await evaluateIn(page, `(setTimeout(() => { location.href = ${JSON.stringify(BLOCKED_PAGE)}; }, 0), null)`);
  await eventually(() => locationOf(page), (href) => href.startsWith(BLOCKED_PAGE), { what: 'the extension page' });
}

/**
 * The text typed into the fixture's prompt box.
 * @param {import('puppeteer-core').Page} page
 */
const promptText = (page) => evaluateIn(page, "document.querySelector('[data-fixture=\"prompt\"]')?.innerText.trim() ?? null");

describe('Firefox', { timeout: 300_000 }, () => {
  const server = new PromptgateServer('firefox');
  /** @type {Awaited<ReturnType<typeof startFixtureServer>>} */
  let fixture;
  /** @type {Awaited<ReturnType<typeof startFixtureProxy>>} */
  let proxy;
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  let guidelineVersion = 0;
  let firstDevice = '';
  /** @type {Record<string, any>} */
  let deployed = {};

  before(async () => {
    await server.start();
    const enrollmentToken = await server.admin.createEnrollmentToken('browser tests: firefox');
    guidelineVersion = await setAcmeGuidelinePolicy(server.admin, WARNING);
    await server.admin.setRule('midjourney', {
      action: 'BLOCK',
      message: 'Image generators are not approved at Acme.',
      alternative: { name: 'Acme Images', url: 'https://images.acme.example/' },
    });
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
    // Site access granted at install whatever the profile says (see the last two tests).
    assert.deepEqual(policies.Preferences?.['extensions.originControls.grantByDefault'], { Value: true, Status: 'locked' });
    deployed = policies;
    writeFirefoxPolicies(policies);

    fixture = await startFixtureServer(['chatgpt.com', 'gemini.google.com', 'www.midjourney.com']);
    proxy = await startFixtureProxy({ hosts: fixture.hosts, port: fixture.port });
    browser = await launchFirefox({ proxyPort: proxy.port });
  });

  after(async () => {
    await browser?.close().catch((error) => console.error('closing Firefox failed', error));
    removeFirefoxPolicies();
    await proxy?.close();
    await fixture?.close();
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
    firstDevice = device.deviceId;
  });

  it('warns on chatgpt.com with the message, the alternative and the ChatGPT history steps, and keeps the dismissal and the reminder answer', async () => {
    assert.ok(CHATGPT_STEPS.length > 0);
    const page = await browser.newPage();
    await navigate(page, 'https://chatgpt.com/');
    const ui = await waitForUi(page, (u) => u.parts.includes('banner') && u.parts.includes('reminder'));
    assert.match(ui.text, /Acme: ChatGPT/);
    assert.ok(ui.text.includes(WARNING), ui.text);
    for (const step of CHATGPT_STEPS) assert.ok(ui.text.includes(step), `step "${step}" in ${ui.text}`);
    assert.ok(['banner-guidelines', 'banner-alternative', 'reminder-settings'].every((part) => ui.parts.includes(part)), JSON.stringify(ui.parts));

    await clickUi(page, 'banner-continue');
    await clickUi(page, 'reminder-done');
    await waitForUi(page, (u) => u.parts.length === 0);
    // Kept where the background decides the next page's view: dismissed for this browser session (storage.session)
    // and the reminder done (storage.local), read from an extension page.
    const extensionPage = await browser.newPage();
    await openExtensionPage(extensionPage);
    const kept = await eventually(
      () => evaluateIn(extensionPage, "Promise.all([browser.storage.session.get('dismissed'), browser.storage.local.get('reminders')])"),
      ([session, local]) => session.dismissed?.chatgpt === true && local.reminders?.chatgpt?.remindAfter !== undefined,
      { what: 'the dismissal and the reminder answer in the extension storage' },
    );
    assert.ok(kept[1].reminders.chatgpt.remindAfter > Date.now() + 24 * 3600_000, `the reminder is not due for days: ${JSON.stringify(kept[1])}`);
    await extensionPage.close();
    const events = await eventually(
      () => storedEvents(server.admin),
      (list) => ['warned', 'proceeded', 'reminder_shown', 'reminder_done'].every((type) => list.some((e) => e.type === type && e.serviceKey === 'chatgpt')),
      { what: 'the warning events from Firefox on the server' },
    );
    assert.deepEqual(
      events.filter((e) => e.type === 'warned' && e.serviceKey === 'chatgpt').map((e) => [e.host, e.action]),
      [['chatgpt.com', 'WARN']],
      'one warning per service and session',
    );
    await page.close();
  });

  it('covers gemini.google.com until the guidelines are accepted, then the prompt box takes input', async () => {
    const page = await browser.newPage();
    await navigate(page, 'https://gemini.google.com/app');
    const ui = await waitForUi(page, (u) => u.parts.includes('ack-cover'));
    assert.match(ui.text, /Before you use Gemini/);
    assert.match(ui.text, new RegExp(`Using AI at Acme \\(version ${guidelineVersion}\\)`));
    assert.match(ui.text, /Never enter customer data/);
    assert.equal(await whatCoversPrompt(page), 'PROMPTGATE-UI');
    await page.keyboard.type('typed while covered');
    assert.equal(await promptText(page), '');

    await clickUi(page, 'ack-accept');
    await eventually(() => whatCoversPrompt(page), (what) => what === 'prompt', { what: 'the cover to go', timeoutMs: 5_000 });
    await page.click('[data-fixture="prompt"]');
    await page.keyboard.type('hello');
    assert.equal(await promptText(page), 'hello');
    await eventually(
      () => storedAcknowledgements(server.admin),
      (list) => list.some((a) => a.guidelineVersion === guidelineVersion),
      { what: `the acknowledgement of version ${guidelineVersion} from Firefox on the server` },
    );
    await page.close();
  });

  it('sends www.midjourney.com to the block page with the reason and the approved alternative, before the site is contacted', async () => {
    const page = await browser.newPage();
    await navigate(page, 'https://www.midjourney.com/imagine?prompt=secret');
    await eventually(() => locationOf(page), (href) => href.startsWith(`${BLOCKED_PAGE}#`), { what: 'the block page', timeoutMs: 15_000 });
    const shown = await eventually(
      () =>
        evaluateIn(
          page,
          `Object.fromEntries(['blocked-title', 'blocked-reason', 'blocked-host', 'blocked-alternative', 'blocked-guidelines'].map((part) => {
            const element = document.querySelector('[data-pg="' + part + '"]');
            return [part, element === null ? null : { text: element.textContent, href: element.getAttribute('href') }];
          }))`,
        ),
      (parts) => parts['blocked-reason'] !== null,
      { what: 'the block page to show the reason', timeoutMs: 15_000 },
    );
    assert.equal(shown['blocked-title'].text, 'Midjourney is blocked');
    assert.equal(shown['blocked-reason'].text, 'Image generators are not approved at Acme.');
    assert.equal(shown['blocked-host'].text, 'Address: www.midjourney.com');
    assert.deepEqual(shown['blocked-alternative'], { text: 'Use Acme Images instead', href: 'https://images.acme.example/' });
    assert.notEqual(shown['blocked-guidelines'], null);
    assert.ok(!fixture.requests.some((r) => r.host === 'www.midjourney.com'), 'the blocked site was never contacted');
    assert.ok(!proxy.refused.some((r) => r.startsWith('www.midjourney.com')), 'nor asked for through the proxy');
    await page.close();
  });

  it('grants site access where the profile turned extensions.originControls.grantByDefault off, as the document locks it on', async () => {
    // Firefox grants a Manifest V3 add-on its host permissions at install only while this preference is on (its
    // default). A second Firefox, with a profile of its own that turns it off, gets the same policies.json.
    await browser.close();
    browser = await launchFirefox({ proxyPort: proxy.port, prefs: { 'extensions.originControls.grantByDefault': false } });
    const device = await eventually(
      async () => (await listAll(server.admin, '/api/v1/devices')).find((d) => d.browser === 'firefox' && d.deviceId !== firstDevice),
      (d) => d?.policyCurrent === true,
      { what: 'the second Firefox in the device list enforcing the current policy', timeoutMs: 60_000 },
    );
    assert.equal(device.skippedCount, 0, JSON.stringify(device.skipped));
    const page = await browser.newPage();
    await navigate(page, 'https://chatgpt.com/');
    await waitForUi(page, (u) => u.parts.includes('banner'));
  });

  it('without that preference, Firefox 140 withheld site access (nothing enforced, the server unreachable); Firefox 153 grants it', async () => {
    // The same document without its Preferences entry, and a profile that turns the preference off. Firefox 140 then
    // granted no host permission, and the extension's requests to the server were cross-origin requests the server
    // does not allow, so it could neither fetch the policy nor report itself. Firefox 153 grants a policy-installed
    // extension its site access all the same; the document keeps locking the preference on for older versions.
    await browser.close();
    const { Preferences, ...withoutPreferences } = deployed;
    assert.ok(Preferences !== undefined);
    writeFirefoxPolicies(withoutPreferences);
    browser = await launchFirefox({ proxyPort: proxy.port, prefs: { 'extensions.originControls.grantByDefault': false } });
    const major = Number(/([0-9]+)\./.exec(await browser.version())?.[1] ?? 0);
    const extensionPage = await browser.newPage();
    await openExtensionPage(extensionPage);
    const state = await eventually(
      () => evaluateIn(extensionPage, "Promise.all([browser.permissions.getAll(), browser.storage.local.get(['sync', 'policy', 'deviceId'])])"),
      ([, local]) => (local.sync?.failures ?? 0) >= 1 || local.sync?.lastSuccessAt !== undefined,
      { what: 'the third Firefox to have tried to fetch the policy' },
    );
    const [granted, local] = state;
    if (major >= 153) {
      assert.deepEqual(granted.origins, ['<all_urls>'], `Firefox ${major} grants site access without the preference`);
      assert.ok(local.policy !== undefined && local.policy !== null, 'the policy was fetched');
      await eventually(
        () => listAll(server.admin, '/api/v1/devices'),
        (list) => list.some((d) => d.deviceId === local.deviceId),
        { what: 'the third Firefox in the device list' },
      );
      return;
    }
    assert.deepEqual(granted.origins, [], 'no host permission granted');
    assert.match(local.sync.lastError, /NetworkError/);
    assert.equal(local.policy ?? null, null, 'no policy fetched');
    const devices = await listAll(server.admin, '/api/v1/devices');
    assert.equal(devices.some((d) => d.deviceId === local.deviceId), false, 'the server never heard of it');
    assert.equal(devices.filter((d) => d.browser === 'firefox').length, 2, 'the first two Firefox browsers did report');
  });
});
