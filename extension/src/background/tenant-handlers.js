// A vendor's refusal of a personal account under a tenant restriction: the page script reports that its page was
// answered 403, and when the restriction in force for that host explains it, the tab goes to the block page, which
// says what happened. The host comes from the sender's own frame, never from the message.
import { recognizeRefusal, refusalExplanation } from '../lib/tenant-refusal.js';
import { blockedPageUrl } from './enforcement.js';
import { currentPolicy } from './policy-store.js';

/**
 * @param {{ status?: unknown }} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<{ refused: boolean }>}
 */
export async function reportTenantRefusal(message, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId !== 0 || sender.url === undefined || message.status !== 403) return { refused: false };
  const policy = await currentPolicy();
  const host = new URL(sender.url).hostname;
  const restriction = recognizeRefusal(policy?.bundle.tenantRestrictions, host, message.status);
  if (restriction === undefined) return { refused: false };
  await chrome.tabs.update(tabId, { url: `${blockedPageUrl()}#tenant=${encodeURIComponent(restriction.service)}&host=${encodeURIComponent(host)}` });
  return { refused: true };
}

/**
 * What the block page shows for a refusal.
 * @param {string} service
 * @param {string} host
 * @returns {Promise<import('./block-handlers.js').BlockInfo>}
 */
export async function tenantRefusalInfo(service, host) {
  const policy = await currentPolicy();
  const bundle = policy?.bundle;
  const name = bundle?.services.find((s) => s.key === service)?.name ?? service;
  const organization = bundle?.organization.name || undefined;
  const inForce = (bundle?.tenantRestrictions ?? []).some((r) => r.service === service);
  return {
    blocked: inForce,
    host,
    subject: name,
    tenantRefusal: true,
    message: refusalExplanation(name, organization),
    ...(organization === undefined ? {} : { organization }),
    hasGuidelines: (bundle?.guidelines ?? null) !== null,
    address: `https://${host}/`,
  };
}
