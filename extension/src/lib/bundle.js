// Turns the bytes of GET /api/v1/client/policy into a policy bundle, or says why it cannot be enforced.
import { validate } from '../generated/validate-bundle.js';

/**
 * @typedef {'ALLOW' | 'WARN' | 'ACKNOWLEDGE' | 'BLOCK'} Action
 *
 * @typedef {object} Alternative
 * @property {string} name
 * @property {string} url
 *
 * @typedef {object} HistoryReminder
 * @property {string[]} steps
 * @property {string} [settingsUrl]
 * @property {string} [source] the vendor page the steps were checked against; absent when they are unverified
 * @property {string} [reviewedOn] ISO date of the last check
 *
 * @typedef {object} BundleService
 * @property {string} key
 * @property {string} name
 * @property {string[]} hosts
 * @property {Action} action
 * @property {string} [message]
 * @property {HistoryReminder} [historyReminder]
 * @property {string} [ephemeralMode]
 * @property {boolean} trainsOnInputsByDefault
 * @property {Alternative} [alternative]
 * @property {string[]} inputSelectors
 * @property {string[]} [unverifiedFacts] data-policy facts not backed by the vendor's own page
 *
 * @typedef {object} Guidelines
 * @property {number} version
 * @property {string} title
 * @property {string} html
 * @property {boolean} requireAcknowledgement
 * @property {number} acknowledgeEveryDays
 *
 * @typedef {object} TenantRestriction a vendor's tenant-restriction header (work accounts only)
 * @property {string} service
 * @property {string} header
 * @property {string} value
 * @property {string[]} hosts
 * @property {chrome.declarativeNetRequest.ResourceType[]} resourceTypes
 * @property {string[]} [blockedWhenOn] URL filters of endpoints for people who have not signed in
 *
 * @typedef {object} PolicyBundle
 * @property {1} schemaVersion
 * @property {string} policyVersion
 * @property {string} issuedAt
 * @property {number} refreshSeconds
 * @property {{ name: string }} organization
 * @property {string[]} groups
 * @property {Guidelines | null} guidelines
 * @property {{ serviceAction: Action, unknownAiAction: Action }} defaults
 * @property {BundleService[]} services
 * @property {string[]} unknownAiSites
 * @property {{ pattern: string, action: 'BLOCK' | 'WARN', reason?: string }[]} blocklist
 * @property {{ pattern: string, reason?: string }[]} allowlist
 * @property {TenantRestriction[]} [tenantRestrictions] present only when a restriction is on
 * @property {import('./dlp/config.js').BundleDlp} [dlp] absent only in bundles of older servers
 *
 * @typedef {{ ok: true, bundle: PolicyBundle } | { ok: false, reason: string }} BundleCheck
 */

// RFC 3339 date-time, as the schema's "format" means it.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses and validates a bundle against docs/policy-bundle.schema.json.
 * @param {Uint8Array | string} body the exact bytes the server sent
 * @returns {BundleCheck}
 */
export function parseBundle(body) {
  let data;
  try {
    data = JSON.parse(typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { ok: false, reason: 'the bundle is not JSON' };
  }
  return checkBundle(data);
}

/**
 * @param {unknown} data
 * @returns {BundleCheck}
 */
export function checkBundle(data) {
  if (!validate(data)) {
    const error = validate.errors?.[0];
    return { ok: false, reason: `the bundle does not match the schema: ${error?.instancePath || '/'} ${error?.message}` };
  }
  const bundle = /** @type {PolicyBundle} */ (data);
  if (!DATE_TIME.test(bundle.issuedAt) || Number.isNaN(Date.parse(bundle.issuedAt))) {
    return { ok: false, reason: 'the bundle does not match the schema: /issuedAt must be a date-time' };
  }
  return { ok: true, bundle };
}
