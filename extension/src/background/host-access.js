// Whether the browser lets the extension act on the sites the policy names. The navigation rules redirect to the
// block page and the page script runs only where the extension has host access. Chrome and Edge grant the manifest's
// <all_urls> at install. Firefox treats the host permissions of a Manifest V3 add-on as the user's to grant or
// withdraw (about:addons → Permissions, or the extensions panel); it grants them at install only while the
// preference extensions.originControls.grantByDefault is true (its default since Firefox 127), and a policy-installed
// add-on is no exception. Without access Firefox accepts the rules and the page script all the same and applies them
// nowhere, so the gap is found here and reported in the heartbeat (see heartbeat.js).

/**
 * @param {string[]} patterns the page script's match patterns (the hosts the policy names)
 * @returns {Promise<string | null>} why enforcement cannot reach (some of) those sites, or null when it can
 */
export async function missingHostAccess(patterns) {
  try {
    if (await chrome.permissions.contains({ origins: ['<all_urls>'] })) return null;
    let without = 0;
    for (const pattern of patterns) {
      if (!(await chrome.permissions.contains({ origins: [pattern] }))) without++;
    }
    const scope = patterns.length === 0 ? 'websites' : `${without} of the ${patterns.length} site patterns of the policy`;
    return `the browser has not granted the extension access to ${scope} (host permission <all_urls> not granted): no block page, warning, acknowledgement or reminder appears there`;
  } catch (error) {
    return `the browser did not say which sites the extension may access: ${String(error)}`;
  }
}
