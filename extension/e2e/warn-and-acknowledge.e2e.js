// Scenarios 1, 2 and 8: WARN with the history reminder on ChatGPT, ACKNOWLEDGE on Gemini, and what never leaves the
// browser.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { setAcmeGuidelinePolicy, storedAcknowledgements, storedEvents } from './harness/admin-api.js';
import { EXTENSION_ORIGIN } from './harness/chromium.js';
import { eventually } from './harness/expect.js';
import { serviceForHost } from './harness/fixture-pages.js';
import { clickUi, pageView, readUi, showsNothing, waitForUi, whatCoversPrompt } from './harness/page-ui.js';
import { startSession } from './harness/session.js';

const MESSAGE = 'Use Acme GPT for work; never paste customer data into ChatGPT.';
const CHATGPT_STEPS = serviceForHost('chatgpt.com')?.dataPolicy.historySteps ?? [];

describe('warn, acknowledge and privacy', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;
  let firstVersion = 0;

  before(async () => {
    s = await startSession({
      name: 'warn-and-acknowledge',
      hosts: ['chatgpt.com', 'chat.openai.com', 'gemini.google.com', 'bard.google.com'],
      policy: async (server) => {
        firstVersion = await setAcmeGuidelinePolicy(server.admin, MESSAGE);
      },
    });
    await s.waitForPolicy((b) => b.guidelines?.version === firstVersion && b.services.some((x) => x.key === 'gemini' && x.action === 'ACKNOWLEDGE'));
  });
  after(() => s?.close());

  it('1. warns on chatgpt.com and chat.openai.com with the message and the ChatGPT history steps', async () => {
    const steps = CHATGPT_STEPS;
    assert.ok(steps.length > 0);
    for (const host of ['chatgpt.com', 'chat.openai.com']) {
      const page = await s.context.newPage();
      await page.goto(`https://${host}/`);
      const ui = await waitForUi(page, (u) => u.parts.includes('banner') && u.parts.includes('reminder'));
      assert.match(ui.text, /Acme: ChatGPT/);
      assert.ok(ui.text.includes(MESSAGE), ui.text);
      for (const step of steps) assert.ok(ui.text.includes(step), `step "${step}" in ${ui.text}`);
      assert.ok(ui.parts.includes('banner-guidelines') && ui.parts.includes('banner-alternative') && ui.parts.includes('reminder-settings'));
      if (host === 'chatgpt.com') await page.screenshot({ path: s.screenshotPath('warn-banner-and-reminder.png') });
      await page.close();
    }

    const page = await s.context.newPage();
    await page.goto('https://chat.openai.com/');
    await waitForUi(page, (u) => u.parts.includes('banner'));
    await clickUi(page, 'banner-continue');
    await clickUi(page, 'reminder-done');
    await page.reload();
    const view = await pageView(page);
    assert.ok(showsNothing(view), `dismissed for the session, reminder done: ${JSON.stringify(view)}`);
    assert.deepEqual((await readUi(page)).parts, [], 'dismissed for the session, reminder done');

    const events = await eventually(
      () => storedEvents(s.server.admin),
      (list) => ['warned', 'proceeded', 'reminder_shown', 'reminder_done'].every((type) => list.some((e) => e.type === type && e.serviceKey === 'chatgpt')),
      { what: 'the WARN events on the server' },
    );
    const warned = events.filter((e) => e.type === 'warned' && e.serviceKey === 'chatgpt');
    assert.deepEqual(warned.map((e) => [e.host, e.action]), [['chatgpt.com', 'WARN']], 'one warning per service and session');
    await page.close();
  });

  it('2. covers gemini.google.com until the guidelines are accepted, and asks again for a new version', async () => {
    const page = await s.context.newPage();
    await page.goto('https://gemini.google.com/app');
    const ui = await waitForUi(page, (u) => u.parts.includes('ack-cover'));
    assert.match(ui.text, /Before you use Gemini/);
    assert.match(ui.text, new RegExp(`Using AI at Acme \\(version ${firstVersion}\\)`));
    assert.match(ui.text, /Never enter customer data/);
    assert.equal(await whatCoversPrompt(page), 'PROMPTGATE-UI');
    await page.screenshot({ path: s.screenshotPath('acknowledge.png') });
    await page.keyboard.type('typed while covered');
    assert.equal(await page.locator('[data-fixture="prompt"]').innerText(), '');

    await clickUi(page, 'ack-accept');
    await eventually(() => whatCoversPrompt(page), (what) => what === 'prompt', { what: 'the cover to go', timeoutMs: 5_000 });
    await page.locator('[data-fixture="prompt"]').click();
    await page.keyboard.type('hello');
    assert.equal((await page.locator('[data-fixture="prompt"]').innerText()).trim(), 'hello');

    const bard = await s.context.newPage();
    await bard.goto('https://bard.google.com/');
    const bardView = await pageView(bard);
    assert.ok(showsNothing(bardView), `accepted once for every service: ${JSON.stringify(bardView)}`);
    assert.deepEqual((await readUi(bard)).parts, [], 'accepted once for every service');

    await eventually(
      () => storedAcknowledgements(s.server.admin),
      (list) => list.some((a) => a.guidelineVersion === firstVersion),
      { what: `the acknowledgement of version ${firstVersion} on the server` },
    );

    const secondVersion = await s.server.admin.publishGuideline('Using AI at Acme', '# Using AI at Acme\n\nNever enter customer data.\n\nNew: no code.\n');
    await s.waitForPolicy((b) => b.guidelines?.version === secondVersion);
    await bard.reload();
    const again = await waitForUi(bard, (u) => u.parts.includes('ack-cover'));
    assert.match(again.text, new RegExp(`\\(version ${secondVersion}\\)`));
    await clickUi(bard, 'ack-accept');
    await eventually(
      () => storedAcknowledgements(s.server.admin),
      (list) => list.some((a) => a.guidelineVersion === secondVersion),
      { what: `the acknowledgement of version ${secondVersion} on the server` },
    );
    await page.close();
    await bard.close();
  });

  it('shows the managed settings read-only, and the accepted guideline version', async () => {
    const options = await s.context.newPage();
    await options.goto(`${EXTENSION_ORIGIN}/pages/options.html`);
    await options.locator('[data-pg="options-managed"]').waitFor();
    assert.equal(await options.locator('#serverUrl').inputValue(), s.proxy.url);
    assert.equal(await options.locator('#serverUrl').getAttribute('readonly'), '');
    assert.ok((await options.locator('#enrollmentToken').inputValue()).endsWith('…'), 'the token is not shown whole');
    assert.equal(await options.locator('button[type="submit"]').count(), 0);
    await options.screenshot({ path: s.screenshotPath('options-managed.png') });

    const guidelines = await s.context.newPage();
    await guidelines.goto(`${EXTENSION_ORIGIN}/pages/guidelines.html`);
    await guidelines.locator('[data-pg="guidelines-text"]').waitFor();
    assert.match(await guidelines.locator('[data-pg="guidelines-text"]').innerText(), /New: no code\./);
    assert.match(await guidelines.locator('main').innerText(), /You accepted version \d+/);
    await options.close();
    await guidelines.close();
  });

  it('8. never sends typed text or a URL path or query', async () => {
    const typed = 'TYPED-SECRET-7f3a9c';
    const path = 'private-path-4711';
    const query = 'private-query-0815';
    const page = await s.context.newPage();
    await page.goto(`https://chatgpt.com/c/${path}?q=${query}`);
    await page.locator('[data-fixture="prompt"]').click();
    await page.keyboard.type(typed);
    await page.goto(`https://gemini.google.com/app/${path}?q=${query}`);
    await eventually(() => s.queuedEvents(), (queue) => queue.length === 0, { what: 'the event queue to empty' });

    const sent = JSON.stringify(s.proxy.captured);
    assert.ok(s.proxy.captured.some((r) => r.url === '/api/v1/client/events' && r.method === 'POST'), 'events were sent');
    for (const secret of [typed, path, query]) assert.ok(!sent.includes(secret), `"${secret}" was sent`);
    const stored = JSON.stringify(await storedEvents(s.server.admin));
    for (const secret of [typed, path, query]) assert.ok(!stored.includes(secret), `"${secret}" was stored`);
    assert.ok(s.fixture.requests.some((r) => r.path === `/c/${path}?q=${query}`), 'the page itself was visited');
    await page.close();
  });
});
