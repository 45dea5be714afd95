// The content script's own corner of the page: an element holding a closed shadow root, so that the page can neither
// read nor restyle what is drawn there. It puts itself back if the page removes it.
import { PAGE_UI_CSS } from './styles.js';

/**
 * @returns {{ root: ShadowRoot, host: HTMLElement }}
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
  new MutationObserver(attach).observe(document.documentElement, { childList: true });
  return { root, host };
}
