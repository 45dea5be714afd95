// Compiles URL filters into declarativeNetRequest dynamic rules for navigations of tabs and frames. BLOCK filters become
// redirects to the block page (carrying the URL in the fragment, so the page can say why), ALLOW and WARN filters
// become allow rules that override less specific blocks. Plain hosts are collapsed into one rule per priority
// through requestDomains. Every other filter needs a regex of its own (RE2's memory limit in the browser, about 100
// literal characters, keeps each regex to one filter), and the browser takes 1,000 regex rules. When there are more,
// filters of a host (with its subdomains) and a path become urlFilter rules (`||host/path`) instead: not regex rules,
// but their redirect cannot carry the URL, so it names the filter (`#filter=<pattern>`) and the block page explains
// that filter's block. urlFilter cannot say "any port", so those filters are also listed in `afterLoad` for the page
// script to enforce on URLs with an explicit port. The limits are checked here, before Chrome is called: what does
// not fit is reported in `skipped`, never silently lost.
import { MAX_PRIORITY, priorityOf } from './dnr-priority.js';
import { filterRegex, queryViolationRegex } from './dnr-regex.js';

/**
 * @typedef {import('./url-filter.js').UrlFilter} UrlFilter
 * @typedef {chrome.declarativeNetRequest.Rule} Rule
 * @typedef {{ filter: UrlFilter, kind: 'ALLOW' | 'BLOCK' | 'WARN' }} RuleSource
 * @typedef {{ maxRules: number, maxUnsafeRules: number, maxRegexRules: number }} RuleLimits
 * @typedef {{ pattern: string, reason: string }} Skipped
 * @typedef {{ redirect: number, allow: number, regex: number }} RuleStats
 * @typedef {{ rules: Rule[], skipped: Skipped[], afterLoad: string[], stats: RuleStats }} CompiledRules
 *   afterLoad: patterns of urlFilter rules, which the page script enforces on URLs with an explicit port
 *
 * @typedef {object} Candidate
 * @property {'redirect' | 'allow'} type
 * @property {number} priority
 * @property {chrome.declarativeNetRequest.RuleCondition} condition
 * @property {boolean} regex
 * @property {string[]} patterns
 * @property {Set<string>} domains requestDomains of a plain-host group, collected before they go into the condition
 * @property {string} [landing] for a rule without a regex: the address the block page is given instead of the URL
 */

/** Rule ids by purpose; nothing else in the extension adds dynamic rules. `tenant` is tenant-rules.js's. */
export const RULE_ID_RANGES = Object.freeze({
  redirect: { first: 1, last: 9_999 },
  allow: { first: 10_000, last: 39_999 },
  tenant: { first: 40_000, last: 40_999 },
});
/** Chrome's limits since version 121 (the service worker reads the live values). */
export const DEFAULT_LIMITS = Object.freeze({ maxRules: 30_000, maxUnsafeRules: 5_000, maxRegexRules: 1_000 });

// Frames too: an AI service embedded in another page is blocked like one opened in a tab.
const RESOURCE_TYPES = /** @type {chrome.declarativeNetRequest.ResourceType[]} */ (['main_frame', 'sub_frame']);
const IPV4 = /^[0-9]+(?:\.[0-9]+){3}$/;

/**
 * @param {readonly RuleSource[]} entries
 * @param {{ blockedPage: string, limits?: RuleLimits, urlFilterFirst?: boolean }} options blockedPage: the block page's
 *   full URL; urlFilterFirst: make every filter a urlFilter can say a urlFilter rule, whatever the regex budget
 * @returns {CompiledRules}
 */
