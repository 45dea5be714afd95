// Which filter applies to a URL, by Chromium's precedence rules
// (components/policy/core/browser/url_blocklist_manager.cc): of the filters the matcher finds, the most specific
// wins; on an exact tie the allowlist wins, then BLOCK over WARN, then the earlier entry. Held, with the server's
// dev.promptgate.policy.filter, to docs/url-filter-vectors.json.
import { forEachMatch, indexEntries, toTarget } from './url-filter-matcher.js';

/**
 * @typedef {import('./url-filter-parser.js').UrlFilter} UrlFilter
 * @typedef {import('./url-filter-parser.js').FilterKind} FilterKind
 * @typedef {import('./url-filter-matcher.js').FilterEntry} FilterEntry
 * @typedef {import('./url-filter-matcher.js').UrlTarget} UrlTarget
 */

// Chromium never lets the bare '*' blocklist entry block these, so that the browser's own pages (and this
// extension's pages) keep working under "block everything"; a more specific filter still can.
const WILDCARD_EXEMPT_SCHEMES = new Set(['chrome-extension', 'chrome-native', 'chrome-search']);
// The allowlist wins exact ties as in Chromium; BLOCK beats WARN so a WARN entry never weakens an equal BLOCK one.
/** @type {Record<FilterKind, number>} */
const TIE_RANK = { ALLOW: 2, BLOCK: 1, WARN: 0 };

/**
 * Compares how specific two filters are, following Chromium's FilterTakesPrecedence: an exact host beats one that
 * also matches subdomains, then the longer host wins, then the longer path, then more query tokens. Scheme and port
 * do not count. Positive if `a` is the more specific one, 0 on a tie.
 * @param {UrlFilter} a
 * @param {UrlFilter} b
 * @returns {number}
 */
export function compareSpecificity(a, b) {
  if (a.matchSubdomains !== b.matchSubdomains) return a.matchSubdomains ? -1 : 1;
  return a.host.length - b.host.length || a.path.length - b.path.length || a.query.length - b.query.length;
}

/**
 * The entry that applies to the URL, or null when no filter matches (the URL is neither blocked nor allowed).
 * @template {FilterEntry} E
 * @param {readonly E[]} entries
 * @param {string | URL | UrlTarget | null} url a target from toTarget saves parsing the URL again
 * @returns {E | null}
 */
export function decide(entries, url) {
  const target = typeof url === 'string' || url instanceof URL ? toTarget(url) : url;
  if (target === null) return null;
  /** @type {E | null} */
  let best = null;
  let bestPosition = -1;
  forEachMatch(indexEntries(entries), target, (entry, position) => {
    if (best === null || takesPrecedence(entry, position, best, bestPosition)) {
      best = entry;
      bestPosition = position;
    }
  });
  if (best !== null && isWildcardBlock(best) && WILDCARD_EXEMPT_SCHEMES.has(target.scheme)) return null;
  return best;
}

/**
 * Whether `candidate` (at `position` in its list) wins over `current`.
 * @param {FilterEntry} candidate
 * @param {number} position
 * @param {FilterEntry} current
 * @param {number} currentPosition
 */
export function takesPrecedence(candidate, position, current, currentPosition) {
  // The bare '*' on the blocklist ranks below everything else, even below an allowlisted '*'.
  const candidateIsWildcard = isWildcardBlock(candidate);
  if (candidateIsWildcard !== isWildcardBlock(current)) return !candidateIsWildcard;
  const specificity = compareSpecificity(candidate.filter, current.filter);
  if (specificity !== 0) return specificity > 0;
  const rank = TIE_RANK[candidate.kind] - TIE_RANK[current.kind];
  return rank !== 0 ? rank > 0 : position < currentPosition;
}

/** @param {FilterEntry} entry */
function isWildcardBlock({ filter, kind }) {
  return (
    kind !== 'ALLOW' &&
    filter.scheme === '' &&
    filter.host === '' &&
    filter.matchSubdomains &&
    filter.port === 0 &&
    filter.path === '' &&
    filter.query.length === 0
  );
}
