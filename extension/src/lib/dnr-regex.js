// A URL filter as an RE2 regular expression over the canonical URL, for the filters DNR's requestDomains cannot say
// (an exact host, a port, a path, query tokens). The regex always runs to the end of the URL, so that a redirect's
// \0 is the whole URL.

/** @typedef {import('./url-filter.js').UrlFilter} UrlFilter */

/** Query tokens beyond this many would need too many orderings in one expression. */
export const MAX_REGEX_QUERY_TOKENS = 3;
/** @type {Record<string, number>} */
const DEFAULT_PORTS = { http: 80, https: 443 };

/**
 * @param {UrlFilter} filter
 * @returns {string | null} null when no navigation can match (a scheme other than http/https) or the filter has too
 *   many query tokens to express
 */
export function filterRegex(filter) {
  const schemes = filter.scheme === '' ? ['http', 'https'] : [filter.scheme];
  if (!schemes.every((s) => s in DEFAULT_PORTS)) return null;
  if (filter.query.length > MAX_REGEX_QUERY_TOKENS) return null;
  const userinfo = '(?:[^/?#@]*@)?';
  const host =
    filter.host === ''
      ? '[^/?#@:]*'
      : (filter.matchSubdomains ? '(?:[^/?#@:]*\\.)?' : '') + escapeRegex(filter.host);
  const authorities = schemes.map((s) => `${s}://${userinfo}${host}${portRegex(filter.port, s)}`);
  const authority =
    filter.port === 0 && schemes.length === 2 ? `https?://${userinfo}${host}${portRegex(0, 'http')}` : alternation(authorities);
  return `^${authority}${pathAndQuery(filter)}`;
}

/**
 * Chromium allows a URL by an allowlist query token only when every occurrence of the key carries the token's value.
 * A regex cannot say "every", so this matches the opposite: the filter's URLs where some occurrence of such a key
 * carries another value. A rule with it cancels the allow rule.
 * @param {UrlFilter} filter
 * @returns {string | null} null when no token needs every occurrence, or the filter has no regex
 */
export function queryViolationRegex(filter) {
  const strict = filter.query.filter((t) => !(t.prefix && (t.value === null || t.value === '')));
  const base = filterRegex({ ...filter, path: '', query: [] });
  if (strict.length === 0 || base === null) return null;
  const authority = base.slice(0, -'(?:[/?#].*)?$'.length);
  const violations = strict.map(({ key, value, prefix }) =>
    value === null ? `${escapeRegex(key)}=[^&#]*` : `${escapeRegex(key)}(?:=${otherValue(value, prefix)})?`,
  );
  return `${authority}${escapeRegex(filter.path)}[^?#]*\\?(?:[^#]*&)?${alternation(violations)}(?:[&#].*)?$`;
}

/**
 * A query value (up to the next '&' or '#') that is not `value`, or with `prefix`, does not start with it.
 * @param {string} value
 * @param {boolean} prefix
 */
function otherValue(value, prefix) {
  const others = [];
  for (let i = 0; i < value.length; i++) {
    const same = escapeRegex(value.slice(0, i));
    others.push(`${same}[^&#${escapeClass(value[i])}][^&#]*`, same);
  }
  if (!prefix) others.push(`${escapeRegex(value)}[^&#]+`);
  return alternation(others);
}

/** @param {string} char */
function escapeClass(char) {
  return /[\\\]^-]/.test(char) ? `\\${char}` : char;
}

/**
 * @param {number} port
 * @param {string} scheme
 */
function portRegex(port, scheme) {
  if (port === 0) return '(?::[0-9]+)?';
  return port === DEFAULT_PORTS[scheme] ? `(?::${port})?` : `:${port}`;
}

/** @param {UrlFilter} filter */
function pathAndQuery({ path, query }) {
  if (query.length === 0) return path === '' ? '(?:[/?#].*)?$' : `${escapeRegex(path)}.*$`;
  const tokens = query.map(({ key, value, prefix }) => {
    const text = escapeRegex(value === null ? key : `${key}=${value}`);
    return prefix ? `${text}[^&#]*` : text;
  });
  const orders = permutations(tokens).map((order) => `(?:[^#]*&)?${order.join('&(?:[^#]*&)?')}`);
  return `${escapeRegex(path)}[^?#]*\\?${alternation(orders)}(?:[&#].*)?$`;
}

/** @param {string[]} parts */
function alternation(parts) {
  return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
}

/**
 * @template T
 * @param {T[]} items
 * @returns {T[][]}
 */
function permutations(items) {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** @param {string} text */
export function escapeRegex(text) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
