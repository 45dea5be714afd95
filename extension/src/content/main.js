// The page script on AI sites (and in frames on them), registered by the service worker for the hosts in the policy.
// It asks the service worker what to show, draws it inside a closed shadow root and reports what the person chose.
// It asks again whenever the page's address changes without a navigation (single-page apps) and when the service
// worker says the policy changed, and redraws or removes what it shows. It inspects pastes, prompts and uploads on the
// device (dlp/) and reports only detector ids, counts and choices. It never fetches and never writes storage.
import { ask } from '../ui/messages.js';
import { coverUntilAccepted } from './acknowledge.js';
import { showBanner } from './banner.js';
import { configureDlp, startDlp } from './dlp/index.js';
import { watchPromptInput } from './input-watch.js';
import { showReminder } from './reminder.js';
import { createShadowHost } from './shadow-host.js';

/** @typedef {import('../lib/page-view.js').PageView} PageView */

// Every message carries the current address: after history.pushState the browser still names the first one.
/** @param {string} type @param {Record<string, unknown>} [payload] */
const tell = (type, payload) => void ask(type, { ...payload, url: location.href }).catch((error) => console.warn('Promptgate:', error));

/** @type {{ dispose: () => void } | null} */
let shown = null;
let asked = 0;

/** Asks what to show for the current address and shows it, replacing what was shown before. */
async function render() {
  const ticket = ++asked;
  /** @type {PageView | { action: 'ALLOW' | 'BLOCK', blockedPage?: string }} */
  const view = await ask('getPageView', { url: location.href });
  // A later address (or policy) is being asked about already; its answer is the one to show.
  if (ticket !== asked) return;
  shown?.dispose();
  shown = null;
  configureDlp('organization' in view ? view.dlp : null, 'organization' in view ? view.inputSelectors : []);
  if (!('organization' in view)) {
    // A frame the navigation rules missed: the service worker sends the whole tab only for the top frame.
    if (view.action === 'BLOCK' && view.blockedPage !== undefined && window.top !== window) location.replace(view.blockedPage);
    return;
  }
  const needsUi = view.showWarning || view.needsAcknowledgement || view.reminder !== null;
  if (!needsUi) return;
  const ui = createShadowHost();
  shown = ui;
  const onGuidelines = () => tell('openGuidelines');

  if (view.needsAcknowledgement) {
    coverUntilAccepted(ui, view, {
      onGuidelines,
      onAccept: (version) =>
        ask('acceptGuidelines', { version, url: location.href }).then(
          (/** @type {any} */ answer) => answer?.accepted === true,
          () => false,
        ),
    });
  }
  if (view.showWarning) {
    showBanner(ui.root, view, { onGuidelines, onContinue: () => tell('dismissWarning') });
    watchPromptInput(view.inputSelectors, () => tell('noteProceeded'), ui.signal);
  }
  if (view.reminder !== null) showReminder(ui.root, view.reminder, (answer) => tell('answerReminder', { answer }));
}

const show = () => void render().catch((error) => console.warn('Promptgate:', error));

/**
 * Calls `changed` when the address changes within the document: the Navigation API where the browser has it,
 * popstate and hashchange always, and without the Navigation API a check of the address once a second (history
 * calls made by the page's own scripts raise no event a content script can see).
 * @param {() => void} changed
 */
function watchAddress(changed) {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    changed();
  };
  const navigation = /** @type {EventTarget | undefined} */ (/** @type {any} */ (window).navigation);
  if (navigation !== undefined) {
    // history.pushState and replaceState raise currententrychange only; other navigations navigatesuccess.
    navigation.addEventListener('currententrychange', check);
    navigation.addEventListener('navigatesuccess', check);
  } else {
    setInterval(check, 1000);
  }
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
}

// Only once per document, even if the script is injected again (the service worker injects it into open tabs).
const MARK = Symbol.for('promptgate.page-ui');
const flags = /** @type {Record<symbol, boolean>} */ (/** @type {unknown} */ (globalThis));
if (!flags[MARK]) {
  flags[MARK] = true;
  // First, before any page script: until the policy's answer arrives, the built-in detectors apply.
  startDlp((detections) => tell('reportDlp', { detections }));
  show();
  watchAddress(show);
  // A 403 answer to the page itself may be the vendor refusing a personal account under a tenant restriction; the
  // service worker decides, from the policy and the frame's own address.
  const navigation = /** @type {(PerformanceNavigationTiming & { responseStatus?: number }) | undefined} */ (performance.getEntriesByType('navigation')[0]);
  if (window.top === window && navigation?.responseStatus === 403) tell('reportTenantRefusal', { status: 403 });
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.id === chrome.runtime.id && message?.type === 'policyChanged') show();
  });
}