export function compileDnrRules(entries, { blockedPage, limits = DEFAULT_LIMITS, urlFilterFirst = false }) {
  /** @type {Skipped[]} */
  const skipped = [];
  // Allow rules exist only to override blocks.
  if (!entries.some((e) => e.kind === 'BLOCK')) return { rules: [], skipped, afterLoad: [], stats: { redirect: 0, allow: 0, regex: 0 } };

  /** @type {Map<string, Candidate>} */
  const groups = new Map();
  /** @type {Candidate[]} */
  const singles = [trailingDotCandidate()];
  /** @type {{ candidate: Candidate, filter: UrlFilter, urlFilter: string }[]} path filters a urlFilter can also say */
  const either = [];
  const blocks = entries.filter((e) => e.kind === 'BLOCK').map((e) => e.filter);
  for (const { filter, kind } of entries) {
    const type = kind === 'BLOCK' ? 'redirect' : 'allow';
    const priority = priorityOf(filter, kind);
    if (isPlainHost(filter)) {
      const key = `${type} ${priority} ${filter.scheme} ${filter.host === '' ? '*' : ''}`;
      const group = groups.get(key) ?? plainHostCandidate(type, priority, filter);
      groups.set(key, group);
      if (filter.host !== '') group.domains.add(filter.host);
      group.patterns.push(filter.pattern);
      continue;
    }
    const regexFilter = filterRegex(filter);
    if (regexFilter === null) {
      skipped.push({ pattern: filter.pattern, reason: 'cannot be expressed as a navigation rule' });
      continue;
    }
    const candidate = regexCandidate(type, priority, regexFilter, filter.pattern);
    const urlFilter = urlFilterOf(filter);
    if (urlFilter === null) singles.push(candidate);
    else either.push({ candidate, filter, urlFilter });
    const violation = kind === 'ALLOW' ? queryViolationRegex(filter) : null;
    if (violation !== null && blocks.some((b) => coversHost(b, filter.host))) {
      // One above the allow rule: it loses to anything more specific, as the allow entry itself would.
      singles.push(regexCandidate('redirect', priority + 1, violation, filter.pattern));
    }
  }
  for (const group of groups.values()) {
    if (group.domains.size > 0) group.condition.requestDomains = [...group.domains];
  }
  const ordered = [...groups.values()].sort((a, b) => a.type.localeCompare(b.type) || b.priority - a.priority);
  // Regexes go first to the filters only a regex can say; what is left of the budget to the others, in order.
  const used = [...ordered, ...singles].filter((c) => c.regex).length;
  const regexBudget = urlFilterFirst ? 0 : Math.max(0, limits.maxRegexRules - used);
  /** @type {string[]} */
  const afterLoad = [];
  either.forEach(({ candidate, filter, urlFilter }, i) => {
    if (i < regexBudget) {
      singles.push(candidate);
      return;
    }
    singles.push(urlFilterCandidate(candidate.type, candidate.priority, urlFilter, filter.pattern));
    if (candidate.type === 'redirect') afterLoad.push(filter.pattern);
  });
  return { ...assignIds([...ordered, ...singles], blockedPage, limits, skipped), afterLoad };
}

/**
 * @param {Candidate[]} candidates in order of importance
 * @param {string} blockedPage
 * @param {RuleLimits} limits
 * @param {Skipped[]} skipped
 * @returns {{ rules: Rule[], skipped: Skipped[], stats: RuleStats }}
 */
function assignIds(candidates, blockedPage, limits, skipped) {
  /** @type {Rule[]} */
  const rules = [];
  const next = { redirect: RULE_ID_RANGES.redirect.first, allow: RULE_ID_RANGES.allow.first };
  const stats = { redirect: 0, allow: 0, regex: 0 };
  const blockedPath = new URL(blockedPage).pathname;
  for (const c of candidates) {
    const fits =
      rules.length < limits.maxRules &&
      next[c.type] <= RULE_ID_RANGES[c.type].last &&
      (c.type !== 'redirect' || stats.redirect < limits.maxUnsafeRules) &&
      (!c.regex || stats.regex < limits.maxRegexRules);
    if (!fits) {
      skipped.push(...c.patterns.map((pattern) => ({ pattern, reason: 'over the browser rule limits' })));
      continue;
    }
    /** @type {chrome.declarativeNetRequest.RuleAction} */
    let action = { type: 'allow' };
    if (c.type === 'redirect') {
      const redirect = c.landing === undefined ? { regexSubstitution: `${blockedPage}#\\0` } : { extensionPath: `${blockedPath}#${c.landing}` };
      action = { type: 'redirect', redirect };
    }
    rules.push({ id: next[c.type]++, priority: c.priority, action, condition: c.condition });
    stats[c.type]++;
    if (c.regex) stats.regex++;
  }
  return { rules, skipped, stats };
}

