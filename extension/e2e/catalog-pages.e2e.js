// Catalog entries in a real browser: Google Search AI Mode is recognised by its query (udm=50) while ordinary Google
// searches stay untouched, and the prompt boxes of Perplexity's and Meta AI's current (Lexical) editors are found
// with the catalog's selectors. The history reminder says where its steps come from, or that they are unconfirmed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { storedEvents } from './harness/admin-api.js';
import { EXTENSION_ORIGIN } from './harness/chromium.js';
import { eventually } from './harness/expect.js';
import { readUi, waitForUi } from './harness/page-ui.js';
import { startSession } from './harness/session.js';

/**
 * The page view the extension's page script gets for this page, asked from inside that script's own world once the
 * script is there: what the extension decided for the exact URL.
 * @param {import('playwright-core').Page} page
 */
async function pageViewSeenByThePageScript(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    /** @type {number[]} */
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin === EXTENSION_ORIGIN) contexts.push(context.id);
    });
    await cdp.send('Runtime.enable');
    const contextId = await eventually(
      async () => contexts.at(-1),
      (id) => id !== undefined,
      { what: "the extension's page script in the page", timeoutMs: 15_000 },
    );
    const answer = await cdp.send('Runtime.evaluate', {
      contextId,
      expression: "chrome.runtime.sendMessage({ type: 'getPageView' })",
      awaitPromise: true,
      returnByValue: true,
    });
    if (answer.exceptionDetails !== undefined) throw new Error(`asking for the page view failed: ${answer.exceptionDetails.text}`);
    return answer.result.value?.value;
  } finally {
    await cdp.detach();
  }
}

describe('catalog pages', { timeout: 240_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;

  before(async () => {
    s = await startSession({
      name: 'catalog-pages',
      hosts: ['www.google.com', 'www.perplexity.ai', 'www.meta.ai'],
      policy: async (server) => {
        await server.admin.updateSettings({ organizationName: 'Acme', requireAcknowledgement: false });
        await server.admin.setRule('google-ai-mode', { action: 'WARN', message: 'AI Mode is not approved for work searches.' });
        await server.admin.setRule('perplexity', { action: 'WARN', historyReminder: true });
        await server.admin.setRule('meta-ai', { action: 'WARN', historyReminder: true });
      },
    });
    await s.waitForPolicy((b) => ['google-ai-mode', 'perplexity', 'meta-ai'].every((key) => b.services.some((x) => x.key === key && x.action === 'WARN')));
  });
  after(() => s?.close());

  it('warns on Google Search AI Mode (udm=50) and not on an ordinary Google search', async () => {
    const aiMode = await s.context.newPage();
    await aiMode.goto('https://www.google.com/search?q=x&udm=50');
    const ui = await waitForUi(aiMode, (u) => u.parts.includes('banner'));
    assert.match(ui.text, /Google Search AI Mode/);
    assert.ok(ui.text.includes('AI Mode is not approved for work searches.'), ui.text);
    await aiMode.screenshot({ path: s.screenshotPath('google-ai-mode.png') });

    const plain = await s.context.newPage();
    await plain.goto('https://www.google.com/search?q=x');
    const view = await pageViewSeenByThePageScript(plain);
    assert.deepEqual(view, { action: 'ALLOW' }, 'the page script is told to draw nothing');
    assert.deepEqual((await readUi(plain)).parts, [], 'nothing is drawn on an ordinary search');
    assert.ok(s.fixture.requests.some((r) => r.host === 'www.google.com' && r.path === '/search?q=x'), 'the ordinary search was loaded');
    await aiMode.close();
    await plain.close();
  });

  for (const { host, key, name } of [
    { host: 'www.perplexity.ai', key: 'perplexity', name: 'Perplexity' },
    { host: 'www.meta.ai', key: 'meta-ai', name: 'Meta AI' },
  ]) {
    it(`finds the prompt box of ${name}'s Lexical editor`, async () => {
      const page = await s.context.newPage();
      await page.goto(`https://${host}/`);
      await waitForUi(page, (u) => u.parts.includes('banner') && u.parts.includes('reminder'));
      assert.equal(await page.locator('[data-fixture="prompt"]').evaluate((e) => e.getAttribute('contenteditable')), 'true');
      await page.locator('[data-fixture="prompt"]').click();
      await page.keyboard.type('hello');
      await eventually(
        () => storedEvents(s.server.admin),
        (list) => list.some((e) => e.type === 'proceeded' && e.serviceKey === key),
        { what: `the proceeded event for ${key}, sent when typing into the prompt box` },
      );
      await page.close();
    });
  }

  it('shows checked steps with their source, and unconfirmed steps and modes as unconfirmed', async () => {
    const perplexity = await s.context.newPage();
    await perplexity.goto('https://www.perplexity.ai/');
    const checked = await waitForUi(perplexity, (u) => u.parts.includes('reminder'));
    assert.ok(checked.parts.includes('reminder-source') && !checked.parts.includes('reminder-unverified'), JSON.stringify(checked));
    assert.match(checked.text, /Checked on \d{4}-\d{2}-\d{2} against Perplexity's help page/);

    const meta = await s.context.newPage();
    await meta.goto('https://www.meta.ai/');
    const unconfirmed = await waitForUi(meta, (u) => u.parts.includes('reminder'));
    assert.ok(unconfirmed.parts.includes('reminder-unverified') && !unconfirmed.parts.includes('reminder-source'), JSON.stringify(unconfirmed));
    assert.match(unconfirmed.text, /could not be confirmed on Meta AI's own pages/);
    assert.match(unconfirmed.text, /Not confirmed by Meta AI: Incognito Chat/);
    await meta.screenshot({ path: s.screenshotPath('unconfirmed-reminder.png') });
    await perplexity.close();
    await meta.close();
  });
});
