// Reports this browser's enforcement health to POST /api/v1/client/heartbeat: right after the policy, the rules in
// force or the sync state changed, and otherwise once an hour (chrome.alarms). A report that fails waits for the
// next change or the next hour; nothing queues up.
import { canSync } from '../lib/config.js';
import { RULE_ID_RANGES } from '../lib/dnr-rules.js';
import { detectBrowser, HEARTBEAT_PERIOD_MINUTES, heartbeatKey, makeHeartbeat } from '../lib/heartbeat.js';
import { loadConfig } from './config-source.js';
import { identityHeaders } from './identity.js';
import { readLocal, readSession, updateSession } from './storage.js';

export const HEARTBEAT_ALARM = 'heartbeat';

/** @type {Promise<void>} */
let chain = Promise.resolve();

/**
 * Sends a report if anything in it changed since the last one sent (or always, for the hourly alarm).
 * Calls run one after another.
 * @param {{ always?: boolean }} [options]
 */
export function reportHealth({ always = false } = {}) {
  const run = () => send(always).catch((error) => console.warn('sending the heartbeat failed', error));
  chain = chain.then(run, run);
  return chain;
}

/** Keeps the hourly alarm; an existing one is left alone so that a restarting worker does not push it back. */
export async function scheduleHeartbeat() {
  if ((await chrome.alarms.get(HEARTBEAT_ALARM)) !== undefined) return;
  await chrome.alarms.create(HEARTBEAT_ALARM, { delayInMinutes: HEARTBEAT_PERIOD_MINUTES, periodInMinutes: HEARTBEAT_PERIOD_MINUTES });
}

/** @param {boolean} always */
async function send(always) {
  const config = await loadConfig();
  if (!canSync(config)) return;
  const heartbeat = await currentHeartbeat(config);
  const key = heartbeatKey(heartbeat);
  if (!always && (await readSession('heartbeatSent')) === key) return;
  const identity = (await identityHeaders(config)) ?? {};
  const response = await fetch(`${config.serverUrl}/api/v1/client/heartbeat`, {
    method: 'POST',
    headers: { ...identity, Authorization: `Bearer ${config.enrollmentToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(heartbeat),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) {
    console.warn(`the server refused the heartbeat (HTTP ${response.status})`);
    return;
  }
  await updateSession('heartbeatSent', () => key);
}

/** @param {import('../lib/config.js').ExtensionConfig} config */
async function currentHeartbeat(config) {
  const [deviceId, enforcement, sync, rules, browser] = await Promise.all([
    readLocal('deviceId'),
    readLocal('enforcement'),
    readLocal('sync'),
    chrome.declarativeNetRequest.getDynamicRules(),
    browserInfo(),
  ]);
  const tenant = RULE_ID_RANGES.tenant;
  return makeHeartbeat({
    deviceId,
    extensionVersion: chrome.runtime.getManifest().version,
    browser,
    identityMode: config.identity,
    // The policy the rules and the page script in force were made from, not merely the one stored.
    policyVersion: enforcement.policyVersion ?? null,
    enforcement,
    sync,
    // In force: what the browser holds, not what was compiled.
    tenantRestrictionRules: rules.filter((r) => r.id >= tenant.first && r.id <= tenant.last && r.action.type === 'modifyHeaders').length,
  });
}

async function browserInfo() {
  const runtime = /** @type {{ getBrowserInfo?: () => Promise<{ name: string, version: string }> }} */ (/** @type {unknown} */ (chrome.runtime));
  const firefox = typeof runtime.getBrowserInfo === 'function' ? await runtime.getBrowserInfo() : undefined;
  const agent = /** @type {{ userAgentData?: { brands: { brand: string, version: string }[] } }} */ (/** @type {unknown} */ (navigator));
  return detectBrowser({ userAgent: navigator.userAgent, brands: agent.userAgentData?.brands ?? [], ...(firefox === undefined ? {} : { firefox }) });
}
