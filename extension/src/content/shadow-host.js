// The content script's own corner of the page: an element holding a closed shadow root, so that the page can neither
// read nor restyle what is drawn there. It puts itself back if the page removes it, until it is disposed of (when the
// page's address changes and something else, or nothing, is to be shown).
import { PAGE_UI_CSS } from './styles.js';

/**
 * @returns {{ root: ShadowRoot, host: HTMLElement, signal: AbortSignal, dispose: () => void }} listeners added with
 *   `signal` end with dispose
 */
export function createShadowHost() {
  const host = document.createElement('promptgate-ui');
  const root = host.attachShadow({ mode: 'closed' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PAGE_UI_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = PAGE_UI_CSS;
    root.append(style);
  }
  const attach = () => {
    if (!host.isConnected) document.documentElement.append(host);
  };
  attach();
  const observer = new MutationObserver(attach);
  observer.observe(document.documentElement, { childList: true });
  const lifetime = new AbortController();
  const dispose = () => {
    observer.disconnect();
    lifetime.abort();
    host.remove();
  };
  return { root, host, signal: lifetime.signal, dispose };
}
