// The one module that owns declarativeNetRequest: installs the compiled rules as an idempotent diff, within the
// browser's limits, and keeps the previous rules in force when an update fails.
import { diffRules } from '../lib/dnr-diff.js';
import { forFirefox, isFirefox } from '../lib/dnr-firefox.js';
import { DEFAULT_LIMITS } from '../lib/dnr-rules.js';

/** @returns {import('../lib/dnr-rules.js').RuleLimits} */
export function ruleLimits() {
  const dnr = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (chrome.declarativeNetRequest));
  /** @param {string} name @param {number} fallback */
  const limit = (name, fallback) => (typeof dnr[name] === 'number' ? /** @type {number} */ (dnr[name]) : fallback);
  return {
    // Firefox before 128 named only the shared limit of dynamic and session rules.
    maxRules: limit('MAX_NUMBER_OF_DYNAMIC_RULES', limit('MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES', DEFAULT_LIMITS.maxRules)),
    maxUnsafeRules: limit('MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES', DEFAULT_LIMITS.maxUnsafeRules),
    maxRegexRules: limit('MAX_NUMBER_OF_REGEX_RULES', DEFAULT_LIMITS.maxRegexRules),
  };
}

/**
 * @param {chrome.declarativeNetRequest.Rule[]} wanted
 * @returns {Promise<string | null>} what went wrong, or null
 */
export async function installRules(wanted) {
  try {
    await update(wanted);
    return null;
  } catch (error) {
    // One expression over RE2's memory limit fails the whole update; leave those out and try once more.
    const usable = await withoutUnsupportedRegexes(wanted);
    if (usable.length === wanted.length) {
      console.error('declarativeNetRequest.updateDynamicRules failed; the previous rules stay in force', error);
      return String(error);
    }
    try {
      await update(usable);
      return `${wanted.length - usable.length} rules were refused by the browser and left out`;
    } catch (retryError) {
      console.error('declarativeNetRequest.updateDynamicRules failed; the previous rules stay in force', retryError);
      return String(retryError);
    }
  }
}

/** @param {chrome.declarativeNetRequest.Rule[]} wanted */
async function update(wanted) {
  if (isFirefox()) wanted = forFirefox(wanted);
  const current = await chrome.declarativeNetRequest.getDynamicRules();
  const diff = diffRules(current, wanted);
  if (diff.removeRuleIds.length > 0 || diff.addRules.length > 0) {
    await chrome.declarativeNetRequest.updateDynamicRules(diff);
  }
}

/** @param {chrome.declarativeNetRequest.Rule[]} rules */
async function withoutUnsupportedRegexes(rules) {
  const usable = [];
  for (const rule of rules) {
    const regex = rule.condition.regexFilter;
    if (regex === undefined) {
      usable.push(rule);
      continue;
    }
    try {
      const result = await chrome.declarativeNetRequest.isRegexSupported({
        regex,
        isCaseSensitive: rule.condition.isUrlFilterCaseSensitive ?? false,
      });
      if (result.isSupported) usable.push(rule);
      else console.warn('the browser refuses a rule expression', regex, result.reason);
    } catch (error) {
      console.warn('declarativeNetRequest.isRegexSupported failed', error);
    }
  }
  return usable;
}
