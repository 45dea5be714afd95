// DNR picks the matching rule with the highest priority; Chrome's URLBlocklist picks the most specific filter. Giving
// each rule a priority that orders like the filter's specificity (see compareSpecificity in url-filter.js) makes the
// two agree, including the allowlist winning exact ties and BLOCK beating WARN.

/** @typedef {import('./url-filter.js').UrlFilter} UrlFilter */

const TIE = { WARN: 0, BLOCK: 1, ALLOW: 2 };
const HOSTS = 256; // host lengths 0..255
const PATHS = 1025; // path lengths 0..1024 (patterns are at most 1024 characters)
const QUERIES = 16; // distinct query tokens 0..15
const SPECIFIC_BASE = 4;
/** Above every filter's priority. */
export const MAX_PRIORITY = SPECIFIC_BASE + HOSTS * 2 * PATHS * QUERIES * 3;

/**
 * @param {UrlFilter} filter
 * @param {'ALLOW' | 'BLOCK' | 'WARN'} kind
 * @returns {number} at least 1; the bare '*' on the blocklist gets the lowest priorities
 */
export function priorityOf(filter, kind) {
  if (kind !== 'ALLOW' && isBareWildcard(filter)) return 1 + TIE[kind];
  const exact = filter.matchSubdomains ? 0 : 1;
  const host = Math.min(filter.host.length, HOSTS - 1);
  const path = Math.min(filter.path.length, PATHS - 1);
  const query = Math.min(filter.query.length, QUERIES - 1);
  const specificity = ((exact * HOSTS + host) * PATHS + path) * QUERIES + query;
  return SPECIFIC_BASE + specificity * 3 + TIE[kind];
}

/** @param {UrlFilter} f */
export function isBareWildcard(f) {
  return f.scheme === '' && f.host === '' && f.matchSubdomains && f.port === 0 && f.path === '' && f.query.length === 0;
}
