// Puts a policy into force in the tabs that are already open (after install, update and every policy change):
// declarativeNetRequest rules and registered page scripts only act on new navigations. A tab on a page that is now
// blocked goes to the block page; in the others the page script is told to ask again (or injected where it is not
// running yet), so a warning or acknowledgement appears, changes or goes away without a reload.
import { decideUrl } from '../lib/decision.js';

/**
 * @param {import('../lib/policy.js').CompiledPolicy} policy
 * @param {string[]} patterns the page script's match patterns: where it runs
 * @param {(tabId: number, url: string) => Promise<void>} sendToBlockPage
 */
export async function applyToOpenTabs(policy, patterns, sendToBlockPage) {
  let tabs;
  try {
    tabs = await chrome.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  } catch (error) {
    console.warn('tabs.query failed', error);
    return;
  }
  await Promise.all(tabs.map((tab) => applyToTab(tab, policy, patterns, sendToBlockPage)));
}

/**
 * @param {chrome.tabs.Tab} tab
 * @param {import('../lib/policy.js').CompiledPolicy} policy
 * @param {string[]} patterns
 * @param {(tabId: number, url: string) => Promise<void>} sendToBlockPage
 */
async function applyToTab(tab, policy, patterns, sendToBlockPage) {
  if (tab.id === undefined || tab.url === undefined) return;
  try {
    if (decideUrl(policy, tab.url).action === 'BLOCK') {
      await sendToBlockPage(tab.id, tab.url);
      return;
    }
    // A page script already running asks again and redraws (or removes) its UI; it answers only if it runs.
    const answered = await chrome.tabs.sendMessage(tab.id, { type: 'policyChanged' }).then(
      () => true,
      () => false,
    );
    if (!answered && runsOn(patterns, tab.url)) {
      await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content.js'] });
    }
  } catch (error) {
    // A tab that closed or navigated meanwhile, or a page the extension may not script.
    console.warn('applying the policy to an open tab failed', tab.id, error);
  }
}

/**
 * Whether a URL's host is one the page script is registered for.
 * @param {string[]} patterns
 * @param {string} url
 */
function runsOn(patterns, url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return patterns.some((pattern) => {
    const patternHost = pattern.slice(pattern.indexOf('://') + 3, -2);
    if (patternHost === '*') return true;
    return patternHost.startsWith('*.') ? host.endsWith(patternHost.slice(1)) : host === patternHost;
  });
}
