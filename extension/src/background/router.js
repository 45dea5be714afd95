// One message router. Messages are {type: 'verbNoun', ...}; page scripts on web pages may send only a few of them,
// everything else must come from the extension's own pages.

/**
 * @typedef {(message: any, sender: chrome.runtime.MessageSender) => Promise<unknown>} Handler
 */

const FROM_WEB_PAGES = new Set(['getPageView', 'dismissWarning', 'noteProceeded', 'acceptGuidelines', 'answerReminder', 'openGuidelines', 'reportTenantRefusal', 'reportDlp']);

/**
 * @param {Record<string, Handler>} handlers
 * @param {Promise<unknown>} ready what every handler waits for
 * @returns {(message: any, sender: chrome.runtime.MessageSender, sendResponse: (response: unknown) => void) => boolean}
 */
export function createRouter(handlers, ready) {
  const extensionOrigin = chrome.runtime.getURL('');
  return (message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    const type = typeof message?.type === 'string' ? message.type : '';
    const handler = Object.hasOwn(handlers, type) ? handlers[type] : undefined;
    const fromExtensionPage = sender.url?.startsWith(extensionOrigin) === true;
    if (handler === undefined || (!fromExtensionPage && !FROM_WEB_PAGES.has(type))) {
      console.warn('refused message', type, sender.url);
      sendResponse({ ok: false, error: 'refused' });
      return false;
    }
    ready
      .then(() => handler(message, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error) => {
          console.error(`message ${type} failed`, error);
          sendResponse({ ok: false, error: String(error) });
        },
      );
    return true;
  };
}