/**
 * @param {'redirect' | 'allow'} type
 * @param {number} priority
 * @param {string} regexFilter
 * @param {string} pattern
 * @returns {Candidate}
 */
function regexCandidate(type, priority, regexFilter, pattern) {
  const condition = { regexFilter, isUrlFilterCaseSensitive: true, resourceTypes: RESOURCE_TYPES };
  return { type, priority, condition, regex: true, patterns: [pattern], domains: new Set() };
}

/**
 * @param {'redirect' | 'allow'} type
 * @param {number} priority
 * @param {string} urlFilter
 * @param {string} pattern
 * @returns {Candidate}
 */
function urlFilterCandidate(type, priority, urlFilter, pattern) {
  const condition = { urlFilter, isUrlFilterCaseSensitive: true, resourceTypes: RESOURCE_TYPES };
  return { type, priority, condition, regex: false, patterns: [pattern], domains: new Set(), landing: `filter=${encodeURIComponent(pattern)}` };
}

/**
 * The urlFilter for a host with its subdomains and a path, on any scheme: `||host/path` matches the host or a
 * subdomain, then the path as a prefix, as the filter does, but only without an explicit port. Null for everything
 * else, and for paths with the characters urlFilter gives a meaning (`*`, `^`, `|`).
 * @param {UrlFilter} f
 * @returns {string | null}
 */
export function urlFilterOf(f) {
  if (f.scheme !== '' || !f.matchSubdomains || f.host === '' || f.port !== 0 || f.query.length > 0) return null;
  if (f.path === '' || f.path === '/' || /[*^|]/.test(f.path) || !/^[\x21-\x7e]*$/.test(f.path + f.host)) return null;
  return `||${f.host}${f.path}`;
}

/**
 * 'example.com.' is 'example.com' to URL filters, but not to requestDomains. Such navigations go to the block page
 * first, which decides on the exact URL and sends the person on when it is not blocked.
 * @returns {Candidate}
 */
function trailingDotCandidate() {
  return regexCandidate('redirect', MAX_PRIORITY, '^https?://[^/?#]*\\.(?::[0-9]+)?(?:[/?#].*)?$', '(host with a trailing dot)');
}

/**
 * @param {UrlFilter} block
 * @param {string} host
 */
function coversHost(block, host) {
  return block.host === '' || block.host === host || (block.matchSubdomains && host.endsWith(`.${block.host}`));
}

/**
 * @param {'redirect' | 'allow'} type
 * @param {number} priority
 * @param {UrlFilter} filter
 * @returns {Candidate}
 */
function plainHostCandidate(type, priority, { scheme }) {
  /** @type {chrome.declarativeNetRequest.RuleCondition} */
  const condition = { resourceTypes: RESOURCE_TYPES };
  // A redirect needs a regex for its \0; this one is tiny and the hosts stay in requestDomains.
  if (type === 'redirect') condition.regexFilter = `^${scheme === '' ? 'https?' : scheme}://.*`;
  else if (scheme !== '') condition.urlFilter = `|${scheme}://`;
  return { type, priority, condition, regex: type === 'redirect', patterns: [], domains: new Set() };
}

/**
 * A host (with its subdomains, or an IPv4 address), on any or a web scheme, any port, every path.
 * @param {UrlFilter} f
 */
function isPlainHost(f) {
  return (
    (f.scheme === '' || f.scheme === 'http' || f.scheme === 'https') &&
    f.port === 0 &&
    (f.path === '' || f.path === '/') &&
    f.query.length === 0 &&
    (f.matchSubdomains || IPV4.test(f.host))
  );
}
