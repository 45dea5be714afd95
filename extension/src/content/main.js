// The page script on AI sites, registered by the service worker for the hosts in the policy. It asks the service
// worker what to show, draws it inside a closed shadow root and reports what the person chose. It never fetches and
// never writes storage.
import { ask } from '../ui/messages.js';
import { coverUntilAccepted } from './acknowledge.js';
import { showBanner } from './banner.js';
import { watchPromptInput } from './input-watch.js';
import { showReminder } from './reminder.js';
import { createShadowHost } from './shadow-host.js';

/** @typedef {import('../lib/page-view.js').PageView} PageView */

/** @param {string} type @param {Record<string, unknown>} [payload] */
const tell = (type, payload) => void ask(type, payload).catch((error) => console.warn('Promptgate:', error));

async function run() {
  /** @type {PageView | { action: 'ALLOW' | 'BLOCK' }} */
  const view = await ask('getPageView');
  if (!('organization' in view)) return;
  const needsUi = view.showWarning || view.needsAcknowledgement || view.reminder !== null;
  if (!needsUi) return;
  const ui = createShadowHost();
  const onGuidelines = () => tell('openGuidelines');

  if (view.needsAcknowledgement) {
    coverUntilAccepted(ui, view, {
      onGuidelines,
      onAccept: (version) =>
        ask('acceptGuidelines', { version }).then(
          (/** @type {any} */ answer) => answer?.accepted === true,
          () => false,
        ),
    });
  }
  if (view.showWarning) {
    showBanner(ui.root, view, { onGuidelines, onContinue: () => tell('dismissWarning') });
    watchPromptInput(view.inputSelectors, () => tell('noteProceeded'));
  }
  if (view.reminder !== null) showReminder(ui.root, view.reminder, (answer) => tell('answerReminder', { answer }));
}

// A single-page app changes its URL without a navigation the blocking rules see; the service worker decides again
// (and sends the tab to the block page if the new URL is blocked).
function watchSameDocumentNavigations() {
  const navigation = /** @type {EventTarget | undefined} */ (/** @type {any} */ (window).navigation);
  let last = location.href;
  navigation?.addEventListener('navigatesuccess', () => {
    if (location.href === last) return;
    last = location.href;
    tell('getPageView');
  });
}

// Only once per document, even if the script is injected again.
const MARK = Symbol.for('promptgate.page-ui');
const flags = /** @type {Record<symbol, boolean>} */ (/** @type {unknown} */ (globalThis));
if (!flags[MARK]) {
  flags[MARK] = true;
  run().catch((error) => console.warn('Promptgate:', error));
  watchSameDocumentNavigations();
}
