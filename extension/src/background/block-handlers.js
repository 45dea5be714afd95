// The block page: says why a navigation was blocked. It learns the URL from its own fragment (put there by the
// redirect rule) and asks here; the decision is made again on the current policy.
import { BUILTIN_AI_HOSTS } from '../generated/builtin-hosts.js';
import { decideUrl } from '../lib/decision.js';
import { messageFor } from '../lib/page-view.js';
import { decide, parseFilter } from '../lib/url-filter.js';
import { loadConfig } from './config-source.js';
import { recordEvent } from './event-log.js';
import { claimOwnBlock } from './own-blocks.js';
import { currentPolicy } from './policy-store.js';

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
 */

/**
 * @param {{ url?: unknown }} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<BlockInfo>}
 */
export async function getBlockInfo(message, sender) {
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
  // Only a block the extension caused is a `blocked` event; any page can open the block page itself.
  if (await claimOwnBlock(sender.tab?.id, url.href)) {
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
