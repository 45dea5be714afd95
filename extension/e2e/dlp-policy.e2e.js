// Data protection configured through the admin API: BLOCK for card numbers on ChatGPT keeps the page's own submit
// handler from ever receiving them; a custom keyword list reaches the browser and triggers; a file dropped on a
// service whose uploads are blocked is refused; and the privacy proof: of everything the browser sent to the
// Promptgate server and everything stored, nothing contains the pasted or typed text or any 4 characters of it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { storedEvents } from './harness/admin-api.js';
import { focusEditor, modelText, modelWhere, openEditor, paste, received, sentDlpEvents, withLuhnDigit, withoutGeneratedIds } from './harness/dlp-page.js';
import { startEditorFixtureServer } from './harness/editor-pages.js';
import { eventually } from './harness/expect.js';
import { clickUi, readUi, waitForUi } from './harness/page-ui.js';
import { startSession } from './harness/session.js';

const CARD = withLuhnDigit('491761873502094');
const KEYWORD = 'Quetzalcoatl Vexbridge';
const JUSTIFICATIONS = ['Test or sample data', 'Approved by the data owner'];
// Everything a person pastes or types in this file; none of it, nor any 4 characters of it, may leave the browser.
const PASTED = [`Zqvx ${CARD} wumpf`, `Pxoj ${KEYWORD} jixo`];
const TYPED = [`Kyzv ${CARD.slice(0, 8)}`, `${CARD} Blorptax`, `Wizzle ${KEYWORD.toLowerCase()}`];

/**
 * @param {import('./harness/promptgate-server.js').PromptgateServer} server
 * @param {string} path
 * @param {unknown} body
 */
async function putWithEtag(server, path, body) {
  const current = await server.admin.request('GET', path);
  return server.admin.request('PUT', path, { body, ifMatch: current.etag });
}

