// Content-script match patterns for the hosts of URL filters. Match patterns cannot say a path prefix, a port or a
// query, so they are widened to the whole host; the service worker's decision on the exact URL does the rest.

/** @typedef {import('./url-filter.js').UrlFilter} UrlFilter */

/**
 * @param {Iterable<UrlFilter>} filters
 * @returns {string[]} sorted and without duplicates
 */
export function matchPatternsFor(filters) {
  /** @type {Set<string>} */
  const patterns = new Set();
  for (const filter of filters) {
    const schemes = filter.scheme === '' ? ['*'] : filter.scheme === 'http' || filter.scheme === 'https' ? [filter.scheme] : [];
    for (const scheme of schemes) {
      if (filter.host === '') {
        patterns.add(`${scheme}://*/*`);
      } else {
        patterns.add(`${scheme}://${filter.host}/*`);
        if (filter.matchSubdomains) patterns.add(`${scheme}://*.${filter.host}/*`);
      }
    }
  }
  return [...patterns].sort();
}
