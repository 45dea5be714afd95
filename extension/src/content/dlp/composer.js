// The prompt box ("composer") an event belongs to, read as text, and edited the way a person's typing edits it:
// by selecting a range and inserting text with the browser's insertText command, which raises the beforeinput and
// input events that ProseMirror, Quill, Lexical, Slate and React-controlled textareas apply to their own models.
// Nothing here replaces the page's DOM directly.

/** @typedef {HTMLTextAreaElement | HTMLInputElement | HTMLElement} Composer */

const TEXT_INPUT = /^(?:text|search|)$/;

/**
 * The composer that holds `target`: an element matching the catalog's input selectors, else a textarea, a text input
 * or the outermost contenteditable element around it.
 * @param {EventTarget | null} target
 * @param {string} selector the catalog's input selectors joined ('' when none)
 * @returns {Composer | null}
 */
export function composerOf(target, selector) {
  if (!(target instanceof Element)) return null;
  if (selector !== '') {
    const listed = target.closest(selector);
    if (listed instanceof HTMLElement) return outermostEditable(listed) ?? listed;
  }
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement) return TEXT_INPUT.test(target.type) ? target : null;
  return outermostEditable(target);
}

/** @param {Element} element */
function outermostEditable(element) {
  let at = element instanceof HTMLElement && element.isContentEditable ? element : null;
  if (at === null) {
    const inner = element.querySelector('textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
    if (inner instanceof HTMLTextAreaElement) return inner;
    at = inner instanceof HTMLElement ? inner : null;
  }
  while (at?.parentElement?.isContentEditable) at = at.parentElement;
  return at;
}

/** @param {Composer} c @returns {c is HTMLTextAreaElement | HTMLInputElement} */
const isField = (c) => c instanceof HTMLTextAreaElement || c instanceof HTMLInputElement;

const BLOCKS = /^(?:P|DIV|LI|H[1-6]|PRE|BLOCKQUOTE|TR|UL|OL|TABLE|SECTION|ARTICLE)$/;

/**
 * The composer's text, and for a contenteditable composer where each text node starts in it.
 * @param {Composer} composer
 * @returns {{ text: string, nodes: { node: Text, start: number }[] }}
 */
export function readComposer(composer) {
  if (isField(composer)) return { text: composer.value, nodes: [] };
  /** @type {{ node: Text, start: number }[]} */
  const nodes = [];
  let text = '';
  /** @param {Node} node */
  const walk = (node) => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child instanceof Text) {
        nodes.push({ node: child, start: text.length });
        text += child.data;
      } else if (child instanceof HTMLBRElement) {
        text += '\n';
      } else if (child instanceof Element) {
        const block = BLOCKS.test(child.tagName);
        if (block && text !== '' && !text.endsWith('\n')) text += '\n';
        walk(child);
      }
    }
  };
  walk(composer);
  return { text, nodes };
}

/**
 * @param {{ node: Text, start: number }[]} nodes
 * @param {number} offset
 * @param {boolean} atEnd the end of a range: the end of a node rather than the start of the next
 */
function domPoint(nodes, offset, atEnd) {
  for (const { node, start } of nodes) {
    const end = start + node.data.length;
    if (atEnd ? offset > start && offset <= end : offset >= start && offset < end) return { node, offset: offset - start };
  }
  return null;
}

/**
 * Selects [start, end) of the composer's text; false when the range is not plain text of the composer.
 * @param {Composer} composer
 * @param {number} start
 * @param {number} end
 */
export function selectRange(composer, start, end) {
  composer.focus();
  if (isField(composer)) {
    composer.setSelectionRange(start, end);
    return true;
  }
  const { nodes } = readComposer(composer);
  const from = domPoint(nodes, start, false);
  const to = domPoint(nodes, end, true);
  const selection = window.getSelection();
  if (from === null || to === null || selection === null) return false;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/**
 * Inserts text at the selection as typing would. Falls back to the input event a textarea's own typing raises.
 * @param {Composer} composer
 * @param {string} text
 */
export function insertText(composer, text) {
  if (document.execCommand('insertText', false, text)) return;
  if (isField(composer)) {
    composer.setRangeText(text, composer.selectionStart ?? 0, composer.selectionEnd ?? 0, 'end');
    composer.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
}

/** The selection within the composer, to put back after the warning had the focus. @param {Composer} composer */
export function saveSelection(composer) {
  if (isField(composer)) {
    const [start, end] = [composer.selectionStart ?? 0, composer.selectionEnd ?? 0];
    return () => {
      composer.focus();
      composer.setSelectionRange(start, end);
    };
  }
  const selection = window.getSelection();
  const range = selection !== null && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
  return () => {
    composer.focus();
    if (range === null || !composer.contains(range.startContainer)) return;
    const now = window.getSelection();
    now?.removeAllRanges();
    now?.addRange(range);
  };
}

/**
 * Resolves once the browser's selectionchange event (dispatched a task after the selection changes, one event for
 * all changes of a task) has reached every listener on the page, or after `timeoutMs` when there was none (the
 * selection did not change). Editors take a new DOM selection into their model on that event (ProseMirror at once).
 * Call it before changing the selection.
 * @param {number} timeoutMs
 * @returns {Promise<boolean>} whether the event came
 */
export function selectionDelivered(timeoutMs) {
  return new Promise((resolve) => {
    let settled = false;
    /** @param {boolean} came */
    const done = (came) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      document.removeEventListener('selectionchange', delivered, true);
      resolve(came);
    };
    // This listener runs first (it was added first); the page's run in the same dispatch, so look a task later.
    const delivered = () => setTimeout(() => done(true), 0);
    const timer = setTimeout(() => done(false), timeoutMs);
    document.addEventListener('selectionchange', delivered, true);
  });
}

/**
 * Tells the editor that an edit at the current selection comes next, as the browser does before every edit: with a
 * beforeinput event. Editors that take a new DOM selection in lazily (Slate on a selectionchange throttled to 100 ms)
 * read the selection when it arrives, so the edit that follows lands on the selected range. It carries no text, so
 * no editor inserts anything for it. Fields (textarea, input) have their selection at once and need none.
 * @param {Composer} composer
 */
export function announceEdit(composer) {
  if (isField(composer)) return;
  composer.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', bubbles: true, cancelable: true, composed: true }));
}

/**
 * Waits until the composer's text satisfies `test`: checked at once, then on every change of the composer's DOM (a
 * MutationObserver) and every input event on it, until `timeoutMs` passed. Editors apply an edit to their model and
 * render it afterwards (React in a later task), so the text a person sees is the condition to wait on.
 * @param {Composer} composer
 * @param {(text: string) => boolean} test
 * @param {number} timeoutMs
 * @returns {Promise<boolean>} whether the text got there in time
 */
export function whenComposer(composer, test, timeoutMs) {
  if (test(readComposer(composer).text)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const stop = new AbortController();
    const observer = new MutationObserver(() => check());
    /** @param {boolean} result */
    const finish = (result) => {
      observer.disconnect();
      stop.abort();
      clearTimeout(timer);
      resolve(result);
    };
    const check = () => {
      if (test(readComposer(composer).text)) finish(true);
    };
    const timer = setTimeout(() => finish(test(readComposer(composer).text)), timeoutMs);
    observer.observe(composer, { subtree: true, childList: true, characterData: true });
    composer.addEventListener('input', check, { signal: stop.signal });
  });
}

/** Lets the page's editor take in a change (its observers and frameworks update after the current task). */
export const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
