// Reads and clicks the extension's UI on a page. It lives in a closed shadow root, out of reach of page scripts and
// of Playwright's selectors, so this goes through the DevTools protocol's DOM view, which sees closed roots.

/**
 * @typedef {{ nodeId: number, nodeName: string, nodeType: number, nodeValue?: string, attributes?: string[],
 *   children?: DomNode[], shadowRoots?: DomNode[] }} DomNode
 */

/** @param {import('playwright-core').Page} page */
async function uiRoot(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = /** @type {{ root: DomNode }} */ (await cdp.send('DOM.getDocument', { depth: -1, pierce: true }));
    const host = find(root, (n) => n.nodeName === 'PROMPTGATE-UI');
    return { cdp, shadow: host?.shadowRoots?.[0] ?? null };
  } catch (error) {
    await cdp.detach();
    throw error;
  }
}

/**
 * @param {DomNode} node
 * @param {(n: DomNode) => boolean} test
 * @returns {DomNode | undefined}
 */
function find(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

/** @param {DomNode} node @returns {string} */
function textOf(node) {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeName === 'STYLE') return '';
  return (node.children ?? []).map(textOf).join(' ');
}

/** @param {DomNode} node @param {string} name */
const attribute = (node, name) => {
  const attrs = node.attributes ?? [];
  const i = attrs.findIndex((value, index) => index % 2 === 0 && value === name);
  return i < 0 ? undefined : attrs[i + 1];
};

/**
 * The text of the extension's UI on the page ('' when there is none), and which data-pg parts it shows.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ text: string, parts: string[] }>}
 */
export async function readUi(page) {
  const { cdp, shadow } = await uiRoot(page);
  await cdp.detach();
  if (shadow === null) return { text: '', parts: [] };
  /** @type {string[]} */
  const parts = [];
  const collect = (/** @type {DomNode} */ n) => {
    const part = attribute(n, 'data-pg');
    if (part !== undefined) parts.push(part);
    (n.children ?? []).forEach(collect);
  };
  collect(shadow);
  return { text: textOf(shadow).replace(/\s+/g, ' ').trim(), parts };
}

/**
 * Waits until the UI shows what `test` wants.
 * @param {import('playwright-core').Page} page
 * @param {(ui: { text: string, parts: string[] }) => boolean} test
 * @param {number} [timeoutMs]
 */
export async function waitForUi(page, test, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = { text: '', parts: /** @type {string[]} */ ([]) };
  while (Date.now() < deadline) {
    last = await readUi(page);
    if (test(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`the extension UI did not show what was expected; it shows: ${JSON.stringify(last)}`);
}

/**
 * Clicks the UI element marked data-pg=`part`, with the mouse, as a person would.
 * @param {import('playwright-core').Page} page
 * @param {string} part
 */
export async function clickUi(page, part) {
  const { cdp, shadow } = await uiRoot(page);
  try {
    const node = shadow && find(shadow, (n) => attribute(n, 'data-pg') === part);
    if (!node) throw new Error(`the extension UI has no ${part}`);
    const { model } = /** @type {{ model: { content: number[] } }} */ (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId }));
    const [x1, y1, , , x3, y3] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

/**
 * Which element of the extension's UI has the keyboard focus: its data-pg part, or null when the focus is elsewhere
 * (or there is no UI). Read from the closed shadow root's own activeElement through the DevTools protocol.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string | null>}
 */
export async function focusedUi(page) {
  const { cdp, shadow } = await uiRoot(page);
  try {
    if (shadow === null) return null;
    const { object } = /** @type {{ object: { objectId: string } }} */ (await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId }));
    const { result } = /** @type {{ result: { value: string | null } }} */ (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { return this.activeElement?.getAttribute("data-pg") ?? null; }',
      returnByValue: true,
    }));
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/**
 * What is under the middle of the fixture's prompt box: 'prompt' when the page is usable, 'PROMPTGATE-UI' when the
 * extension covers it.
 * @param {import('playwright-core').Page} page
 */
export function whatCoversPrompt(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-fixture="prompt"]')?.getBoundingClientRect();
    if (!box) return 'no prompt';
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return top?.closest('[data-fixture="prompt"]') ? 'prompt' : (top?.tagName ?? 'nothing');
  });
}

/**
 * What the service worker tells this page's Promptgate script to show, asked from that script's own world once the
 * script has run on the current document: a definite answer to "will the extension show anything here?", where
 * waiting a while and finding no UI would prove nothing. Waits (up to `timeoutMs`) for the script to be injected.
 * @param {import('playwright-core').Page} page
 * @param {number} [timeoutMs]
 * @returns {Promise<Record<string, any>>}
 */
export async function pageView(page, timeoutMs = 15_000) {
  const cdp = await page.context().newCDPSession(page);
  try {
    /** @type {Map<number, { id: number, origin: string, auxData?: { type?: string, frameId?: string } }>} */
    const contexts = new Map();
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, context));
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
    await cdp.send('Runtime.enable');
    const { frameTree } = /** @type {{ frameTree: { frame: { id: string } } }} */ (await cdp.send('Page.getFrameTree'));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const context of contexts.values()) {
        // Only the Promptgate script's world has the mark (and the extension's messaging); other worlds answer null.
        if (context.auxData?.type !== 'isolated' || context.auxData.frameId !== frameTree.frame.id) continue;
        /** @type {{ value?: { ok: boolean, value?: Record<string, any> } | null }} */
        let result = {};
        try {
          ({ result } = /** @type {{ result: { value?: { ok: boolean, value?: Record<string, any> } | null } }} */ (
            await cdp.send('Runtime.evaluate', {
              contextId: context.id,
              expression: "globalThis[Symbol.for('promptgate.page-ui')] === true ? chrome.runtime.sendMessage({ type: 'getPageView' }) : null",
              awaitPromise: true,
              returnByValue: true,
              silent: true,
            })
          ));
        } catch {
          // The world went away (a navigation in between): look again.
          continue;
        }
        if (result.value?.ok === true && result.value.value) return result.value.value;
      }
      await page.waitForTimeout(100);
    }
    throw new Error('the Promptgate page script did not run on this page');
  } finally {
    await cdp.detach();
  }
}

/**
 * Whether a page view from {@link pageView} asks for no UI at all, as the page script reads it.
 * @param {Record<string, any>} view
 */
export const showsNothing = (view) => !('organization' in view) || !(view.showWarning || view.needsAcknowledgement || view.reminder !== null);
