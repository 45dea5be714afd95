// Drives the editor fixture pages for the data-protection tests: a real paste (clipboard + Ctrl+V), the editor
// model's text and what the page's own submit handler received, read from the page's world.
import { eventually } from './expect.js';

/** @param {string} digits15 the first 15 digits @returns {string} a 16-digit number that passes the Luhn check */
export function withLuhnDigit(digits15) {
  for (let d = 0; d <= 9; d++) {
    const n = digits15 + d;
    let sum = 0;
    for (let i = n.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
      let v = Number(n[i]);
      if (dbl) v = v > 4 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

/**
 * Opens an editor fixture page and waits for its editor.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} host
 * @param {string} editor
 */
export async function openEditor(context, host, editor) {
  const page = await context.newPage();
  await page.goto(`https://${host}/editor/${editor}`);
  await page.waitForFunction(() => /** @type {any} */ (window).fixture?.ready === true);
  await focusEditor(page);
  return page;
}

/** @param {import('playwright-core').Page} page */
export async function focusEditor(page) {
  await page.locator('#editor textarea, #editor[contenteditable="true"], #editor [contenteditable="true"]').first().click();
}

/**
 * Pastes `text` as a person does: into the clipboard, then Ctrl+V into the focused editor.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

/** @param {import('playwright-core').Page} page @returns {Promise<string>} */
export const modelText = (page) => page.evaluate(() => /** @type {string} */ (/** @type {any} */ (window).fixture.modelText()).replace(/\u00a0/g, ' '));

/** @param {import('playwright-core').Page} page @returns {Promise<string[]>} */
export const received = (page) => page.evaluate(() => /** @type {string[]} */ ([.../** @type {any} */ (window).fixture.received]).map((t) => t.replace(/\u00a0/g, ' ')));

/**
 * The data-protection events the extension sent to the server (from the recording proxy), as sent.
 * @param {{ captured: { url: string, method: string, body: string }[] }} proxy
 * @returns {any[]}
 */
export function sentDlpEvents(proxy) {
  return proxy.captured
    .filter((r) => r.url === '/api/v1/client/events' && r.method === 'POST')
    .flatMap((r) => {
      const body = JSON.parse(r.body);
      return /** @type {any[]} */ (Array.isArray(body) ? body : body.events ?? []);
    })
    .filter((e) => e.type === 'dlp_detected');
}

/**
 * Waits until the editor's model satisfies `test`.
 * @param {import('playwright-core').Page} page
 * @param {(text: string) => boolean} test
 * @param {string} what
 */
export const modelWhere = (page, test, what) => eventually(() => modelText(page), test, { what, timeoutMs: 10_000 });

/**
 * JSON with what the extension and server generate themselves (UUIDs, hashes, timestamps) taken out, so that a search for
 * four characters of a test's text cannot hit a random id by chance.
 * @param {unknown} value
 */
export function withoutGeneratedIds(value) {
  return JSON.stringify(value)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/[0-9a-f]{16,}/gi, '<hex>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, '<time>');
}
