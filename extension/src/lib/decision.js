// What the extension does on a page: one function, used by the service worker for content scripts, the popup, the
// block page and the fallback redirect, and mirrored by the DNR rules (see dnr-rules.js).
//
// 1. The allowlist, the blocklist and everything blocked (services, unknown AI sites when they are blocked) compete by
//    Chrome's URLBlocklist precedence: the most specific filter wins, the allowlist wins exact ties. An allowlist
//    winner exempts the page from everything; a BLOCK winner blocks it.
// 2. Otherwise the page gets its service's action (or the unknown-AI action), made at least WARN when a blocklist
//    WARN entry won; a blocked service that lost to a more specific WARN entry is warned about, not blocked.
// 3. ACKNOWLEDGE needs a published guideline that asks for acknowledgement; without one it is a WARN.
import { decide, toTarget } from './url-filter.js';

/**
 * @typedef {import('./bundle.js').Action} Action
 * @typedef {import('./bundle.js').BundleService} BundleService
 * @typedef {import('./policy.js').CompiledPolicy} CompiledPolicy
 * @typedef {import('./policy.js').PolicyEntry} PolicyEntry
 *
 * @typedef {object} Decision
 * @property {Action} action
 * @property {'none' | 'allowlist' | 'blocklist' | 'service' | 'unknown'} source what decided it
 * @property {string} host
 * @property {BundleService} [service] the catalog service the page belongs to, if any
 * @property {string} [reason] the list entry's reason, when a list entry decided
 */

const STRENGTH = { ALLOW: 0, WARN: 1, ACKNOWLEDGE: 2, BLOCK: 3 };

/**
 * @param {CompiledPolicy} policy
 * @param {string | URL} url
 * @returns {Decision}
 */
export function decideUrl(policy, url) {
  let parsed;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { action: 'ALLOW', source: 'none', host: '' };
  }
  const host = parsed.hostname;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { action: 'ALLOW', source: 'none', host };

  const target = toTarget(parsed);
  const winner = decide(policy.contest, target);
  const service = decide(policy.services, target)?.service;
  const withService = service === undefined ? {} : { service };
  if (winner?.kind === 'ALLOW') return { action: 'ALLOW', source: 'allowlist', host, ...withService, ...reasonOf(winner) };
  if (winner?.kind === 'BLOCK') {
    const decidedService = winner.service === undefined ? withService : { service: winner.service };
    return { action: 'BLOCK', source: winner.origin, host, ...decidedService, ...reasonOf(winner) };
  }

  /** @type {Decision} */
  let decision = { action: 'ALLOW', source: 'none', host };
  if (service !== undefined) {
    decision = { action: service.action, source: 'service', host, service };
  } else if (decide(policy.unknown, target) !== null) {
    decision = { action: policy.bundle.defaults.unknownAiAction, source: 'unknown', host };
  }
  // Only a more specific WARN entry can have beaten a blocking one.
  if (decision.action === 'BLOCK') decision = { ...decision, action: 'WARN' };
  if (winner?.kind === 'WARN' && STRENGTH[decision.action] <= STRENGTH.WARN) {
    decision = { ...decision, action: 'WARN', source: 'blocklist', ...reasonOf(winner) };
  }
  const guidelines = policy.bundle.guidelines;
  if (decision.action === 'ACKNOWLEDGE' && !(guidelines !== null && guidelines.requireAcknowledgement)) {
    decision = { ...decision, action: 'WARN' };
  }
  return decision;
}

/** @param {PolicyEntry} entry */
function reasonOf(entry) {
  return entry.reason === undefined ? {} : { reason: entry.reason };
}
