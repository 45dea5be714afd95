// The block page: says why a navigation was blocked. It learns the URL from its own fragment (put there by the
// redirect rule) and asks here; the decision is made again on the current policy. A urlFilter rule cannot carry the
// URL, so its fragment names the filter instead, and the page explains that filter's block.
import { BUILTIN_AI_HOSTS } from '../generated/builtin-hosts.js';
import { decideUrl } from '../lib/decision.js';
import { messageFor } from '../lib/page-view.js';
import { decide, parseFilter, toTarget } from '../lib/url-filter.js';
import { loadConfig } from './config-source.js';
import { recordEvent } from './event-log.js';
import { claimOwnBlock } from './own-blocks.js';
import { currentPolicy } from './policy-store.js';
import { tenantRefusalInfo } from './tenant-handlers.js';

/**
 * @typedef {object} BlockInfo
 * @property {boolean} blocked
 * @property {string} host
 * @property {string} [subject]
 * @property {string} [message]
 * @property {string} [organization]
 * @property {import('../lib/bundle.js').Alternative | null} [alternative]
 * @property {boolean} [hasGuidelines]
 * @property {string} [continueUrl] where to go when the page is not (or no longer) blocked
 * @property {string} [address] the address to offer when the page is no longer blocked, if not the fragment's
 * @property {boolean} [tenantRefusal] the vendor refused the account under a tenant restriction
 */

/**
 * @param {{ url?: unknown, filter?: unknown, tenant?: unknown, host?: unknown }} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<BlockInfo>}
 */
export async function getBlockInfo(message, sender) {
  if (typeof message.tenant === 'string') return tenantRefusalInfo(message.tenant, String(message.host ?? ''));
  if (typeof message.filter === 'string') return filterBlockInfo(message.filter, sender);
  let url;
  try {
    url = new URL(String(message.url));
  } catch {
    return { blocked: true, host: '', message: 'This page is blocked by your organization.' };
  }
  const host = url.hostname.replace(/\.$/, '');
  const policy = await currentPolicy();
  if (policy === null) return failClosedInfo(url, host);

  const decision = decideUrl(policy, url);
  if (decision.action !== 'BLOCK') {
    // Hosts with a trailing dot are sent here to be decided; without the dot the rules see them as they are.
    const continueUrl = url.hostname.endsWith('.') ? Object.assign(new URL(url), { hostname: host }).href : undefined;
    return { blocked: false, host, ...(continueUrl === undefined ? {} : { continueUrl }) };
  }
  return blockedInfo(policy, decision, host, url.href, sender);
}

/**
 * For a urlFilter rule's redirect: the block of the filter it names, if that filter still blocks.
 * @param {string} pattern
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<BlockInfo>}
 */
async function filterBlockInfo(pattern, sender) {
  let filter;
  try {
    filter = parseFilter(pattern);
  } catch {
    return { blocked: true, host: '', message: 'This page is blocked by your organization.' };
  }
  const host = filter.host;
  const address = `https://${host}${filter.path}`;
  const policy = await currentPolicy();
  if (policy === null) return failClosedInfo(new URL(address), host);
  const entry = policy.contest.find((e) => e.kind === 'BLOCK' && e.filter.pattern === pattern);
  if (entry === undefined) return { blocked: false, host, address };
  const service = entry.service ?? decide(policy.services, toTarget(new URL(address)))?.service;
  /** @type {import('../lib/decision.js').Decision} */
  const decision = { action: 'BLOCK', source: entry.origin, host, ...(service ? { service } : {}), ...(entry.reason ? { reason: entry.reason } : {}) };
  return blockedInfo(policy, decision, host, `filter=${pattern}`, sender);
}

/**
 * @param {import('../lib/policy.js').CompiledPolicy} policy
 * @param {import('../lib/decision.js').Decision} decision a BLOCK
 * @param {string} host
 * @param {string} claim what the block page shows, as noted when the extension sent the tab there
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<BlockInfo>}
 */
async function blockedInfo(policy, decision, host, claim, sender) {
  // Only a block the extension caused is a `blocked` event; any page can open the block page itself.
  if (await claimOwnBlock(sender.tab?.id, claim)) {
    await recordEvent({ type: 'blocked', host, action: 'BLOCK', ...(decision.service ? { serviceKey: decision.service.key } : {}) });
  }
  const subject = decision.service?.name ?? host;
  return {
    blocked: true,
    host,
    subject,
    message: messageFor(decision, subject, policy.bundle.organization.name),
    organization: policy.bundle.organization.name,
    alternative: decision.service?.alternative ?? null,
    hasGuidelines: policy.bundle.guidelines !== null,
  };
}

/**
 * @param {URL} url
 * @param {string} host
 * @returns {Promise<BlockInfo>}
 */
async function failClosedInfo(url, host) {
  const config = await loadConfig();
  const entries = BUILTIN_AI_HOSTS.map((h) => ({ filter: parseFilter(h), kind: /** @type {const} */ ('BLOCK') }));
  if (config.failMode !== 'closed' || decide(entries, url) === null) return { blocked: false, host };
  return {
    blocked: true,
    host,
    subject: host,
    message: 'AI sites are blocked until this browser has received your organization’s policy. Try again in a minute.',
    alternative: null,
    hasGuidelines: false,
  };
}
