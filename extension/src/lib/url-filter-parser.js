// Parses Chrome's URLBlocklist/URLAllowlist filter format, `[scheme://][.]host[:port][/path][?query]`, as Chromium
// does (components/url_matcher/url_util.cc). The matcher (url-filter-matcher.js) and the decider
// (url-filter-decider.js) take it from here. The server implements the same rules in dev.promptgate.policy.filter;
// both are held to docs/url-filter-vectors.json, so change them together.

/**
 * @typedef {'ALLOW' | 'BLOCK' | 'WARN'} FilterKind
 *
 * @typedef {object} QueryToken
 * @property {string} key
 * @property {string | null} value null for a key-only token
 * @property {boolean} prefix whether the token ended with '*'
 *
 * @typedef {object} UrlFilter
 * @property {string} pattern the pattern exactly as given
 * @property {string} scheme lower-case scheme the URL must have, or '' for any
 * @property {string} host lower-case host without leading or trailing dot, or '' for any
 * @property {boolean} matchSubdomains false for '.example.com' and for IP addresses
 * @property {number} port the port the URL must use (default ports count), or 0 for any
 * @property {string} path case-sensitive prefix of the URL's path
 * @property {readonly QueryToken[]} query distinct tokens that must all be present in the URL's query
 */

export const MAX_PATTERN_LENGTH = 1024;

