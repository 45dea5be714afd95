// Data protection with no DLP configuration (the built-in defaults: payment cards and credentials on WARN), in real
// editors from npm: a card number pasted or typed into ProseMirror, Quill, Lexical, Slate and a textarea is caught
// before the page has it; "Remove it" edits the editor's own model, and the page's own submit handler receives only
// the redacted text; "Send anyway" lets it through and says so in an event that holds no text. The warning is used
// with the keyboard alone too: the focus starts on Remove it, Tab and Shift+Tab stay in the dialog, Escape cancels.
// In a form, the submit button and a submission the page's own script starts are held the same way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { storedEvents } from './harness/admin-api.js';
import { focusEditor, modelText, modelWhere, openEditor, paste, received, sentDlpEvents, withLuhnDigit, withoutGeneratedIds } from './harness/dlp-page.js';
import { startEditorFixtureServer } from './harness/editor-pages.js';
import { eventually } from './harness/expect.js';
import { clickUi, focusedUi, waitForUi } from './harness/page-ui.js';
import { startSession } from './harness/session.js';

const EDITOR_HOSTS = /** @type {const} */ ({
  prosemirror: ['chatgpt', 'chatgpt.com'],
  quill: ['gemini', 'gemini.google.com'],
  lexical: ['microsoft-365-copilot', 'copilot.cloud.microsoft'],
  slate: ['claude', 'claude.ai'],
  textarea: ['deepseek', 'chat.deepseek.com'],
});
/** A textarea in a form whose submit event is the page's send. */
const FORM = /** @type {const} */ (['mistral-le-chat', 'chat.mistral.ai']);
const CARD = withLuhnDigit('453201511283036');
const GROUPED = CARD.replace(/(\d{4})(?=\d)/g, '$1 ');
const MASKED = `${CARD.slice(0, 4)} •••• •••• ${CARD.slice(12)}`;

