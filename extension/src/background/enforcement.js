// Puts the current policy (or the fail mode, before there is one) into force: DNR rules and the page script.
import { BUILTIN_AI_HOSTS } from '../generated/builtin-hosts.js';
import { compileDnrRules } from '../lib/dnr-rules.js';
import { matchPatternsFor } from '../lib/match-patterns.js';
import { compileTenantRules } from '../lib/tenant-rules.js';
import { parseFilter } from '../lib/url-filter.js';
import { loadConfig } from './config-source.js';
import { registerPageScript } from './content-scripts.js';
import { missingHostAccess } from './host-access.js';
import { installRules, ruleLimits } from './dnr.js';
import { applyToOpenTabs } from './open-tabs.js';
import { noteOwnBlock } from './own-blocks.js';
import { currentPolicy } from './policy-store.js';
import { writeLocal } from './storage.js';

/** @type {Promise<void>} */
let chain = Promise.resolve();

/** Applies enforcement; calls run one after another, so two never interleave their DNR diffs. */
export function applyEnforcement() {
  chain = chain.then(apply, apply);
  return chain;
}

export function blockedPageUrl() {
  return chrome.runtime.getURL('pages/blocked.html');
}

/**
 * Sends a tab to the block page for `url`, noting that the extension did it (see own-blocks.js).
 * @param {number} tabId
 * @param {string} url
 */
export async function sendToBlockPage(tabId, url) {
  await noteOwnBlock(tabId, url);
  await chrome.tabs.update(tabId, { url: `${blockedPageUrl()}#${url}` });
}

async function apply() {
  const [policy, config] = await Promise.all([currentPolicy(), loadConfig()]);
  /** @type {import('../lib/dnr-rules.js').RuleSource[]} */
  let sources = [];
  if (policy !== null) sources = policy.contest;
  else if (config.failMode === 'closed') sources = failClosedSources();
  // Tenant restrictions first: they are few, and the navigation rules get what room is left.
  const tenant = compileTenantRules(policy?.bundle.tenantRestrictions);
  if (tenant.skipped.length > 0) console.warn('tenant restrictions left out', tenant.skipped);
  const limits = ruleLimits();
  const compiled = compileDnrRules(sources, {
    blockedPage: blockedPageUrl(),
    limits: {
      ...limits,
      maxRules: limits.maxRules - tenant.rules.length,
      maxUnsafeRules: limits.maxUnsafeRules - tenant.headerRules,
      maxRegexRules: limits.maxRegexRules - (tenant.rules.length - tenant.headerRules),
    },
  });
  if (compiled.skipped.length > 0) console.warn('patterns left out of the navigation rules', compiled.skipped);
  const rulesError = await installRules([...compiled.rules, ...tenant.rules]);

  let patterns = /** @type {string[]} */ ([]);
  if (policy !== null) {
    // BLOCK entries the rules could not hold, or hold only without an explicit port, are enforced by the page script.
    const skipped = new Set([...compiled.skipped.map((s) => s.pattern), ...compiled.afterLoad]);
    patterns = matchPatternsFor([
      ...policy.services.map((e) => e.filter),
      ...policy.unknown.map((e) => e.filter),
      // WARN entries are shown by the page script.
      ...policy.contest.filter((e) => e.kind === 'WARN' || (e.kind === 'BLOCK' && skipped.has(e.filter.pattern))).map((e) => e.filter),
    ]);
  }
  const scriptError = await registerPageScript(patterns);
  const error = [rulesError, scriptError].filter((e) => e !== null).join('; ');
  const hostAccess = sources.length > 0 || patterns.length > 0 ? await missingHostAccess(patterns) : null;
  if (hostAccess !== null) console.warn(hostAccess);
  await writeLocal('enforcement', {
    // The policy these rules and the page script were made from: what the heartbeat reports as in force.
    policyVersion: policy?.bundle.policyVersion ?? null,
    skipped: compiled.skipped,
    tenantRules: tenant.rules.length,
    ...(tenant.skipped.length === 0 ? {} : { tenantSkipped: tenant.skipped }),
    appliedAt: Date.now(),
    ...(error === '' ? {} : { error }),
    ...(hostAccess === null ? {} : { hostAccess }),
  });
  // Rules and registered scripts only reach new navigations; tabs already open get the policy now.
  if (policy !== null) await applyToOpenTabs(policy, patterns, sendToBlockPage);
}

/** Before the first policy, with failMode closed: the built-in catalog's AI hosts are blocked. */
function failClosedSources() {
  return BUILTIN_AI_HOSTS.map((host) => ({ filter: parseFilter(host), kind: /** @type {const} */ ('BLOCK') }));
}
