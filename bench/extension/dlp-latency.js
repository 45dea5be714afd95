// Added latency of data protection in a real browser: the time from a key press (Ctrl+V, Enter) to the page's own
// handling of it (the pasted text in the editor; the page's submit handler called), in Debian's Chromium with the
// extension, on a ProseMirror fixture page, against the same page on a host the extension does not inspect (the
// reference), measured in the same run and browser, in alternation. Cases: a paste of 500 characters and a submit
// of 2,000 characters, without a finding, with a card number on a service whose action for it is ALLOW (scanned and
// recorded, not interrupted) and with one on a service whose action is REDACT (replaced by [CARD-1], then handed to
// the page). Prints median, p95 and n per case and the added time and ratio against the reference; not a test.
//
//   cd extension && npm run build && cd .. && ./mvnw -B -q package -DskipTests -Dextension.skip=true
//   flock /tmp/promptgate-browser.lock node bench/extension/dlp-latency.js      (N=60 per case by default)
//
// The clock: the start is read in this process just before the key is sent, the end in the page when the condition
// holds (a MutationObserver, or the input event of a textarea), both as wall-clock milliseconds
// (performance.timeOrigin + performance.now()) of the same machine. Sending the key through the DevTools protocol is
// in both the measured and the reference figures; the difference of the two is what the extension adds.
import { withLuhnDigit } from '../../extension/e2e/harness/dlp-page.js';
import { startEditorFixtureServer } from '../../extension/e2e/harness/editor-pages.js';
import { startSession } from '../../extension/e2e/harness/session.js';

const N = Number(process.env.N ?? 60);
const WARM_UP = 5;
const EDITOR = process.env.EDITOR ?? 'prosemirror';
const REFERENCE_HOST = 'notes.example.test';
const CARD = withLuhnDigit('455673758176455');
const WORDS = 'the customer asked why the invoice from march was higher than usual please draft a reply that explains the new rates and apologises for the delay we can offer a discount of 10 percent on the next order'.split(' ');

/** Prompt-like text of `size` characters, with a card number in the middle when `card`. */
function textOf(size, card) {
  let text = '';
  for (let i = 0; text.length < size; i++) text += `${WORDS[i % WORDS.length]} `;
  text = text.slice(0, size);
  if (!card) return text;
  const middle = Math.floor(size / 2);
  return `${text.slice(0, middle)} card ${CARD} ${text.slice(middle + CARD.length + 7)}`;
}

const CASES = /** @type {const} */ ([
  { name: 'reference, no finding', host: REFERENCE_HOST, card: false },
  { name: 'extension, no finding', host: 'chatgpt.com', card: false, against: 'reference, no finding' },
  { name: 'reference, card number', host: REFERENCE_HOST, card: true },
  { name: 'extension, card on ALLOW', host: 'chatgpt.com', card: true, against: 'reference, card number' },
  { name: 'extension, card on REDACT', host: 'claude.ai', card: true, redacted: true, against: 'reference, card number' },
]);

