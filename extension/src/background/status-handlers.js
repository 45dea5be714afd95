// The popup, the options page and the guidelines page.
import { canSync, MANAGED_KEYS } from '../lib/config.js';
import { decideUrl } from '../lib/decision.js';
import { messageFor } from '../lib/page-view.js';
import { acknowledgementDue } from '../lib/schedule.js';
import { loadConfig } from './config-source.js';
import { blockedPageUrl } from './enforcement.js';
import { flushEvents } from './event-log.js';
import { identityStatus, signInInteractively } from './identity.js';
import { currentPolicy } from './policy-store.js';
import { readLocal, writeLocal } from './storage.js';
import { requestSync } from './sync.js';

/** @param {{ url?: unknown }} message */
export async function getStatus(message) {
  const [config, policy, sync, queue, dropped, enforcement, acknowledgement, identity] = await Promise.all([
    loadConfig(),
    currentPolicy(),
    readLocal('sync'),
    readLocal('eventQueue'),
    readLocal('eventsDropped'),
    readLocal('enforcement'),
    readLocal('acknowledgement'),
    identityStatus(),
  ]);
  const guidelines = policy?.bundle.guidelines ?? null;
  return {
    configured: canSync(config),
    managed: config.managed,
    problems: config.problems,
    organization: policy?.bundle.organization.name ?? null,
    policyVersion: policy?.bundle.policyVersion ?? null,
    identity,
    groups: policy?.bundle.groups ?? [],
    sync,
    eventsQueued: queue.length,
    eventsDropped: dropped,
    enforcement,
    guidelines: guidelines && { version: guidelines.version, title: guidelines.title, due: acknowledgementDue(guidelines, acknowledgement ?? undefined, Date.now()) },
    page: policy === null || typeof message.url !== 'string' ? null : pageStatus(policy, message.url),
  };
}

/**
 * @param {import('../lib/policy.js').CompiledPolicy} policy
 * @param {string} tabUrl
 */
function pageStatus(policy, tabUrl) {
  const blocked = tabUrl.startsWith(`${blockedPageUrl()}#`);
  const url = blocked ? tabUrl.slice(blockedPageUrl().length + 1) : tabUrl;
  if (!/^https?:/.test(url)) return null;
  const decision = decideUrl(policy, url);
  const subject = decision.service?.name ?? decision.host;
  return {
    host: decision.host,
    subject,
    action: decision.action,
    source: decision.source,
    message: messageFor(decision, subject, policy.bundle.organization.name),
  };
}

export async function getGuidelines() {
  const [policy, acknowledgement] = await Promise.all([currentPolicy(), readLocal('acknowledgement')]);
  const guidelines = policy?.bundle.guidelines ?? null;
  return {
    organization: policy?.bundle.organization.name ?? null,
    guidelines,
    acknowledgement,
    due: acknowledgementDue(guidelines, acknowledgement ?? undefined, Date.now()),
  };
}

export function getIdentity() {
  return identityStatus();
}

export function signIn() {
  return signInInteractively();
}

export async function syncNow() {
  await requestSync('asked from the popup');
  await flushEvents({ force: true });
}

export async function getSettings() {
  const config = await loadConfig();
  const token = config.enrollmentToken;
  return {
    managed: config.managed,
    serverUrl: config.serverUrl,
    // The options page shows the token only when the person typed it there.
    enrollmentToken: config.managed ? (token === '' ? '' : `${token.slice(0, 10)}…`) : token,
    failMode: config.failMode,
    pinnedKeys: config.signingKeys.map((k) => k.kid),
    refreshSeconds: config.refreshSeconds,
    historyReminderDays: config.historyReminderDays,
    problems: config.problems,
  };
}

/** @param {{ settings?: unknown }} message */
export async function saveSettings(message) {
  const config = await loadConfig();
  if (config.managed) return { saved: false, reason: 'these settings are managed by your organization' };
  const input = /** @type {Record<string, unknown>} */ (message.settings ?? {});
  /** @type {Record<string, unknown>} */
  const settings = {};
  for (const key of MANAGED_KEYS) if (input[key] !== undefined && input[key] !== '') settings[key] = input[key];
  await writeLocal('unmanagedConfig', settings);
  void requestSync('settings saved');
  return { saved: true, problems: (await loadConfig()).problems };
}
