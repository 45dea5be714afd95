// The one module that reads and writes extension storage. storage.local outlives the browser session (the last good
// policy, the event queue, acknowledgements); storage.session lives until the browser closes (dismissed warnings,
// what was already reported this session). Writes to one key are serialized, so concurrent handlers never lose an
// update between a read and a write.

/**
 * @typedef {object} StoredPolicy
 * @property {string} body the exact bundle text whose signature verified
 * @property {string} signature the X-Promptgate-Signature it came with, verified again whenever it is loaded
 * @property {string} etag
 * @property {string} serverUrl the server it came from
 * @property {number} receivedAt
 *
 * @typedef {import('../lib/policy-floor.js').PolicyFloor} PolicyFloor
 *
 * @typedef {object} SyncState
 * @property {number} [lastAttemptAt]
 * @property {number} [lastSuccessAt]
 * @property {string} [lastError]
 * @property {number} failures
 *
 * @typedef {object} SendState
 * @property {number} failures
 * @property {number} [notBefore] no automatic attempt before this time
 * @property {number} [lastSentAt]
 * @property {string} [lastError]
 * @property {number} batchSize
 *
 * @typedef {object} LocalData
 * @property {string} deviceId
 * @property {Record<string, unknown>} unmanagedConfig
 * @property {StoredPolicy | null} policy
 * @property {PolicyFloor | null} policyFloor
 * @property {import('../lib/signature.js').PublicJwk[]} pinnedKeys
 * @property {SyncState} sync
 * @property {import('../lib/client-events.js').ClientEvent[]} eventQueue
 * @property {number} eventsDropped
 * @property {SendState} eventSending
 * @property {import('../lib/schedule.js').Acknowledgement | null} acknowledgement
 * @property {Record<string, import('../lib/schedule.js').ReminderState>} reminders
 * @property {{ policyVersion?: string | null, skipped: import('../lib/dnr-rules.js').Skipped[], tenantRules?: number, tenantSkipped?: import('../lib/tenant-rules.js').SkippedRestriction[], error?: string, hostAccess?: string, appliedAt?: number }} enforcement
 *
 * @typedef {object} SessionData
 * @property {Record<string, true>} dismissed warnings dismissed, by service key or host
 * @property {Record<string, number>} reported when an event was last reported, by type and key
 * @property {Record<string, number>} ownBlocks tabs and frames the extension sent to the block page, by 'tabId url'
 * @property {Record<string, number>} claimedMatches redirect-rule matches already recorded as blocks
 * @property {import('../lib/oidc-flow.js').OidcSession | null} oidcSession the signed-in person's tokens (identity oidc)
 * @property {string} policySession the server's policy session handle for the signed-in person's token, '' when none
 * @property {boolean} signInAsked whether the sign-in page was opened this browser session
 * @property {number} silentSignInAfter no silent sign-in before this time (the provider said it needs the person)
 * @property {string} heartbeatSent what the last heartbeat the server accepted said (see heartbeat.js)
 * @property {{ version: string, at: number, status: string } | null} updateCheck the last update check asked for (see updates.js)
 */

import { MAX_BATCH_SIZE } from '../lib/client-events.js';

/** @type {{ [K in keyof LocalData]: () => LocalData[K] }} */
const LOCAL_DEFAULTS = {
  deviceId: () => crypto.randomUUID(),
  unmanagedConfig: () => ({}),
  policy: () => null,
  policyFloor: () => null,
  pinnedKeys: () => [],
  sync: () => ({ failures: 0 }),
  eventQueue: () => [],
  eventsDropped: () => 0,
  eventSending: () => ({ failures: 0, batchSize: MAX_BATCH_SIZE }),
  acknowledgement: () => null,
  reminders: () => ({}),
  enforcement: () => ({ skipped: [] }),
};
/** @type {{ [K in keyof SessionData]: () => SessionData[K] }} */
const SESSION_DEFAULTS = {
  dismissed: () => ({}),
  reported: () => ({}),
  ownBlocks: () => ({}),
  claimedMatches: () => ({}),
  oidcSession: () => null,
  policySession: () => '',
  signInAsked: () => false,
  silentSignInAfter: () => 0,
  heartbeatSent: () => '',
  updateCheck: () => null,
};

/** @type {Map<string, Promise<unknown>>} */
const writeChains = new Map();

/**
 * @template {keyof LocalData} K
 * @param {K} key
 * @returns {Promise<LocalData[K]>}
 */
export async function readLocal(key) {
  const stored = await chrome.storage.local.get(key);
  if (stored[key] !== undefined) return /** @type {LocalData[K]} */ (stored[key]);
  // A device id is made once and kept; every other default is only a value to start from.
  if (key === 'deviceId') return /** @type {Promise<LocalData[K]>} */ (createDeviceId());
  return LOCAL_DEFAULTS[key]();
}

function createDeviceId() {
  return serialize('local:deviceId', async () => {
    const { deviceId } = await chrome.storage.local.get('deviceId');
    if (typeof deviceId === 'string') return deviceId;
    const created = LOCAL_DEFAULTS.deviceId();
    await chrome.storage.local.set({ deviceId: created });
    return created;
  });
}

/**
 * @template {keyof LocalData} K
 * @param {K} key
 * @param {LocalData[K]} value
 */
export function writeLocal(key, value) {
  return updateLocal(key, () => value);
}

/**
 * Reads, changes and writes one key, after any earlier update of the same key.
 * @template {keyof LocalData} K
 * @param {K} key
 * @param {(value: LocalData[K]) => LocalData[K]} change
 * @returns {Promise<LocalData[K]>} the new value
 */
export function updateLocal(key, change) {
  return serialize(`local:${key}`, async () => {
    const next = change(await readLocal(key));
    await chrome.storage.local.set({ [key]: next });
    return next;
  });
}

/**
 * @template {keyof SessionData} K
 * @param {K} key
 * @returns {Promise<SessionData[K]>}
 */
export async function readSession(key) {
  const stored = await chrome.storage.session.get(key);
  return /** @type {SessionData[K]} */ (stored[key] ?? SESSION_DEFAULTS[key]());
}

/**
 * @template {keyof SessionData} K
 * @param {K} key
 * @param {(value: SessionData[K]) => SessionData[K]} change
 * @returns {Promise<SessionData[K]>}
 */
export function updateSession(key, change) {
  return serialize(`session:${key}`, async () => {
    const next = change(await readSession(key));
    await chrome.storage.session.set({ [key]: next });
    return next;
  });
}

/** @returns {Promise<Record<string, unknown>>} */
export async function readManaged() {
  try {
    return await chrome.storage.managed.get(null);
  } catch (error) {
    console.warn('storage.managed.get failed', error);
    return {};
  }
}

/**
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} task
 * @returns {Promise<T>}
 */
function serialize(name, task) {
  const previous = writeChains.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  writeChains.set(name, run.catch(() => undefined));
  return run;
}
