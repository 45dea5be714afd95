// What the person sees when a detector acts: a warning with what was found (masked), "Remove it", "Send anyway"
// (with a reason from the admin's list when one is required), "This is not sensitive" and "Cancel"; or a refusal
// that explains itself; or a short notice after a redaction. All of it in the closed shadow root, built with
// textContent only, usable with the keyboard (focus starts on the safe choice, Tab stays inside, Escape cancels).
import { h } from '../../ui/dom.js';
import { createShadowHost } from '../shadow-host.js';

/**
 * @typedef {{ name: string, count: number, samples: string[] }} Shown one detector's findings, masked
 * @typedef {'remove' | 'send' | 'not-sensitive' | 'cancel'} Choice
 * @typedef {{ choice: Choice, justification?: number }} Answer
 */

/** @param {Shown[]} items */
function findingList(items) {
  const doc = document;
  return h(doc, 'ul', { className: 'findings', attrs: { 'data-pg': 'dlp-findings' } }, items.map((item) =>
    h(doc, 'li', {}, [
      h(doc, 'strong', { text: item.count === 1 ? item.name : `${item.name} (${item.count})` }),
      ...item.samples.map((s) => h(doc, 'code', { text: s, attrs: { 'data-pg': 'dlp-sample' } })),
    ])));
}

/**
 * @param {HTMLElement} dialog
 * @param {() => void} onEscape
 * @param {AbortSignal} signal
 */
function trapKeys(dialog, onEscape, signal) {
  dialog.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
    } else if (event.key === 'Tab') {
      const focusable = [...dialog.querySelectorAll('button:not([disabled]), input:not([disabled])')];
      const root = /** @type {ShadowRoot} */ (dialog.getRootNode());
      const at = focusable.indexOf(/** @type {Element} */ (root.activeElement));
      const next = (at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
      event.preventDefault();
      /** @type {HTMLElement} */ (focusable[next]).focus();
    }
  }, { signal });
}

/**
 * Asks what to do about a WARN finding.
 * @param {{ title: string, message: string, items: Shown[], canRemove: boolean, justifications: string[] | null }} what
 *   justifications: the reasons to choose from before "Send anyway", or null when none is required
 * @returns {Promise<Answer>}
 */
export function askAboutFindings(what) {
  return new Promise((resolve) => {
    const doc = document;
    const ui = createShadowHost();
    /** @param {Answer} answer */
    const done = (answer) => {
      ui.dispose();
      resolve(answer);
    };
    /** @type {number | undefined} */
    let reason;
    const send = h(doc, 'button', { text: 'Send anyway', attrs: { type: 'button', 'data-pg': 'dlp-send' }, on: { click: () => done({ choice: 'send', ...(reason === undefined ? {} : { justification: reason }) }) } });
    const reasons = what.justifications === null ? null : h(doc, 'fieldset', { className: 'reasons', attrs: { 'data-pg': 'dlp-reasons' } }, [
      h(doc, 'legend', { text: 'To send anyway, choose a reason:' }),
      ...what.justifications.map((text, i) => h(doc, 'label', {}, [
        h(doc, 'input', { attrs: { type: 'radio', name: 'pg-reason', value: String(i), 'data-pg': `dlp-reason-${i}` }, on: { change: () => { reason = i; send.removeAttribute('disabled'); } } }),
        doc.createTextNode(` ${text}`),
      ])),
    ]);
    if (reasons !== null) send.setAttribute('disabled', '');
    const remove = what.canRemove
      ? h(doc, 'button', { className: 'primary', text: 'Remove it', attrs: { type: 'button', 'data-pg': 'dlp-remove' }, on: { click: () => done({ choice: 'remove' }) } })
      : null;
    const cancel = h(doc, 'button', { className: remove === null ? 'primary' : '', text: 'Cancel', attrs: { type: 'button', 'data-pg': 'dlp-cancel' }, on: { click: () => done({ choice: 'cancel' }) } });
    const dialog = h(doc, 'div', { className: 'dialog dlp', attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'pg-dlp-title', 'aria-describedby': 'pg-dlp-message', 'data-pg': 'dlp-dialog' } }, [
      h(doc, 'header', {}, [
        h(doc, 'h1', { text: what.title, attrs: { id: 'pg-dlp-title' } }),
        h(doc, 'p', { text: what.message, attrs: { id: 'pg-dlp-message', 'data-pg': 'dlp-message' } }),
      ]),
      h(doc, 'div', { className: 'body' }, [findingList(what.items), reasons]),
      h(doc, 'footer', {}, [
        h(doc, 'button', { text: 'This is not sensitive', attrs: { type: 'button', 'data-pg': 'dlp-not-sensitive' }, on: { click: () => done({ choice: 'not-sensitive' }) } }),
        send,
        cancel,
        remove,
      ]),
    ]);
    trapKeys(dialog, () => done({ choice: 'cancel' }), ui.signal);
    ui.root.append(h(doc, 'div', { className: 'cover' }, [dialog]));
    (remove ?? cancel).focus();
  });
}

/**
 * A refusal (BLOCK) or a notice (after REDACT): says what happened, closes with OK or Escape.
 * @param {{ title: string, message: string, items: Shown[], kind: 'blocked' | 'redacted' }} what
 * @returns {Promise<void>}
 */
export function tell(what) {
  return new Promise((resolve) => {
    const doc = document;
    const ui = createShadowHost();
    const done = () => {
      ui.dispose();
      resolve();
    };
    const ok = h(doc, 'button', { className: 'primary', text: 'OK', attrs: { type: 'button', 'data-pg': 'dlp-ok' }, on: { click: done } });
    const box = h(doc, 'div', { className: `notice ${what.kind}`, attrs: { role: what.kind === 'blocked' ? 'alertdialog' : 'status', 'aria-labelledby': 'pg-dlp-notice-title', 'data-pg': `dlp-${what.kind}` } }, [
      h(doc, 'strong', { text: what.title, attrs: { id: 'pg-dlp-notice-title' } }),
      h(doc, 'p', { text: what.message, attrs: { 'data-pg': 'dlp-message' } }),
      what.items.length > 0 && findingList(what.items),
      h(doc, 'div', { className: 'actions' }, [ok]),
    ]);
    trapKeys(box, done, ui.signal);
    ui.root.append(box);
    if (what.kind === 'blocked') ok.focus();
    else setTimeout(done, 10_000);
  });
}
