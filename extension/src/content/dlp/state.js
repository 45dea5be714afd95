// What the page's inspection works with: the detectors compiled from the page view's `dlp` part (the built-in
// defaults until the first answer arrives), the catalog's input selectors, and the values the person chose to send
// anyway on this page (kept in this script's memory only, so the same card number is not asked about twice).
import { defaultDlpView } from '../../lib/dlp/config.js';
import { compileScanners, scanText } from '../../lib/dlp/scan.js';

/** @typedef {import('../../lib/dlp/config.js').DlpView} DlpView */

export const page = {
  /** @type {DlpView | null} null: this page is not inspected */
  view: /** @type {DlpView | null} */ (defaultDlpView()),
  scanners: compileScanners(defaultDlpView()),
  selector: '',
  /** Set while the script hands the page an event it already decided on, so its own listeners let it pass. */
  passing: false,
  /** Set while a decision is pending, so that a second Enter does not open a second warning. */
  busy: false,
  accepted: new Set(),
};

/**
 * @param {DlpView | null} view
 * @param {string[]} inputSelectors
 */
export function configure(view, inputSelectors) {
  if (JSON.stringify(view) !== JSON.stringify(page.view)) {
    page.view = view;
    page.scanners = view === null ? [] : compileScanners(view);
  }
  page.selector = inputSelectors.filter(validSelector).join(', ');
}

/** @param {string} s */
function validSelector(s) {
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} text */
export function inspect(text) {
  return scanText(text, page.scanners, page.view?.scanLimitChars ?? 0, (value) => page.accepted.has(value));
}

/**
 * Hands an event to the page without inspecting it again.
 * @param {() => void} dispatch
 */
export function pass(dispatch) {
  page.passing = true;
  try {
    dispatch();
  } finally {
    page.passing = false;
  }
}
