// Data-protection actions other than WARN and BLOCK, configured through the admin API: REDACT replaces each card
// number with its placeholder in the editor's own model without asking, and the page's own submit handler receives
// only the redacted text (ProseMirror, Slate, textarea); monitor mode (a service's action ALLOW, and a keyword list
// on BLOCK piloted with monitor: true) interrupts nothing, the page sends the text, and the server stores an event
// with the detector id and the number of matches and nothing of the text; the upload action WARN on a file input, a
// drop and a paste of files asks, and Cancel keeps the file from the page while Send anyway hands it over.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { storedEvents } from './harness/admin-api.js';
import { modelText, modelWhere, openEditor, paste, received, withLuhnDigit, withoutGeneratedIds } from './harness/dlp-page.js';
import { startEditorFixtureServer } from './harness/editor-pages.js';
import { eventually } from './harness/expect.js';
import { clickUi, readUi, waitForUi } from './harness/page-ui.js';
import { startSession } from './harness/session.js';

const CARD = withLuhnDigit('455673758176455');
const CARD2 = withLuhnDigit('542523343010990');
const GROUPED = CARD.replace(/(\d{4})(?=\d)/g, '$1 ');
const MASKED = `${CARD.slice(0, 4)} •••• •••• ${CARD.slice(12)}`;
const KEYWORD = 'Brontide Halvorsen';
/** Where each editor is tried with REDACT: [service key, host]. */
const REDACTING = /** @type {const} */ ({ prosemirror: ['chatgpt', 'chatgpt.com'], slate: ['claude', 'claude.ai'], textarea: ['deepseek', 'chat.deepseek.com'] });
// What is pasted and typed where detectors only monitor; none of it, nor any 4 characters of it, may be stored.
const MONITORED = { pasted: [`Qvox ${CARD} wumpfly`, `Zyrn glorbix ${KEYWORD}`], typed: [` plus ${KEYWORD} ykkv`] };

/**
 * @param {import('./harness/promptgate-server.js').PromptgateServer} server
 * @param {string} path
 * @param {unknown} body
 */
async function putWithEtag(server, path, body) {
  const current = await server.admin.request('GET', path);
  return server.admin.request('PUT', path, { body, ifMatch: current.etag });
}

/** @param {import('playwright-core').Page} page @returns {Promise<string[]>} */
const uploaded = (page) => page.evaluate(() => [.../** @type {any} */ (window).fixture.uploaded]);

/**
 * Drops a file on the upload fixture's drop zone, as the browser's drag and drop delivers it.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
function dropFile(page, name) {
  return page.evaluate((fileName) => {
    const data = new DataTransfer();
    data.items.add(new File(['a,b\n1,2\n'], fileName, { type: 'text/csv' }));
    const zone = /** @type {HTMLElement} */ (document.getElementById('drop'));
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, name);
}

/**
 * Puts a PNG image on the clipboard and pastes it with Ctrl+V, as a person pastes a screenshot: the browser's paste
 * event carries it as a file (image.png).
 * @param {import('playwright-core').Page} page
 */
async function pasteImage(page) {
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4;
    canvas.height = 4;
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': /** @type {Blob} */ (blob) })]);
  });
  await page.keyboard.press('Control+V');
}