describe('data protection in real editors, with the built-in defaults', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;

  before(async () => {
    s = await startSession({
      name: 'dlp-editors',
      hosts: [...Object.values(EDITOR_HOSTS).map(([, host]) => host), FORM[1]],
      startFixture: startEditorFixtureServer,
      policy: async (server) => {
        for (const [key] of [...Object.values(EDITOR_HOSTS), FORM]) await server.admin.setRule(key, { action: 'ALLOW' });
      },
    });
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await s.waitForPolicy((b) => b.services.some((x) => x.key === 'deepseek' && x.action === 'ALLOW'));
  });
  after(() => s?.close());

  for (const [editor, [, host]] of Object.entries(EDITOR_HOSTS)) {
    it(`${editor}: a pasted card number is held, "Remove it" pastes the redacted text, and the page sends only that`, async () => {
      const page = await openEditor(s.context, host, editor);
      await page.keyboard.type('Please refund ');
      await paste(page, `card ${GROUPED} today`);
      const ui = await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
      assert.ok(ui.text.includes(MASKED), ui.text);
      assert.ok(!ui.text.includes(CARD.slice(4, 12)), 'the middle digits are not shown');
      if (editor === 'prosemirror') await page.screenshot({ path: s.screenshotPath('dlp-warning.png') });
      assert.ok(!(await modelText(page)).includes(GROUPED.slice(5, 9)), 'the page has not got the paste');

      await clickUi(page, 'dlp-remove');
      const text = await modelWhere(page, (t) => t.includes('[CARD-1]'), 'the placeholder in the editor model');
      assert.match(text, /^Please refund card \[CARD-1\] today\s*$/);
      await focusEditor(page);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
      assert.match(sent[0], /\[CARD-1\]/);
      assert.ok(!sent[0].includes(CARD.slice(0, 4)), sent[0]);
      await page.close();
    });

    it(`${editor}: a typed card number is caught on Enter; "Remove it" edits the editor model and then sends`, async () => {
      const page = await openEditor(s.context, host, editor);
      await page.keyboard.type(`my card is ${CARD} thanks`);
      await page.keyboard.press('Enter');
      await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
      assert.deepEqual(await received(page), [], 'the page did not see the Enter');
      await clickUi(page, 'dlp-remove');
      const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
      assert.match(sent[0], /^my card is \[CARD-1\] thanks\s*$/);
      assert.match(await modelText(page), /\[CARD-1\]/);
      await page.close();
    });
  }

  it('a form: its submit button and the page\'s own requestSubmit() are held, and after "Remove it" the form\'s submit handler gets only [CARD-1]', async () => {
    const page = await openEditor(s.context, FORM[1], 'form');
    await page.keyboard.type(`refund ${CARD} today`);
    await page.locator('#post').click();
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    assert.deepEqual(await received(page), [], 'the form was not submitted');
    await clickUi(page, 'dlp-remove');
    const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the form to be submitted', timeoutMs: 10_000 });
    assert.equal(sent[0], 'refund [CARD-1] today');

    // The page submits the form from its own script, on pointerdown of a control that is no button.
    await focusEditor(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` and ${CARD}`);
    await page.locator('#quick-send').click();
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    assert.equal((await received(page)).length, 1, 'the second submission is held');
    await clickUi(page, 'dlp-remove');
    const again = await eventually(() => received(page), (r) => r.length === 2, { what: 'the form to be submitted again', timeoutMs: 10_000 });
    assert.equal(again[1], 'refund [CARD-1] today and [CARD-1]');
    await page.close();
  });

  it('the warning works with the keyboard alone: focus on Remove it, Tab and Shift+Tab stay inside, Escape cancels', async () => {
    const page = await openEditor(s.context, 'chatgpt.com', 'prosemirror');
    const dialogOpen = (/** @type {{ parts: string[] }} */ u) => u.parts.includes('dlp-dialog');
    const dialogGone = (/** @type {{ parts: string[] }} */ u) => u.parts.length === 0;
    const placeholders = async () => ((await modelText(page)).match(/\[CARD-1\]/g) ?? []).length;

    await paste(page, `card ${CARD}`);
    await waitForUi(page, dialogOpen);
    assert.equal(await focusedUi(page), 'dlp-remove', 'the focus starts on the safe choice');
    await page.keyboard.press('Escape');
    await waitForUi(page, dialogGone);
    assert.equal((await modelText(page)).trim(), '', 'Escape cancelled the paste');

    await paste(page, `card ${CARD}`);
    await waitForUi(page, dialogOpen);
    await page.keyboard.press('Enter');
    await modelWhere(page, (t) => /^card \[CARD-1\]\s*$/.test(t), 'Enter on the focused Remove it: the redacted paste');

    await paste(page, ` then ${CARD}`);
    await waitForUi(page, dialogOpen);
    /** @type {(string | null)[]} */
    const order = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedUi(page));
    }
    assert.deepEqual(order, ['dlp-not-sensitive', 'dlp-send', 'dlp-cancel', 'dlp-remove'], 'Tab goes round the four choices and stays in the dialog');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedUi(page), 'dlp-cancel');
    await page.keyboard.press('Enter');
    await waitForUi(page, dialogGone);
    assert.equal(await placeholders(), 1, 'Cancel chosen with the keyboard: nothing pasted');
    assert.ok(!(await modelText(page)).includes(CARD.slice(0, 4)));

    await paste(page, ` then ${CARD}`);
    await waitForUi(page, dialogOpen);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focusedUi(page), 'dlp-send');
    await page.keyboard.press(' ');
    await modelWhere(page, (t) => t.includes(`then ${CARD}`), 'Send anyway chosen with the space bar: the paste as it was');
    assert.equal(await placeholders(), 1);
    assert.deepEqual(await received(page), [], 'no key of the dialog reached the page as a send');
    await page.close();
  });

  it('"Send anyway" lets the page have the text, and only ids, counts and choices reach the server', async () => {
    const page = await openEditor(s.context, 'chatgpt.com', 'prosemirror');
    await paste(page, `refund ${CARD}`);
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    await clickUi(page, 'dlp-send');
    await modelWhere(page, (t) => t.includes(CARD), 'the card number in the editor');
    await page.keyboard.press('Enter');
    const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
    assert.ok(sent[0].includes(CARD), 'asked once: the same value is not asked about again on submit');

    const dlp = await eventually(
      async () => sentDlpEvents(s.proxy),
      (list) => list.some((e) => e.outcome === 'sent-anyway'),
      { what: 'the dlp_detected events sent to the server' },
    );
    const outcomes = new Set(dlp.map((e) => `${e.serviceKey}/${e.trigger}/${e.outcome}`));
    for (const [key] of Object.values(EDITOR_HOSTS)) {
      assert.ok(outcomes.has(`${key}/paste/removed`) && outcomes.has(`${key}/submit/removed`), `${key}: ${[...outcomes]}`);
    }
    assert.ok(dlp.every((e) => e.detector === 'payment-card' && e.matches === 1 && e.action === 'WARN'), JSON.stringify(dlp[0]));
    const events = await eventually(
      async () => /** @type {any[]} */ (await storedEvents(s.server.admin)),
      (list) => list.filter((e) => e.type === 'dlp_detected').length >= dlp.length,
      { what: 'the dlp_detected events stored on the server' },
    );
    const stored = withoutGeneratedIds(events);
    for (const part of [CARD.slice(0, 4), CARD.slice(4, 8), CARD.slice(8, 12), CARD.slice(12)]) assert.ok(!stored.includes(part), part);
    await page.close();
  });
});
