// Chrome's URLBlocklist/URLAllowlist filters: the parser (url-filter-parser.js), the host-indexed matcher
// (url-filter-matcher.js) and the decider (url-filter-decider.js), exported together for the rest of the extension.
export { InvalidUrlFilterError, MAX_PATTERN_LENGTH, parseFilter } from './url-filter-parser.js';
export { indexEntries, matchesFilter, toTarget } from './url-filter-matcher.js';
export { compareSpecificity, decide } from './url-filter-decider.js';

/**
 * @typedef {import('./url-filter-parser.js').FilterKind} FilterKind
 * @typedef {import('./url-filter-parser.js').QueryToken} QueryToken
 * @typedef {import('./url-filter-parser.js').UrlFilter} UrlFilter
 * @typedef {import('./url-filter-matcher.js').FilterEntry} FilterEntry
 * @typedef {import('./url-filter-matcher.js').UrlTarget} UrlTarget
 */