const MESSAGES = {
  empty: 'the pattern is empty',
  tooLong: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`,
  whitespace: 'the pattern must not contain spaces or control characters',
  missingScheme: "the scheme before '://' is missing",
  badScheme: (/** @type {string} */ s) => `'${s}' is not a valid scheme; leave the scheme out to match every scheme`,
  wholeSchemeOnly: (/** @type {string} */ s) => `'${s}:' addresses can only be filtered as a whole, with '${s}:*'`,
  needsSlashes: "the scheme must be followed by '://'",
  missingHost: 'the host is missing',
  hostWildcard: "'*' can only be the whole host; 'example.com' already matches all subdomains of example.com",
  badHost: (/** @type {string} */ h) => `'${h}' is not a valid host name`,
  nonAsciiHost: (/** @type {string} */ h) => `'${h}' must be written in its punycode form (xn--...)`,
  badIpv4: (/** @type {string} */ h) => `'${h}' is not a valid IPv4 address`,
  badIpv6: (/** @type {string} */ h) => `'${h}' is not a valid IPv6 address`,
  badPort: 'port must be a number between 1 and 65535',
  pathWildcard:
    "'*' is not a wildcard in a path; paths match by prefix, so 'example.com/docs'" +
    ' already covers everything under /docs',
  nonAscii: 'non-ASCII characters in the path or query must be percent-encoded',
  fileHost: 'file: filters cannot name a host; write file:///path',
  fileQuery: 'file: filters match the path only and cannot have a query',
};

// Schemes whose filters name a host: the browser's standard schemes. Any other scheme can only be filtered as a
// whole ('custom:*'), as in Chromium.
const HOST_SCHEMES = new Set([
  'http',
  'https',
  'ws',
  'wss',
  'ftp',
  'chrome',
  'chrome-extension',
  'chrome-untrusted',
  'devtools',
]);

const SCHEME = /^[A-Za-z][A-Za-z0-9+-]*$/;
const HOST_LABEL = /^[a-z0-9_-]+$/;
const NUMERIC_LABEL = /^(?:[0-9]+|0x[0-9a-f]*)$/;
const IPV4_PART = /^(?:0|[1-9][0-9]{0,2})$/;
const PORT = /^[0-9]{1,5}$/;
// Controls plus JavaScript's \s; the Java side refuses exactly the same characters.
const BLANK = /[\s\x00-\x1f\x7f]/;
const EDGE_BLANKS = /^[\s\x00-\x1f\x7f]+|[\s\x00-\x1f\x7f]+$/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Thrown by {@link parseFilter}; the message is written for the administrator who typed the pattern. */
export class InvalidUrlFilterError extends Error {
  /**
   * @param {unknown} pattern
   * @param {string} reason
   */
  constructor(pattern, reason) {
    super(reason);
    this.name = 'InvalidUrlFilterError';
    this.pattern = pattern;
  }
}

/**
 * Parses a filter.
 * @param {string} pattern
 * @returns {UrlFilter}
 * @throws {InvalidUrlFilterError} if the pattern cannot be used
 */
export function parseFilter(pattern) {
  const fail = (/** @type {string} */ reason) => invalid(pattern, reason);
  if (typeof pattern !== 'string') throw fail(MESSAGES.empty);
  if (pattern.length > MAX_PATTERN_LENGTH) throw fail(MESSAGES.tooLong);
  let text = pattern.replace(EDGE_BLANKS, '');
  if (text === '') throw fail(MESSAGES.empty);
  if (BLANK.test(text)) throw fail(MESSAGES.whitespace);
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);

  const colon = text.indexOf(':');
  const afterColon = colon < 0 ? '' : text.slice(colon + 1);
  if (colon === 0 && afterColon.startsWith('//')) throw fail(MESSAGES.missingScheme);
  const schemeLike = colon > 0 && SCHEME.test(text.slice(0, colon));
  if (colon > 0 && !schemeLike && afterColon.startsWith('//')) throw fail(MESSAGES.badScheme(text.slice(0, colon)));
  // 'localhost:8080' is a host and a port, not the scheme 'localhost'.
  if (!schemeLike || (!afterColon.startsWith('//') && /^[0-9]+(?:[/?]|$)/.test(afterColon))) {
    return hostFilter(pattern, '', text);
  }

  const scheme = text.slice(0, colon).toLowerCase();
  if (afterColon === '*' || afterColon === '//*') return make(pattern, scheme, '', true, 0, '', []);
  if (scheme === 'file') return fileFilter(pattern, afterColon);
  if (scheme === 'data') return make(pattern, scheme, '', true, 0, checkedPath(pattern, afterColon), []);
  if (!HOST_SCHEMES.has(scheme)) throw fail(MESSAGES.wholeSchemeOnly(scheme));
  if (!afterColon.startsWith('//')) throw fail(MESSAGES.needsSlashes);
  return hostFilter(pattern, scheme, afterColon.slice(2));
}

/**
 * @param {unknown} pattern
 * @param {string} reason
 */
function invalid(pattern, reason) {
  return new InvalidUrlFilterError(pattern, reason);
}

/**
 * @param {string} pattern
 * @param {string} scheme
 * @param {string} host
 * @param {boolean} matchSubdomains
 * @param {number} port
 * @param {string} path
 * @param {QueryToken[]} query
 * @returns {UrlFilter}
 */
function make(pattern, scheme, host, matchSubdomains, port, path, query) {
  return Object.freeze({ pattern, scheme, host, matchSubdomains, port, path, query: Object.freeze(query) });
}

// Chromium compares the filter's path verbatim with the URL's canonical path, so a '*' or a raw non-ASCII
// character would silently never match; refusing them tells the administrator instead.
/** @param {string} pattern @param {string} path */
function checkedPath(pattern, path) {
  if (path.includes('*')) throw invalid(pattern, MESSAGES.pathWildcard);
  if (NON_ASCII.test(path)) throw invalid(pattern, MESSAGES.nonAscii);
  return path;
}

/** @param {string} pattern @param {string} written */
function canonicalHost(pattern, written) {
  let host = written.endsWith('.') ? written.slice(0, -1) : written;
  if (host === '') throw invalid(pattern, MESSAGES.missingHost);
  if (host.startsWith('[')) {
    const canonical = canonicalIpv6(host);
    if (canonical === null) throw invalid(pattern, MESSAGES.badIpv6(written));
    return canonical;
  }
  if (NON_ASCII.test(host)) throw invalid(pattern, MESSAGES.nonAsciiHost(written));
  host = host.toLowerCase();
  const labels = host.split('.');
  // Like the URL Standard: a host whose last label is a number is an IPv4 address or nothing.
  if (isIpAddress(host)) {
    if (labels.length !== 4 || !labels.every((l) => IPV4_PART.test(l) && Number(l) <= 255)) {
      throw invalid(pattern, MESSAGES.badIpv4(written));
    }
    return host;
  }
  if (!labels.every((l) => HOST_LABEL.test(l))) throw invalid(pattern, MESSAGES.badHost(written));
  return host;
}

/** @param {string} pattern @param {string} scheme @param {string} rest */
function hostFilter(pattern, scheme, rest) {
  const authorityEnd = rest.search(/[/?]/);
  let authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  // Credentials are allowed in filters and ignored, as in Chromium.
  authority = authority.slice(authority.lastIndexOf('@') + 1);

  let hostText;
  let portText;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const afterHost = close < 0 ? '' : authority.slice(close + 1);
    if (close < 0 || !(afterHost === '' || afterHost.startsWith(':'))) throw invalid(pattern, MESSAGES.badIpv6(authority));
    hostText = authority.slice(0, close + 1);
    portText = afterHost.slice(1);
  } else {
    const portColon = authority.indexOf(':');
    hostText = portColon < 0 ? authority : authority.slice(0, portColon);
    portText = portColon < 0 ? '' : authority.slice(portColon + 1);
  }

  let matchSubdomains = true;
  let host = '';
  if (hostText === '') throw invalid(pattern, MESSAGES.missingHost);
  if (hostText !== '*') {
    if (hostText.startsWith('.')) {
      matchSubdomains = false;
      hostText = hostText.slice(1);
    }
    if (hostText.includes('*')) throw invalid(pattern, MESSAGES.hostWildcard);
    host = canonicalHost(pattern, hostText);
    // IP addresses only ever match themselves.
    if (isIpAddress(host)) matchSubdomains = false;
  }

  let port = 0;
  // An empty port ('example.com:') means any port, as in Chromium.
  if (portText !== '') {
    port = PORT.test(portText) ? Number(portText) : 0;
    if (port < 1 || port > 65535) throw invalid(pattern, MESSAGES.badPort);
  }

  const question = tail.indexOf('?');
  const path = checkedPath(pattern, question < 0 ? tail : tail.slice(0, question));
  const query = question < 0 ? [] : queryTokens(pattern, tail.slice(question + 1));
  return make(pattern, scheme, host, matchSubdomains, port, path, query);
}

/** @param {string} pattern @param {string} query */
function queryTokens(pattern, query) {
  if (NON_ASCII.test(query)) throw invalid(pattern, MESSAGES.nonAscii);
  /** @type {Map<string, QueryToken>} */
  const tokens = new Map();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    let key = equals < 0 ? part : part.slice(0, equals);
    let value = equals < 0 ? null : part.slice(equals + 1);
    const prefix = (value ?? key).endsWith('*');
    if (prefix && value === null) key = key.slice(0, -1);
    else if (prefix && value !== null) value = value.slice(0, -1);
    tokens.set(JSON.stringify([key, value, prefix]), { key, value, prefix });
  }
  return [...tokens.values()];
}

/** @param {string} pattern @param {string} afterColon */
function fileFilter(pattern, afterColon) {
  if (!afterColon.startsWith('//')) throw invalid(pattern, MESSAGES.needsSlashes);
  const rest = afterColon.slice(2);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  if (authority !== '' && authority.toLowerCase() !== 'localhost') throw invalid(pattern, MESSAGES.fileHost);
  const path = slash < 0 ? '/' : rest.slice(slash);
  if (path.includes('?')) throw invalid(pattern, MESSAGES.fileQuery);
  return make(pattern, 'file', '', true, 0, checkedPath(pattern, path), []);
}

/** @param {string} host */
function isIpAddress(host) {
  return host.startsWith('[') || NUMERIC_LABEL.test(host.slice(host.lastIndexOf('.') + 1));
}

/**
 * The canonical '[...]' form the URL Standard gives an IPv6 literal, or null if it is not one.
 * @param {string} bracketed
 * @returns {string | null}
 */
function canonicalIpv6(bracketed) {
  if (!/^\[[0-9A-Fa-f:.]+\]$/.test(bracketed)) return null;
  try {
    return new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
}
