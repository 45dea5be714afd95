// Recognizing a vendor's refusal of an account under a tenant restriction. Only what a vendor documents is
// recognized: ChatGPT answers 403 Forbidden to someone left with no allowed workspace. Other vendors show their own
// error inside their page, which the extension leaves alone.

/** @typedef {import('./bundle.js').TenantRestriction} TenantRestriction */

/** Services whose refusal is a 403 answer to the page itself. */
const REFUSES_WITH_403 = new Set(['chatgpt']);

/**
 * The restriction in force for this host, if any (a restriction's hosts include their subdomains).
 * @param {readonly TenantRestriction[] | undefined} restrictions
 * @param {string} host
 * @returns {TenantRestriction | undefined}
 */
export function restrictionForHost(restrictions, host) {
  return (restrictions ?? []).find((r) => r.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
}

/**
 * Whether a page's answer is the vendor refusing the account under the restriction in force for its host.
 * @param {readonly TenantRestriction[] | undefined} restrictions
 * @param {string} host
 * @param {number} status the HTTP status of the page itself
 * @returns {TenantRestriction | undefined} the restriction that explains it
 */
export function recognizeRefusal(restrictions, host, status) {
  const restriction = restrictionForHost(restrictions, host);
  return restriction !== undefined && REFUSES_WITH_403.has(restriction.service) && status === 403 ? restriction : undefined;
}

/**
 * What the block page says about a refusal.
 * @param {string} serviceName
 * @param {string | undefined} organization
 */
export function refusalExplanation(serviceName, organization) {
  const who = organization ? `${organization} allows` : 'Your organization allows';
  return (
    `${who} only its own ${serviceName} accounts in this browser, and ${serviceName} refused the account you are ` +
    `signed in with. Personal accounts cannot be used here. Sign out of ${serviceName}, then sign in with your work account.`
  );
}
