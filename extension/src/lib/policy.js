// Prepares a bundle for matching: every pattern parsed once, tagged with where it came from. Patterns that do not
// parse are left out and listed, so one bad entry never stops the rest of the policy from being enforced.
import { InvalidUrlFilterError, indexEntries, parseFilter } from './url-filter.js';

/**
 * @typedef {import('./bundle.js').PolicyBundle} PolicyBundle
 * @typedef {import('./bundle.js').BundleService} BundleService
 * @typedef {import('./url-filter.js').UrlFilter} UrlFilter
 * @typedef {'allowlist' | 'blocklist' | 'service' | 'unknown'} Origin
 *
 * @typedef {object} PolicyEntry
 * @property {UrlFilter} filter
 * @property {'ALLOW' | 'BLOCK' | 'WARN'} kind
 * @property {Origin} origin
 * @property {string} [reason]
 * @property {BundleService} [service]
 *
 * @typedef {object} CompiledPolicy
 * @property {PolicyBundle} bundle
 * @property {PolicyEntry[]} contest what decides ALLOW or BLOCK, by Chrome's URLBlocklist precedence: the allowlist,
 *   the blocklist, and the hosts of blocked services and (when they are blocked) of unknown AI sites
 * @property {PolicyEntry[]} services every service host, to find the service a page belongs to
 * @property {PolicyEntry[]} unknown the unknown AI sites
 * @property {{ pattern: string, reason: string }[]} invalid
 */

/**
 * @param {PolicyBundle} bundle
 * @returns {CompiledPolicy}
 */
export function compilePolicy(bundle) {
  /** @type {{ pattern: string, reason: string }[]} */
  const invalid = [];
  /**
   * Parses one pattern into `list` (plain loops: a large blocklist is tens of thousands of entries).
   * @param {PolicyEntry[]} list
   * @param {string} pattern
   * @param {Omit<PolicyEntry, 'filter'>} rest
   */
  const add = (list, pattern, rest) => {
    try {
      list.push({ filter: parseFilter(pattern), ...rest });
    } catch (error) {
      if (!(error instanceof InvalidUrlFilterError)) throw error;
      invalid.push({ pattern, reason: error.message });
    }
  };
  /** @type {PolicyEntry[]} */
  const services = [];
  for (const service of bundle.services) {
    for (const host of service.hosts) add(services, host, { kind: 'BLOCK', origin: 'service', service });
  }
  /** @type {PolicyEntry[]} */
  const unknown = [];
  for (const pattern of bundle.unknownAiSites) add(unknown, pattern, { kind: 'BLOCK', origin: 'unknown' });
  /** @type {PolicyEntry[]} */
  const contest = [];
  for (const a of bundle.allowlist) add(contest, a.pattern, withReason({ kind: 'ALLOW', origin: 'allowlist' }, a.reason));
  for (const b of bundle.blocklist) add(contest, b.pattern, withReason({ kind: b.action, origin: 'blocklist' }, b.reason));
  for (const e of services) if (e.service?.action === 'BLOCK') contest.push(e);
  if (bundle.defaults.unknownAiAction === 'BLOCK') contest.push(...unknown);
  // Indexed now rather than on the first page view.
  for (const list of [contest, services, unknown]) indexEntries(list);
  return { bundle, contest, services, unknown, invalid };
}

/**
 * @param {Omit<PolicyEntry, 'filter'>} rest
 * @param {string | undefined} reason
 */
function withReason(rest, reason) {
  if (reason !== undefined && reason !== '') rest.reason = reason;
  return rest;
}
