// Turns the installed dynamic rules into the wanted ones with the fewest changes, so re-applying is idempotent.

/** @typedef {chrome.declarativeNetRequest.Rule} Rule */

/**
 * The smallest update that turns the installed rules into the wanted ones.
 * @param {readonly Rule[]} current
 * @param {readonly Rule[]} wanted
 * @returns {{ removeRuleIds: number[], addRules: Rule[] }}
 */
export function diffRules(current, wanted) {
  const installed = new Map(current.map((r) => [r.id, canonical(r)]));
  const wantedIds = new Set(wanted.map((r) => r.id));
  const addRules = wanted.filter((r) => installed.get(r.id) !== canonical(r));
  const replaced = new Set(addRules.map((r) => r.id));
  const removeRuleIds = current.filter((r) => !wantedIds.has(r.id) || replaced.has(r.id)).map((r) => r.id);
  return { removeRuleIds, addRules };
}

/**
 * The fields this module sets, with Chrome's defaults filled in, so that a rule read back compares equal.
 * @param {Rule} rule
 */
function canonical({ id, priority, action, condition }) {
  return JSON.stringify([
    id,
    priority ?? 1,
    action.type,
    action.redirect?.regexSubstitution ?? null,
    action.requestHeaders?.map((h) => [h.header.toLowerCase(), h.operation, h.value ?? null]) ?? null,
    condition.regexFilter ?? null,
    condition.urlFilter ?? null,
    condition.requestDomains ?? null,
    condition.resourceTypes ?? null,
    condition.isUrlFilterCaseSensitive ?? false,
  ]);
}
