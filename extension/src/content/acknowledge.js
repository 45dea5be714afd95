// ACKNOWLEDGE: the page is covered, and keeps no keyboard or pointer input, until the person accepts the current
// guideline version. The full guideline text is in the dialog and can be opened in a tab.
import { h } from '../ui/dom.js';
import { sanitizedGuideline } from '../ui/guideline-html.js';

const BLOCKED_EVENTS = ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'paste', 'drop', 'focusin', 'wheel'];

/**
 * @param {{ root: ShadowRoot, host: HTMLElement, signal: AbortSignal }} ui the page UI; its signal ends the cover
 * @param {import('../lib/page-view.js').PageView} view
 * @param {{ onAccept: (version: number) => Promise<boolean>, onGuidelines: () => void }} actions
 */
export function coverUntilAccepted(ui, view, actions) {
  const guideline = view.guideline;
  if (guideline === null) return;
  const doc = document;
  /** @param {Event} event */
  const stop = (event) => {
    if (event.target === ui.host) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    if (event.type === 'focusin' && event.target instanceof HTMLElement) event.target.blur();
  };
  for (const type of BLOCKED_EVENTS) window.addEventListener(type, stop, { capture: true, signal: ui.signal });

  const status = h(doc, 'p', { className: 'muted', attrs: { role: 'status' } });
  const accept = h(doc, 'button', {
    className: 'primary',
    text: 'I accept the guidelines',
    attrs: { type: 'button', 'data-pg': 'ack-accept' },
    on: {
      click: async () => {
        accept.setAttribute('disabled', '');
        if (await actions.onAccept(guideline.version)) {
          for (const type of BLOCKED_EVENTS) window.removeEventListener(type, stop, { capture: true });
          cover.remove();
        } else {
          status.textContent = 'The guidelines changed in the meantime. Reload the page to read the current version.';
          accept.removeAttribute('disabled');
        }
      },
    },
  });
  const body = h(doc, 'div', { className: 'guideline', attrs: { 'data-pg': 'ack-guideline', tabindex: '0' } });
  body.append(sanitizedGuideline(guideline.html));
  const cover = h(doc, 'div', { className: 'cover', attrs: { 'data-pg': 'ack-cover' } }, [
    h(doc, 'div', { className: 'dialog', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pg-ack-title' } }, [
      h(doc, 'header', {}, [
        h(doc, 'h1', { text: `Before you use ${view.subject}`, attrs: { id: 'pg-ack-title' } }),
        h(doc, 'p', { text: view.message, attrs: { 'data-pg': 'ack-message' } }),
        h(doc, 'p', { className: 'muted', text: `${guideline.title} (version ${guideline.version})`, attrs: { 'data-pg': 'ack-version' } }),
      ]),
      body,
      h(doc, 'footer', {}, [
        status,
        h(doc, 'button', { text: 'Open in a new tab', attrs: { type: 'button' }, on: { click: actions.onGuidelines } }),
        accept,
      ]),
    ]),
  ]);
  ui.root.append(cover);
  // Focus goes to the text, not to the button: someone typing as the cover appears must not accept by a space.
  body.focus();
}
