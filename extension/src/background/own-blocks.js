// Which block-page visits the extension caused: a `blocked` event is recorded only for those, so that a web page that
// opens the block page itself cannot make the extension report a block. The extension's own visits are its
// declarativeNetRequest redirects (asked of the browser with getMatchedRules) and the tabs and frames it sent to
// the block page itself (noted here, in session storage, until the block page asks).
import { RULE_ID_RANGES } from '../lib/dnr-rules.js';
import { updateSession } from './storage.js';

/** How long after a redirect the block page may still claim it. */
const CLAIM_WITHIN_MS = 60_000;

/**
 * Notes that the extension itself is sending a tab (or one of its frames) to the block page for `url`.
 * @param {number} tabId
 * @param {string} url
 */
export function noteOwnBlock(tabId, url) {
  return updateSession('ownBlocks', (pending) => ({ ...prune(pending), [`${tabId} ${url}`]: Date.now() }));
}

/**
 * Whether the block page showing `url` in this tab was opened by the extension; each redirect is claimed once.
 * @param {number | undefined} tabId
 * @param {string} url
 * @returns {Promise<boolean>}
 */
export async function claimOwnBlock(tabId, url) {
  if (tabId === undefined || tabId < 0) return false;
  let noted = false;
  await updateSession('ownBlocks', (pending) => {
    const key = `${tabId} ${url}`;
    noted = key in pending && pending[key] > Date.now() - CLAIM_WITHIN_MS;
    const rest = { ...pending };
    delete rest[key];
    return prune(rest);
  });
  if (noted) return true;
  return claimRuleMatch(tabId);
}

/** @param {number} tabId */
async function claimRuleMatch(tabId) {
  /** @type {chrome.declarativeNetRequest.MatchedRuleInfo[]} */
  let matched;
  try {
    ({ rulesMatchedInfo: matched } = await chrome.declarativeNetRequest.getMatchedRules({ tabId, minTimeStamp: Date.now() - CLAIM_WITHIN_MS }));
  } catch (error) {
    console.warn('declarativeNetRequest.getMatchedRules failed', error);
    return false;
  }
  const redirects = matched
    .filter((m) => m.rule.rulesetId === chrome.declarativeNetRequest.DYNAMIC_RULESET_ID)
    .filter((m) => m.rule.ruleId >= RULE_ID_RANGES.redirect.first && m.rule.ruleId <= RULE_ID_RANGES.redirect.last)
    .map((m) => `${tabId} ${m.timeStamp} ${m.rule.ruleId}`);
  let claimed = false;
  await updateSession('claimedMatches', (seen) => {
    const fresh = redirects.find((key) => !(key in seen));
    if (fresh === undefined) return seen;
    claimed = true;
    const cutoff = Date.now() - CLAIM_WITHIN_MS;
    return Object.fromEntries([...Object.entries(seen).filter(([, at]) => at > cutoff), [fresh, Date.now()]]);
  });
  return claimed;
}

/** @param {Record<string, number>} pending */
function prune(pending) {
  const cutoff = Date.now() - CLAIM_WITHIN_MS;
  return Object.fromEntries(Object.entries(pending).filter(([, at]) => at > cutoff));
}
