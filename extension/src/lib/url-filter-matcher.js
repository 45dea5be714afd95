// Which filters match a URL: one filter at a time (matchesFilter), or the candidates of a whole list found through
// an index by host (indexEntries/candidates), so that a decision looks at the few filters naming the URL's host or
// one of its parent domains instead of at every filter. Which candidate wins is the decider's business
// (url-filter-decider.js). Chromium's rules: components/url_matcher/url_util.cc.

/**
 * @typedef {import('./url-filter-parser.js').UrlFilter} UrlFilter
 * @typedef {import('./url-filter-parser.js').QueryToken} QueryToken
 * @typedef {import('./url-filter-parser.js').FilterKind} FilterKind
 *
 * @typedef {object} FilterEntry
 * @property {UrlFilter} filter
 * @property {FilterKind} kind
 *
 * @typedef {object} UrlTarget
 * @property {string} scheme
 * @property {string} host
 * @property {number} port
 * @property {string} path
 * @property {string[]} params
 */

/**
 * Entries by the host their filter names, each with its position in the list (ties go to the earlier entry).
 * @template {FilterEntry} E
 * @typedef {object} EntryIndex
 * @property {Map<string, { entry: E, position: number }[]>} byHost
 * @property {{ entry: E, position: number }[]} anyHost filters without a host ('*', 'https://*', 'file:///x')
 */

/** @type {Record<string, number>} */
const DEFAULT_PORTS = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };
/** @type {WeakMap<readonly FilterEntry[], EntryIndex<any>>} */
const INDEXES = new WeakMap();

/**
 * The index of a list, built once per list (lists are never changed after they are made).
 * @template {FilterEntry} E
 * @param {readonly E[]} entries
 * @returns {EntryIndex<E>}
 */
export function indexEntries(entries) {
  const known = INDEXES.get(entries);
  if (known !== undefined) return known;
  /** @type {EntryIndex<E>} */
  const index = { byHost: new Map(), anyHost: [] };
  entries.forEach((entry, position) => {
    const host = entry.filter.host;
    if (host === '') {
      index.anyHost.push({ entry, position });
      return;
    }
    const bucket = index.byHost.get(host);
    if (bucket === undefined) index.byHost.set(host, [{ entry, position }]);
    else bucket.push({ entry, position });
  });
  INDEXES.set(entries, index);
  return index;
}

/**
 * Calls `visit` for every entry whose filter matches the URL, in no particular order.
 * @template {FilterEntry} E
 * @param {EntryIndex<E>} index
 * @param {UrlTarget} target
 * @param {(entry: E, position: number) => void} visit
 */
export function forEachMatch(index, target, visit) {
  for (const { entry, position } of index.anyHost) {
    if (matchesTarget(entry.filter, target, entry.kind === 'ALLOW')) visit(entry, position);
  }
  // The host itself, then each parent domain: 'a.b.com', 'b.com', 'com'.
  let suffix = target.host;
  while (suffix !== '') {
    const bucket = index.byHost.get(suffix);
    if (bucket !== undefined) {
      for (const { entry, position } of bucket) {
        if (matchesTarget(entry.filter, target, entry.kind === 'ALLOW')) visit(entry, position);
      }
    }
    const dot = suffix.indexOf('.');
    suffix = dot < 0 ? '' : suffix.slice(dot + 1);
  }
}

/**
 * Whether the filter matches the URL. As an allowlist entry Chromium requires every occurrence of a query key to
 * carry the filter's value, so that 'watch?v=ok' does not allow 'watch?v=bad&v=ok'; a blocklist entry needs one.
 * @param {UrlFilter} filter
 * @param {string | URL | UrlTarget} url
 * @param {boolean} [allowlist]
 * @returns {boolean}
 */
export function matchesFilter(filter, url, allowlist = false) {
  const target = typeof url === 'string' || url instanceof URL ? toTarget(url) : url;
  return target !== null && matchesTarget(filter, target, allowlist);
}

/**
 * @param {UrlFilter} filter
 * @param {UrlTarget} url
 * @param {boolean} allowlist
 */
export function matchesTarget(filter, url, allowlist) {
  return (
    (filter.scheme === '' || filter.scheme === url.scheme) &&
    hostMatches(filter, url.host) &&
    (filter.port === 0 || filter.port === url.port) &&
    url.path.startsWith(filter.path) &&
    filter.query.every((token) =>
      allowlist && needsEveryOccurrence(token)
        ? everyOccurrenceMatches(token, url.params)
        : url.params.some((param) => tokenMatches(token, param)),
    )
  );
}

/**
 * @param {UrlFilter} filter
 * @param {string} host
 */
function hostMatches(filter, host) {
  return (
    filter.host === '' ||
    host === filter.host ||
    (filter.matchSubdomains && host.endsWith(`.${filter.host}`))
  );
}

/**
 * @param {QueryToken} token
 * @param {string} param a raw 'name[=value]' parameter of the URL's query
 */
function tokenMatches({ key, value, prefix }, param) {
  const expected = value === null ? key : `${key}=${value}`;
  return prefix ? param.startsWith(expected) : param === expected;
}

// Chromium's allowlist check is "every occurrence of the key has the value", except for prefix tokens with nothing
// after the key or '=', where any occurrence is enough.
/** @param {QueryToken} token */
function needsEveryOccurrence({ value, prefix }) {
  return !(prefix && (value === null || value === ''));
}

/**
 * @param {QueryToken} token
 * @param {string[]} params
 */
function everyOccurrenceMatches(token, params) {
  let found = false;
  for (const param of params) {
    const equals = param.indexOf('=');
    if ((equals < 0 ? param : param.slice(0, equals)) === token.key) {
      if (!tokenMatches(token, param)) return false;
      found = true;
    }
  }
  return found;
}

/**
 * The parts of a URL that filters look at, as the browser's URL parser reads them.
 * @param {string | URL} url
 * @returns {UrlTarget | null}
 */
export function toTarget(url) {
  let parsed;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  // Chromium compares hosts as if they ended with a dot, so 'example.com.' is 'example.com'. Non-special URLs keep
  // the host's case, but filters ignore it.
  let host = parsed.hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  const scheme = parsed.protocol.slice(0, -1);
  const query = parsed.search.slice(1);
  return {
    scheme,
    host,
    port: parsed.port === '' ? (DEFAULT_PORTS[scheme] ?? -1) : Number(parsed.port),
    path: parsed.pathname,
    params: query === '' ? [] : query.split('&'),
  };
}
