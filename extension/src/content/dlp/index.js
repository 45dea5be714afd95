// Data protection on the page: capture-phase listeners on the window, added when the script starts (document_start,
// before any page script), for paste, Enter, clicks on a send button, form submission, drops and file inputs.
import { composerOf } from './composer.js';
import { checkPaste, checkSubmit } from './text-checks.js';
import { checkFiles, filesOf, transferOf } from './uploads.js';
import { page } from './state.js';

export { configure as configureDlp } from './state.js';

/** @typedef {import('./text-checks.js').Report} Report */

const SEND_LIKE = /send|submit|senden|envoyer|enviar/i;

/** @param {Element} button */
function sendLike(button) {
  if (button instanceof HTMLButtonElement && button.type === 'submit') return true;
  const words = ['aria-label', 'data-testid', 'id', 'title', 'name'].map((a) => button.getAttribute(a) ?? '').join(' ');
  return SEND_LIKE.test(words) || SEND_LIKE.test((button.textContent ?? '').trim().slice(0, 20));
}

/** @param {Report} report sends detections (never text) to the service worker */
export function startDlp(report) {
  /** @type {import('./composer.js').Composer | null} */
  let lastComposer = null;
  const active = () => page.view !== null && !page.passing;
  const options = { capture: true };

  window.addEventListener('focusin', (event) => {
    lastComposer = composerOf(event.target, page.selector) ?? lastComposer;
  }, options);

  window.addEventListener('paste', (event) => {
    if (!active()) return;
    const files = filesOf(event.clipboardData);
    const target = event.target;
    if (files.length > 0 && target !== null) {
      checkFiles(event, files, () => target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transferOf(files), bubbles: true, cancelable: true, composed: true })), () => {}, report);
      return;
    }
    checkPaste(event, report);
  }, options);

  window.addEventListener('keydown', (event) => {
    if (!active() || event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing) return;
    const composer = composerOf(event.target, page.selector);
    if (composer === null) return;
    lastComposer = composer;
    const target = /** @type {EventTarget} */ (event.target);
    const init = { key: 'Enter', code: 'Enter', ctrlKey: event.ctrlKey, metaKey: event.metaKey, bubbles: true, cancelable: true, composed: true };
    const resend = () => {
      const again = new KeyboardEvent('keydown', init);
      // Older editors still read the legacy key codes, which a constructed event leaves at 0.
      for (const legacy of ['keyCode', 'which']) Object.defineProperty(again, legacy, { get: () => 13 });
      target.dispatchEvent(again);
    };
    checkSubmit(event, composer, resend, report);
  }, options);

  window.addEventListener('click', (event) => {
    if (!active() || !(event.target instanceof Element)) return;
    const button = event.target.closest('button, [role="button"], input[type="submit"]');
    if (button === null || lastComposer === null || !lastComposer.isConnected) return;
    const sameForm = button instanceof HTMLButtonElement && button.form !== null && button.form.contains(lastComposer);
    if (!sameForm && !sendLike(button)) return;
    checkSubmit(event, lastComposer, () => /** @type {HTMLElement} */ (button).click(), report);
  }, options);

  window.addEventListener('submit', (event) => {
    if (!active() || !(event.target instanceof HTMLFormElement)) return;
    const form = event.target;
    const composer = lastComposer !== null && form.contains(lastComposer) ? lastComposer : composerOf(form, page.selector);
    if (composer === null) return;
    const submitter = /** @type {SubmitEvent} */ (event).submitter;
    checkSubmit(event, composer, () => form.requestSubmit(submitter), report);
  }, options);

  window.addEventListener('drop', (event) => {
    if (!active()) return;
    const files = filesOf(event.dataTransfer);
    const target = event.target;
    if (files.length === 0 || target === null) return;
    const init = { dataTransfer: transferOf(files), bubbles: true, cancelable: true, composed: true, clientX: event.clientX, clientY: event.clientY };
    checkFiles(event, files, () => target.dispatchEvent(new DragEvent('drop', init)), () => {}, report);
  }, options);

  // A file input raises input, then change: the first decides, the second follows the decision.
  /** @type {WeakMap<HTMLInputElement, 'held'>} */
  const held = new WeakMap();
  for (const type of ['input', 'change']) {
    window.addEventListener(type, (event) => {
      const input = event.target;
      if (!active() || !(input instanceof HTMLInputElement) || input.type !== 'file') return;
      if (type === 'change' && held.delete(input)) {
        event.stopImmediatePropagation();
        return;
      }
      const files = [...(input.files ?? [])];
      if (files.length === 0) return;
      const resend = () => {
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      };
      if (checkFiles(event, files, resend, () => (input.value = ''), report) && type === 'input') held.set(input, 'held');
    }, options);
  }
}