describe('data protection: REDACT, monitor mode and upload warnings, configured by the admin', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;
  let keywordId = '';

  before(async () => {
    s = await startSession({
      name: 'dlp-actions',
      hosts: [...Object.values(REDACTING).map(([, host]) => host), 'perplexity.ai', 'chat.mistral.ai', 'gemini.google.com'],
      startFixture: startEditorFixtureServer,
      policy: async (server) => {
        for (const key of ['chatgpt', 'claude', 'deepseek', 'perplexity', 'mistral-le-chat', 'gemini']) await server.admin.setRule(key, { action: 'ALLOW' });
        await putWithEtag(server, '/api/v1/dlp/detectors/payment-card', {
          enabled: true, monitor: false, threshold: 1, requireJustification: false,
          actions: { default: 'WARN', services: { chatgpt: 'REDACT', claude: 'REDACT', deepseek: 'REDACT', perplexity: 'ALLOW' } },
        });
        const created = await server.admin.request('POST', '/api/v1/dlp/detectors', {
          body: {
            kind: 'keywords', name: 'Customer names', keywords: [KEYWORD], caseSensitive: false, threshold: 1, monitor: true,
            mustMatch: [`call ${KEYWORD} back`], mustNotMatch: ['Brontide alone'],
            actions: { default: 'BLOCK', services: {} }, requireJustification: false,
          },
        });
        keywordId = created.body.id;
        await putWithEtag(server, '/api/v1/dlp/uploads/organization', { default: { action: 'ALLOW' }, services: { gemini: { action: 'WARN' } } });
      },
    });
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await s.waitForPolicy((b) =>
      b.dlp?.detectors.some((d) => d.id === keywordId && d.monitor) === true &&
      b.dlp.detectors.some((d) => d.id === 'payment-card' && d.actions.services.perplexity === 'ALLOW') &&
      b.dlp.uploads.services.gemini?.action === 'WARN');
  });
  after(() => s?.close());

  for (const [editor, [, host]] of Object.entries(REDACTING)) {
    it(`REDACT, ${editor}: a pasted card number goes into the editor's model as [CARD-1], the person goes on, and the page sends only that`, async () => {
      const page = await openEditor(s.context, host, editor);
      await page.keyboard.type('Refund ');
      await paste(page, `card ${GROUPED} today`);
      const ui = await waitForUi(page, (u) => u.parts.includes('dlp-redacted'));
      assert.ok(ui.text.includes(MASKED), ui.text);
      assert.ok(!ui.parts.includes('dlp-dialog') && !ui.parts.includes('dlp-send'), 'nothing to decide');
      const text = await modelWhere(page, (t) => t.includes('[CARD-1]'), 'the placeholder in the editor model');
      assert.match(text, /^Refund card \[CARD-1\] today\s*$/);
      if (editor === 'prosemirror') await page.screenshot({ path: s.screenshotPath('dlp-redacted.png') });
      // The focus stayed in the editor: the person types on and sends.
      await page.keyboard.type(' please');
      await page.keyboard.press('Enter');
      const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
      assert.match(sent[0], /^Refund card \[CARD-1\] today please\s*$/);
      await page.close();
    });

    it(`REDACT, ${editor}: two typed card numbers become [CARD-1] and [CARD-2] in the editor's model on Enter, and the page sends only that`, async () => {
      const page = await openEditor(s.context, host, editor);
      await page.keyboard.type(`pay ${CARD} and ${CARD2} now`);
      await page.keyboard.press('Enter');
      const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
      assert.match(sent[0], /^pay \[CARD-1\] and \[CARD-2\] now\s*$/);
      assert.match(await modelText(page), /^pay \[CARD-1\] and \[CARD-2\] now\s*$/);
      const ui = await readUi(page);
      assert.ok(ui.parts.includes('dlp-redacted') && !ui.parts.includes('dlp-dialog'), JSON.stringify(ui));
      await page.close();
    });
  }

  it('monitor mode: a service on ALLOW and a keyword list piloted on BLOCK interrupt nothing, and the page sends the text', async () => {
    const quill = await openEditor(s.context, 'perplexity.ai', 'quill');
    await paste(quill, MONITORED.pasted[0]);
    // The paste reaching the editor's model proves the extension did not stop it; it would have shown its UI then.
    await modelWhere(quill, (t) => t.includes(CARD), 'the pasted card number in the editor');
    assert.deepEqual((await readUi(quill)).parts, [], 'no warning on paste');
    await quill.keyboard.press('Enter');
    const sentQuill = await eventually(() => received(quill), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
    assert.equal(sentQuill[0], MONITORED.pasted[0]);
    assert.deepEqual((await readUi(quill)).parts, [], 'no warning on submit');
    await quill.close();

    const area = await openEditor(s.context, 'chat.mistral.ai', 'textarea');
    await paste(area, MONITORED.pasted[1]);
    await modelWhere(area, (t) => t.includes(KEYWORD), 'the pasted keyword in the textarea');
    await area.keyboard.type(MONITORED.typed[0]);
    await area.keyboard.press('Enter');
    const sentArea = await eventually(() => received(area), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
    assert.equal(sentArea[0], `${MONITORED.pasted[1]}${MONITORED.typed[0]}`);
    assert.deepEqual((await readUi(area)).parts, [], 'no UI for a detector in monitor mode, whatever its action');
    await area.close();
  });

  it('upload WARN: a chosen, dropped or pasted file is asked about; Cancel keeps it from the page, Send anyway (or This is not sensitive) hands it over', async () => {
    const page = await s.context.newPage();
    await page.goto('https://gemini.google.com/editor/upload');
    await page.waitForFunction(() => /** @type {any} */ (window).fixture?.ready === true);

    await page.locator('#file').setInputFiles({ name: 'kept-back.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    const ui = await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    assert.match(ui.text, /Upload this file\?/);
    assert.ok(ui.text.includes('kept-back.pdf'), ui.text);
    assert.ok(!ui.parts.includes('dlp-remove'), 'nothing to remove from a file');
    await page.screenshot({ path: s.screenshotPath('dlp-upload-warning.png') });
    await clickUi(page, 'dlp-cancel');
    await eventually(() => page.locator('#file').evaluate((input) => /** @type {HTMLInputElement} */ (input).files?.length), (n) => n === 0, { what: 'the file input to be emptied' });
    assert.deepEqual(await uploaded(page), [], 'the page never had the file');
    assert.deepEqual((await readUi(page)).parts, []);

    await page.locator('#file').setInputFiles({ name: 'sent-on.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    assert.deepEqual(await uploaded(page), [], 'held until the person decides');
    await clickUi(page, 'dlp-send');
    await eventually(() => uploaded(page), (u) => u.length === 1, { what: 'the chosen file handed to the page' });
    assert.deepEqual(await uploaded(page), ['sent-on.pdf']);

    await dropFile(page, 'dropped-back.csv');
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog') && u.text.includes('dropped-back.csv'));
    await clickUi(page, 'dlp-cancel');
    await waitForUi(page, (u) => u.parts.length === 0);
    await dropFile(page, 'dropped-on.csv');
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog') && u.text.includes('dropped-on.csv'));
    await clickUi(page, 'dlp-send');
    await eventually(() => uploaded(page), (u) => u.length === 2, { what: 'the dropped file handed to the page' });

    await page.locator('#drop').click();
    await pasteImage(page);
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog') && u.text.includes('image.png'));
    await clickUi(page, 'dlp-cancel');
    await waitForUi(page, (u) => u.parts.length === 0);
    await pasteImage(page);
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog') && u.text.includes('image.png'));
    await clickUi(page, 'dlp-not-sensitive');
    await eventually(() => uploaded(page), (u) => u.length === 3, { what: 'the pasted image handed to the page' });
    // Only what the person sent anyway, in order: no cancelled file reached the page's handlers at any point.
    assert.deepEqual(await uploaded(page), ['sent-on.pdf', 'dropped-on.csv', 'pasted:image.png']);
    await page.close();
  });

  it('the server stored each detection with the detector id, the number of matches and the outcome, and nothing of the text', async () => {
    /** @param {any[]} list */
    const keys = (list) => new Set(list.filter((e) => e.type === 'dlp_detected').map((e) =>
      `${e.serviceKey}:${e.dlp.detector}:${e.dlp.trigger}:${e.action}:${e.dlp.outcome}:${e.dlp.matches ?? '-'}`));
    const expected = [
      'chatgpt:payment-card:paste:REDACT:redacted:1',
      'chatgpt:payment-card:submit:REDACT:redacted:2',
      'claude:payment-card:paste:REDACT:redacted:1',
      'claude:payment-card:submit:REDACT:redacted:2',
      'deepseek:payment-card:paste:REDACT:redacted:1',
      'deepseek:payment-card:submit:REDACT:redacted:2',
      'perplexity:payment-card:paste:ALLOW:monitored:1',
      'perplexity:payment-card:submit:ALLOW:monitored:1',
      `mistral-le-chat:${keywordId}:paste:BLOCK:monitored:1`,
      `mistral-le-chat:${keywordId}:submit:BLOCK:monitored:2`,
      'gemini:upload:upload:WARN:cancelled:-',
      'gemini:upload:upload:WARN:sent-anyway:-',
      'gemini:upload:upload:WARN:not-sensitive:-',
    ];
    const events = await eventually(
      async () => /** @type {any[]} */ (await storedEvents(s.server.admin)),
      (list) => expected.every((k) => keys(list).has(k)),
      { what: `the dlp_detected events ${expected.join(', ')} stored on the server` },
    );
    const uploads = events.filter((e) => e.type === 'dlp_detected' && e.dlp.detector === 'upload');
    assert.equal(uploads.filter((e) => e.dlp.outcome === 'cancelled').length, 3, 'one per cancelled file');
    assert.equal(uploads.filter((e) => e.dlp.outcome === 'sent-anyway').length, 2, 'one per file sent anyway');
    assert.equal(uploads.filter((e) => e.dlp.outcome === 'not-sensitive').length, 1, '"This is not sensitive" on the pasted image');
    assert.ok(uploads.some((e) => e.dlp.fileType === 'image') && uploads.some((e) => e.dlp.fileType === 'text'));

    const stored = withoutGeneratedIds(events).toLowerCase();
    for (const text of [...MONITORED.pasted, ...MONITORED.typed, CARD, CARD2]) {
      for (let i = 0; i + 4 <= text.length; i++) {
        const part = text.slice(i, i + 4).toLowerCase();
        assert.ok(!stored.includes(part), `"${part}" (of "${text}") was stored`);
      }
    }
    for (const name of ['kept-back', 'sent-on', 'dropped', 'image.png']) assert.ok(!stored.includes(name), name);
  });
});
