// Paste and submit: the text is inspected in a capture-phase listener on the window, registered at document_start,
// so the page's own handlers have not seen the event yet. When a detector interrupts, the event is stopped, the
// person decides, and what may go ahead is handed to the page again: a paste as a new paste event carrying the
// (redacted) text, which the editor handles as its own paste; a submit by repeating the Enter key, the click or the
// form submission after the composer was edited through the editor (each match selected and replaced by a paste
// of its placeholder).
import { detectionsFor, findingsToRedact, shownFindings } from '../../lib/dlp/outcome.js';
import { applyReplacements, replacementsFor } from '../../lib/dlp/redact.js';
import { askAboutFindings, tell } from './dialog.js';
import { announceEdit, composerOf, insertText, readComposer, saveSelection, selectionDelivered, selectRange, settle, whenComposer } from './composer.js';
import { inspect, page, pass } from './state.js';

/**
 * @typedef {import('../../lib/dlp/scan.js').ScanResult} ScanResult
 * @typedef {import('../../lib/dlp/outcome.js').Choice} Choice
 * @typedef {(detections: import('../../lib/dlp/report.js').Detection[]) => void} Report
 * @typedef {import('./composer.js').Composer} Composer
 */

/** How long the page may take to deliver a selection, or an editor to show one replacement, before "Remove it" goes on
 * (a selection that did not change raises no event) or gives up and says so. Bounds only: nothing waits this long
 * when the page answers. */
const EDIT_TIMEOUT_MS = 2000;

/** @param {import('../../lib/dlp/scan.js').Finding[]} findings */
const labelled = (findings) => findings.map((f) => ({ label: f.detector.label, ranges: f.ranges }));

/**
 * Asks (WARN) or tells (BLOCK, REDACT) the person.
 * @param {string} text
 * @param {ScanResult} result
 * @param {'paste' | 'submit'} trigger
 * @returns {Promise<{ choice: Choice, justification?: number }>}
 */
async function decide(text, result, trigger) {
  const items = shownFindings(text, result.interrupting);
  const what = trigger === 'paste' ? 'This paste' : 'Your message';
  if (result.action === 'BLOCK') {
    void tell({ kind: 'blocked', title: `${what} was not sent`, message: 'It contains data your organization does not allow on this service. Remove it and try again.', items });
    return { choice: 'none' };
  }
  if (result.action === 'REDACT') {
    void tell({ kind: 'redacted', title: 'Sensitive data replaced', message: 'Promptgate replaced what it found with placeholders such as [CARD-1].', items });
    return { choice: 'none' };
  }
  const required = result.interrupting.some((f) => f.detector.requireJustification && f.detector.action === 'WARN');
  return askAboutFindings({
    title: `${what} may contain sensitive data`,
    message: 'Promptgate found this on your device; nothing of it was sent anywhere. Remove it before it reaches the AI service?',
    items,
    canRemove: true,
    justifications: required ? (page.view?.justifications ?? []) : null,
  });
}

/** @param {string} text @param {ScanResult} result @param {Choice} choice */
function accept(text, result, choice) {
  if (choice !== 'send' && choice !== 'not-sensitive') return;
  for (const f of result.interrupting) for (const [s, e] of f.ranges) page.accepted.add(text.slice(s, e));
}

/**
 * @param {ClipboardEvent} event
 * @param {Report} report
 */
export function checkPaste(event, report) {
  const composer = composerOf(event.target, page.selector);
  const data = event.clipboardData;
  if (composer === null || data === null) return;
  const text = data.getData('text/plain');
  if (text === '') return;
  const result = inspect(text);
  if (result.findings.length === 0) return;
  if (result.action === 'ALLOW') return report(detectionsFor(result, 'paste', 'none'));
  event.preventDefault();
  event.stopImmediatePropagation();
  const html = data.getData('text/html');
  const restore = saveSelection(composer);
  const target = event.target instanceof Node && event.target.isConnected ? event.target : composer;
  void (async () => {
    const { choice, justification } = await decide(text, result, 'paste');
    report(detectionsFor(result, 'paste', choice, justification));
    accept(text, result, choice);
    if (result.action === 'BLOCK' || choice === 'cancel') return restore();
    const redact = findingsToRedact(result, choice);
    const insert = applyReplacements(text, replacementsFor(text, labelled(redact)));
    restore();
    await settle();
    pasteInto(target, composer, insert, redact.length === 0 ? html : '');
  })();
}

/**
 * Hands the page a paste of `text`: its editor takes it as its own paste; a plain field gets it as typed text.
 * @param {EventTarget} target
 * @param {Composer} composer
 * @param {string} text
 * @param {string} html the original HTML, when nothing in it was replaced
 */
function pasteInto(target, composer, text, html) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (html !== '') data.setData('text/html', html);
  const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  pass(() => target.dispatchEvent(paste));
  if (!paste.defaultPrevented) pass(() => insertText(composer, text));
}

/**
 * Checks the composer's content before the page sees a submit; `resend` repeats the submit once the person decided.
 * @param {Event} event
 * @param {Composer} composer
 * @param {() => void} resend
 * @param {Report} report
 */
export function checkSubmit(event, composer, resend, report) {
  if (page.busy) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  const { text } = readComposer(composer);
  const result = inspect(text);
  if (result.findings.length === 0) return;
  if (result.action === 'ALLOW') return report(detectionsFor(result, 'submit', 'none'));
  event.preventDefault();
  event.stopImmediatePropagation();
  page.busy = true;
  void (async () => {
    try {
      const { choice, justification } = await decide(text, result, 'submit');
      report(detectionsFor(result, 'submit', choice, justification));
      accept(text, result, choice);
      composer.focus();
      if (result.action === 'BLOCK' || choice === 'cancel') return;
      const redact = findingsToRedact(result, choice);
      if (redact.length > 0 && !(await redactComposer(composer, text, redact))) {
        void tell({ kind: 'blocked', title: 'Your message was not sent', message: 'Promptgate could not replace everything it found. Remove it by hand and send again.', items: [] });
        return;
      }
      pass(resend);
    } finally {
      page.busy = false;
    }
  })();
}

/**
 * Replaces each finding in the composer with its placeholder, last first, through the editor; true when none of the
 * replaced values is left.
 * @param {Composer} composer
 * @param {string} text
 * @param {import('../../lib/dlp/scan.js').Finding[]} findings
 */
async function redactComposer(composer, text, findings) {
  const replacements = replacementsFor(text, labelled(findings));
  for (const r of [...replacements].reverse()) {
    if (readComposer(composer).text.slice(r.start, r.end) !== text.slice(r.start, r.end)) continue;
    const delivered = selectionDelivered(EDIT_TIMEOUT_MS);
    if (!selectRange(composer, r.start, r.end)) continue;
    const kept = readComposer(composer).text.slice(0, r.start) + r.placeholder;
    await delivered;
    announceEdit(composer);
    // The placeholder goes in as a paste over the selection, which every editor applies to its model; the next
    // match is selected once the editor shows this one replaced (React-based editors render a task later).
    pasteInto(composer, composer, r.placeholder, '');
    if (!(await whenComposer(composer, (now) => now.startsWith(kept), EDIT_TIMEOUT_MS))) break;
  }
  const now = readComposer(composer).text;
  return replacements.every((r) => !now.includes(text.slice(r.start, r.end)));
}