/** Installs the end-time probe in the page's own world. */
function installProbe() {
  /** @type {{ end: number, want: null | { marks: string[] } | { sent: number } }} */
  const probe = { end: 0, want: null };
  const editor = /** @type {HTMLElement} */ (document.getElementById('editor'));
  const check = () => {
    const want = probe.want;
    if (probe.end !== 0 || want === null) return;
    const done = 'sent' in want
      ? document.querySelectorAll('#received li').length >= want.sent
      : want.marks.every((m) => (editor.querySelector('textarea')?.value ?? editor.textContent ?? '').includes(m));
    if (done) probe.end = performance.timeOrigin + performance.now();
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  document.addEventListener('input', check, true);
  Object.assign(window, { probe });
}

/** @param {import('playwright-core').Page} page */
async function clear(page) {
  await page.evaluate(() => {
    const box = /** @type {HTMLElement} */ (document.querySelector('#editor textarea, #editor [contenteditable="true"], #editor[contenteditable="true"]'));
    box.focus();
    document.execCommand('selectAll');
    document.execCommand('delete');
  });
}

/** @param {import('playwright-core').Page} page @param {any} want */
const expect = (page, want) => page.evaluate((w) => Object.assign(/** @type {any} */ (window).probe, { end: 0, want: w }), want);

/** @param {import('playwright-core').Page} page */
async function ended(page) {
  await page.waitForFunction(() => /** @type {any} */ (window).probe.end > 0, null, { timeout: 10_000, polling: 5 });
  return page.evaluate(() => /** @type {number} */ (/** @type {any} */ (window).probe.end));
}

const now = () => performance.timeOrigin + performance.now();

/** A paste of 500 characters: Ctrl+V to the text in the editor. */
async function pasteOnce(/** @type {import('playwright-core').Page} */ page, /** @type {typeof CASES[number]} */ c, /** @type {number} */ i) {
  await clear(page);
  const marker = `zqend${i}`;
  const text = `${textOf(490, c.card)} ${marker}`;
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await expect(page, { marks: 'redacted' in c ? ['[CARD-1]', marker] : [text.slice(-40)] });
  await page.keyboard.down('Control');
  const start = now();
  await page.keyboard.press('v');
  const end = await ended(page);
  await page.keyboard.up('Control');
  return end - start;
}

/** A submit of 2,000 characters: Enter to the page's submit handler called. */
async function submitOnce(/** @type {import('playwright-core').Page} */ page, /** @type {typeof CASES[number]} */ c) {
  await clear(page);
  // Put the text in as typing does (no paste event, so nothing is inspected before the submit).
  await page.evaluate((t) => document.execCommand('insertText', false, t), textOf(2000, c.card));
  const sent = await page.evaluate(() => document.querySelectorAll('#received li').length);
  await expect(page, { sent: sent + 1 });
  const start = now();
  await page.keyboard.press('Enter');
  const end = await ended(page);
  if ('redacted' in c) {
    const last = await page.evaluate(() => /** @type {string[]} */ (/** @type {any} */ (window).fixture.received).at(-1));
    if (!last?.includes('[CARD-1]') || last.includes(CARD)) throw new Error('the page did not receive the redacted text');
  }
  return end - start;
}

/** @param {number[]} values */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

const s = await startSession({
  name: 'bench-dlp-latency',
  hosts: ['chatgpt.com', 'claude.ai', REFERENCE_HOST],
  startFixture: startEditorFixtureServer,
  policy: async (server) => {
    await server.admin.updateSettings({ requireAcknowledgement: false });
    for (const key of ['chatgpt', 'claude']) await server.admin.setRule(key, { action: 'ALLOW' });
    const path = '/api/v1/dlp/detectors/payment-card';
    const current = await server.admin.request('GET', path);
    await server.admin.request('PUT', path, {
      ifMatch: current.etag,
      body: { enabled: true, monitor: false, threshold: 1, requireJustification: false, actions: { default: 'WARN', services: { chatgpt: 'ALLOW', claude: 'REDACT' } } },
    });
  },
});
try {
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await s.waitForPolicy((b) => b.dlp?.detectors.some((d) => d.id === 'payment-card' && d.actions.services.claude === 'REDACT') === true);
  /** @type {Map<string, import('playwright-core').Page>} */
  const pages = new Map();
  for (const host of new Set(CASES.map((c) => c.host))) {
    const page = await s.context.newPage();
    await page.goto(`https://${host}/editor/${EDITOR}`);
    await page.waitForFunction(() => /** @type {any} */ (window).fixture?.ready === true);
    await page.evaluate(installProbe);
    pages.set(host, page);
  }
  /** @type {Record<string, Record<string, number[]>>} */
  const samples = { paste: {}, submit: {} };
  for (let i = 0; i < WARM_UP + N; i++) {
    // Alternate the order of the cases from round to round, so that none is always first.
    const order = i % 2 === 0 ? CASES : [...CASES].reverse();
    for (const c of order) {
      const page = /** @type {import('playwright-core').Page} */ (pages.get(c.host));
      await page.bringToFront();
      const paste = await pasteOnce(page, c, i);
      const submit = await submitOnce(page, c);
      if (i < WARM_UP) continue;
      (samples.paste[c.name] ??= []).push(paste);
      (samples.submit[c.name] ??= []).push(submit);
    }
  }
  const ua = await pages.get('chatgpt.com')?.evaluate(() => navigator.userAgent);
  console.log(`${ua}; editor ${EDITOR}; n=${N} per case after ${WARM_UP} warm-up rounds; times in ms from the key sent to the page's handling`);
  for (const [what, label] of /** @type {const} */ ([['paste', 'paste of 500 characters (Ctrl+V to the text in the editor)'], ['submit', 'submit of 2,000 characters (Enter to the page\'s submit handler)']])) {
    console.log(`\n${label}`);
    for (const c of CASES) {
      const mine = stats(samples[what][c.name]);
      let line = `  ${c.name.padEnd(28)} median ${mine.median.toFixed(2).padStart(7)}  p95 ${mine.p95.toFixed(2).padStart(7)}  n ${mine.n}`;
      if ('against' in c) {
        const ref = stats(samples[what][c.against]);
        line += `   added: median ${(mine.median - ref.median).toFixed(2)} ms, p95 ${(mine.p95 - ref.p95).toFixed(2)} ms; ratio median ${(mine.median / ref.median).toFixed(2)}x, p95 ${(mine.p95 / ref.p95).toFixed(2)}x`;
      }
      console.log(line);
    }
  }
} finally {
  await s.close();
}
