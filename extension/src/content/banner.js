// WARN: a banner across the top of the page with the admin's message, the guidelines and the approved alternative.
import { h, webLink } from '../ui/dom.js';

/**
 * @param {ShadowRoot} root
 * @param {import('../lib/page-view.js').PageView} view
 * @param {{ onContinue: () => void, onGuidelines: () => void }} actions
 */
export function showBanner(root, view, actions) {
  const doc = document;
  const banner = h(doc, 'div', { className: 'banner', attrs: { role: 'alert', 'data-pg': 'banner' } }, [
    h(doc, 'div', { className: 'text' }, [
      h(doc, 'strong', { text: `${view.organization}: ${view.subject}`, attrs: { 'data-pg': 'banner-title' } }),
      h(doc, 'span', { text: view.message, attrs: { 'data-pg': 'banner-message' } }),
    ]),
    h(doc, 'div', { className: 'actions' }, [
      view.guideline &&
        h(doc, 'button', { text: 'Read the guidelines', attrs: { type: 'button', 'data-pg': 'banner-guidelines' }, on: { click: actions.onGuidelines } }),
      view.alternative &&
        webLink(doc, view.alternative.url, `Use ${view.alternative.name} instead`, { className: 'button', attrs: { 'data-pg': 'banner-alternative' } }),
      h(doc, 'button', {
        className: 'primary',
        text: 'Continue',
        attrs: { type: 'button', 'data-pg': 'banner-continue' },
        on: {
          click: () => {
            banner.remove();
            actions.onContinue();
          },
        },
      }),
    ]),
  ]);
  root.append(banner);
  return banner;
}
