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
   * @param {string} pattern
   * @param {Omit<PolicyEntry, 'filter'>} rest
   * @returns {PolicyEntry[]}
   */
  const entry = (pattern, rest) => {
    try {
      return [{ filter: parseFilter(pattern), ...rest }];
    } catch (error) {
      if (!(error instanceof InvalidUrlFilterError)) throw error;
      invalid.push({ pattern, reason: error.message });
      return [];
    }
  };
  /** @param {BundleService} service @param {'BLOCK' | 'WARN'} kind */
  const serviceEntries = (service, kind) =>
    service.hosts.flatMap((host) => entry(host, { kind, origin: 'service', service }));
  const unknownBlocked = bundle.defaults.unknownAiAction === 'BLOCK';

  const services = bundle.services.flatMap((s) => serviceEntries(s, 'BLOCK'));
  const unknown = bundle.unknownAiSites.flatMap((p) => entry(p, { kind: 'BLOCK', origin: 'unknown' }));
  const contest = [
    ...bundle.allowlist.flatMap((a) => entry(a.pattern, { kind: 'ALLOW', origin: 'allowlist', ...reasonOf(a) })),
    ...bundle.blocklist.flatMap((b) => entry(b.pattern, { kind: b.action, origin: 'blocklist', ...reasonOf(b) })),
    ...services.filter((e) => e.service?.action === 'BLOCK'),
    ...(unknownBlocked ? unknown : []),
  ];
  // Indexed now rather than on the first page view.
  for (const list of [contest, services, unknown]) indexEntries(list);
  return { bundle, contest, services, unknown, invalid };
}

/** @param {{ reason?: string }} item */
function reasonOf({ reason }) {
  return reason === undefined || reason === '' ? {} : { reason };
}
