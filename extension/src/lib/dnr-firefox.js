// What Firefox's declarativeNetRequest does not take of the rules compiled for Chrome. Firefox refuses a whole rule
// update when one rule names a resource type it does not know (webtransport, webbundle), so those types are left
// out; a rule left with no resource type at all is dropped rather than widened to every type.

const CHROME_ONLY_TYPES = new Set(['webtransport', 'webbundle']);

/** Whether this is Firefox (it alone has runtime.getBrowserInfo). */
export function isFirefox() {
  return typeof (/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (chrome.runtime)).getBrowserInfo) === 'function';
}

/**
 * @param {chrome.declarativeNetRequest.Rule[]} rules
 * @returns {chrome.declarativeNetRequest.Rule[]}
 */
export function forFirefox(rules) {
  return rules.flatMap((rule) => {
    const types = rule.condition.resourceTypes;
    if (types === undefined || !types.some((t) => CHROME_ONLY_TYPES.has(t))) return [rule];
    const kept = types.filter((t) => !CHROME_ONLY_TYPES.has(t));
    return kept.length === 0 ? [] : [{ ...rule, condition: { ...rule.condition, resourceTypes: kept } }];
  });
}
