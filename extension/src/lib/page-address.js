// The address of the page a page script speaks for. The browser's sender.url is the document's first address, even
// after a same-document navigation (history.pushState in a single-page app); the page script reports the current one.
// That report is used only within the sender's origin, which no same-document navigation can leave, so a page can
// claim no address it could not reach by pushState itself.

/**
 * The page's current address: the one the page script reports if it is in the sender's origin, else the sender's.
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {string | undefined}
 */
export function pageUrl(message, sender) {
  const reported = /** @type {{ url?: unknown } | null} */ (message)?.url;
  if (sender.url === undefined || typeof reported !== 'string') return sender.url;
  try {
    const url = new URL(reported);
    return url.origin === new URL(sender.url).origin ? url.href : sender.url;
  } catch {
    return sender.url;
  }
}