describe('data protection configured by the admin', { timeout: 300_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startSession>>} */
  let s;
  let keywordId = '';

  before(async () => {
    s = await startSession({
      name: 'dlp-policy',
      hosts: ['chatgpt.com', 'gemini.google.com'],
      startFixture: startEditorFixtureServer,
      policy: async (server) => {
        for (const key of ['chatgpt', 'gemini']) await server.admin.setRule(key, { action: 'ALLOW' });
        await putWithEtag(server, '/api/v1/dlp/settings', { unknownAiSites: false, justifications: JUSTIFICATIONS });
        await putWithEtag(server, '/api/v1/dlp/detectors/payment-card', {
          enabled: true, monitor: false, threshold: 1, requireJustification: false,
          actions: { default: 'WARN', services: { chatgpt: 'BLOCK' } },
        });
        const created = await server.admin.request('POST', '/api/v1/dlp/detectors', {
          body: {
            kind: 'keywords', name: 'Project code names', keywords: [KEYWORD], caseSensitive: false, threshold: 1,
            mustMatch: [`the ${KEYWORD} launch`], mustNotMatch: ['nothing here'],
            actions: { default: 'WARN', services: {} }, requireJustification: true,
          },
        });
        keywordId = created.body.id;
        await putWithEtag(server, '/api/v1/dlp/uploads/organization', { default: { action: 'ALLOW' }, services: { chatgpt: { action: 'BLOCK' } } });
      },
    });
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await s.waitForPolicy((b) => b.dlp?.detectors.some((d) => d.id === keywordId) === true && b.dlp.uploads.services.chatgpt?.action === 'BLOCK');
  });
  after(() => s?.close());

  it('BLOCK: neither a paste nor a typed card number ever reaches the page\'s own submit handler', async () => {
    const page = await openEditor(s.context, 'chatgpt.com', 'prosemirror');
    await paste(page, PASTED[0]);
    const ui = await waitForUi(page, (u) => u.parts.includes('dlp-blocked'));
    assert.match(ui.text, /was not sent/);
    assert.ok(!ui.parts.includes('dlp-send'), 'no way to send anyway');
    assert.equal((await modelText(page)).trim(), '', 'the paste was refused');
    await clickUi(page, 'dlp-ok');

    await focusEditor(page);
    await page.keyboard.type(TYPED[1]);
    await page.keyboard.press('Enter');
    await waitForUi(page, (u) => u.parts.includes('dlp-blocked'));
    await page.locator('#send').click();
    await page.keyboard.press('Enter');
    assert.deepEqual(await received(page), [], 'the page never received the text');
    assert.ok((await modelText(page)).includes(CARD), 'the text stays for the person to edit');
    await page.close();
  });

  it('a custom keyword from the admin API triggers; sending anyway needs a reason from the admin\'s list', async () => {
    const page = await openEditor(s.context, 'gemini.google.com', 'quill');
    await paste(page, PASTED[1]);
    const ui = await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    assert.match(ui.text, /Project code names/);
    assert.ok(ui.text.includes(JUSTIFICATIONS[1]), ui.text);
    await clickUi(page, 'dlp-reason-1');
    await clickUi(page, 'dlp-send');
    await modelWhere(page, (t) => t.includes(KEYWORD), 'the keyword in the editor after sending anyway');

    await page.keyboard.type(` ${TYPED[2]}`);
    await page.keyboard.press('Enter');
    await waitForUi(page, (u) => u.parts.includes('dlp-dialog'));
    await clickUi(page, 'dlp-not-sensitive');
    const sent = await eventually(() => received(page), (r) => r.length === 1, { what: 'the page to send', timeoutMs: 10_000 });
    assert.ok(sent[0].toLowerCase().includes(KEYWORD.toLowerCase()));
    await page.close();
  });

  it('a file dropped or chosen on a service whose uploads are blocked is refused', async () => {
    const page = await s.context.newPage();
    await page.goto('https://chatgpt.com/editor/upload');
    await page.waitForFunction(() => /** @type {any} */ (window).fixture?.ready === true);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['a,b\n1,2\n'], 'customers.csv', { type: 'text/csv' }));
      const zone = /** @type {HTMLElement} */ (document.getElementById('drop'));
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const ui = await waitForUi(page, (u) => u.parts.includes('dlp-blocked'));
    assert.match(ui.text, /cannot be uploaded/);
    await clickUi(page, 'dlp-ok');
    await page.locator('#file').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await waitForUi(page, (u) => u.parts.includes('dlp-blocked'));
    assert.deepEqual(await page.evaluate(() => [.../** @type {any} */ (window).fixture.uploaded]), [], 'the page received no file');
    assert.equal(await page.locator('#file').evaluate((input) => /** @type {HTMLInputElement} */ (input).files?.length), 0, 'the file input was emptied');

    const gemini = await s.context.newPage();
    await gemini.goto('https://gemini.google.com/editor/upload');
    await gemini.waitForFunction(() => /** @type {any} */ (window).fixture?.ready === true);
    await gemini.locator('#file').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await eventually(() => gemini.evaluate(() => [.../** @type {any} */ (window).fixture.uploaded]), (u) => u.length === 1, { what: 'the allowed upload' });
    assert.deepEqual((await readUi(gemini)).parts, []);
    await page.close();
    await gemini.close();
  });

  it('privacy: nothing pasted or typed, nor any 4 characters of it, reaches the server or its stored events', async () => {
    await eventually(() => s.queuedEvents(), (queue) => queue.length === 0, { what: 'the event queue to empty' });
    const dlp = sentDlpEvents(s.proxy);
    const events = await eventually(
      async () => /** @type {any[]} */ (await storedEvents(s.server.admin)),
      (list) => list.filter((e) => e.type === 'dlp_detected').length >= dlp.length,
      { what: 'the dlp_detected events stored on the server' },
    );
    const seen = new Set(dlp.map((e) => `${e.serviceKey}:${e.detector}:${e.trigger}:${e.action}:${e.outcome}`));
    for (const expected of [
      'chatgpt:payment-card:paste:BLOCK:blocked',
      'chatgpt:payment-card:submit:BLOCK:blocked',
      `gemini:${keywordId}:paste:WARN:sent-anyway`,
      `gemini:${keywordId}:submit:WARN:not-sensitive`,
      'chatgpt:upload:upload:BLOCK:blocked',
    ]) assert.ok(seen.has(expected), `${expected} in ${[...seen].join(', ')}`);
    assert.ok(dlp.some((e) => e.detector === keywordId && e.justification === 1), 'the chosen reason, as its index');
    assert.ok(dlp.filter((e) => e.detector === 'upload').every((e) => e.fileType !== undefined && e.sizeBucket === '<1MB' && !('matches' in e)));

    const sent = withoutGeneratedIds(s.proxy.captured.map((r) => ({ url: r.url, body: r.body })));
    const stored = withoutGeneratedIds(events);
    assert.ok(s.proxy.captured.some((r) => r.url === '/api/v1/client/events' && r.body.includes('dlp_detected')));
    for (const text of [...PASTED, ...TYPED]) {
      for (let i = 0; i + 4 <= text.length; i++) {
        const part = text.slice(i, i + 4);
        assert.ok(!sent.toLowerCase().includes(part.toLowerCase()), `"${part}" (of "${text}") was sent`);
        assert.ok(!stored.toLowerCase().includes(part.toLowerCase()), `"${part}" (of "${text}") was stored`);
      }
    }
    for (const name of ['customers', 'notes.pdf', 'csv']) assert.ok(!sent.includes(name) && !stored.includes(name), name);
  });
});
