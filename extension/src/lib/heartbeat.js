// The enforcement-health report the extension sends to POST /api/v1/client/heartbeat: versions, the policy in force,
// what could not be applied and why, the last sync error. Nothing about the person or the pages they visit (the
// skipped patterns are the admin's own policy text). The limits are the server's (client/device/Heartbeat.java).

/** @typedef {import('./config.js').IdentityMode} IdentityMode */

export const MAX_SKIPPED = 50;
const MAX_PATTERN = 500;
const MAX_REASON = 200;
const MAX_SYNC_ERROR = 300;
/** The server keeps the newest report; this is how often one is sent when nothing changed. */
export const HEARTBEAT_PERIOD_MINUTES = 60;

/**
 * @typedef {object} Heartbeat
 * @property {string} deviceId
 * @property {string} extensionVersion
 * @property {'chrome' | 'edge' | 'chromium' | 'firefox' | 'other'} browser
 * @property {string} browserVersion
 * @property {IdentityMode} identityMode
 * @property {string} [policyVersion]
 * @property {number} skippedCount
 * @property {{ pattern: string, reason: string }[]} skipped
 * @property {number} tenantRestrictionRules
 * @property {string} [lastSyncError]
 * @property {string} [lastSyncAt]
 *
 * @typedef {object} HeartbeatFacts
 * @property {string} deviceId
 * @property {string} extensionVersion
 * @property {{ browser: Heartbeat['browser'], version: string }} browser
 * @property {IdentityMode} identityMode
 * @property {string | null} policyVersion
 * @property {{ skipped: { pattern: string, reason: string }[], tenantSkipped?: { service: string, reason: string }[], error?: string, hostAccess?: string }} enforcement
 * @property {{ lastError?: string, lastSuccessAt?: number }} sync
 * @property {number} tenantRestrictionRules modifyHeaders rules in the browser's tenant-restriction range
 */

/**
 * @param {HeartbeatFacts} facts
 * @returns {Heartbeat}
 */
export function makeHeartbeat(facts) {
  const skipped = [
    ...facts.enforcement.skipped,
    ...(facts.enforcement.tenantSkipped ?? []).map((s) => ({ pattern: `tenant restriction of ${s.service}`, reason: s.reason })),
  ];
  // The browser's own refusal of the rules (a failed update) counts as a problem of its own.
  const refusal = facts.enforcement.error === undefined ? [] : [{ pattern: '(rule update)', reason: facts.enforcement.error }];
  // So does a browser that withholds access to the sites: then nothing at all is enforced there.
  const access = facts.enforcement.hostAccess === undefined ? [] : [{ pattern: '(site access)', reason: facts.enforcement.hostAccess }];
  const all = [...access, ...refusal, ...skipped];
  const syncError = facts.sync.lastError ?? '';
  return {
    deviceId: facts.deviceId,
    extensionVersion: facts.extensionVersion,
    browser: facts.browser.browser,
    browserVersion: facts.browser.version,
    identityMode: facts.identityMode,
    ...(facts.policyVersion === null ? {} : { policyVersion: facts.policyVersion }),
    skippedCount: all.length,
    skipped: all.slice(0, MAX_SKIPPED).map((s) => ({ pattern: clip(s.pattern, MAX_PATTERN), reason: clip(s.reason, MAX_REASON) })),
    tenantRestrictionRules: facts.tenantRestrictionRules,
    ...(syncError === '' ? {} : { lastSyncError: clip(syncError, MAX_SYNC_ERROR) }),
    ...(facts.sync.lastSuccessAt === undefined ? {} : { lastSyncAt: new Date(facts.sync.lastSuccessAt).toISOString() }),
  };
}

/**
 * What changed since the last report decides whether to send now: everything but the time of the last sync.
 * @param {Heartbeat} heartbeat
 */
export function heartbeatKey(heartbeat) {
  return JSON.stringify({ ...heartbeat, lastSyncAt: undefined });
}

/**
 * The browser and its version, from what the browser says of itself.
 * @param {{ userAgent: string, brands?: { brand: string, version: string }[], firefox?: { name: string, version: string } }} source
 * @returns {{ browser: Heartbeat['browser'], version: string }}
 */
export function detectBrowser({ userAgent, brands = [], firefox }) {
  if (firefox !== undefined) return { browser: 'firefox', version: versionOf(firefox.version) };
  const ua = (/** @type {RegExp} */ re) => versionOf(re.exec(userAgent)?.[1] ?? '');
  if (/Firefox\//.test(userAgent)) return { browser: 'firefox', version: ua(/Firefox\/([0-9.]+)/) };
  const brand = (/** @type {string} */ name) => brands.find((b) => b.brand === name);
  const chromeVersion = ua(/Chrome\/([0-9.]+)/);
  const edge = brand('Microsoft Edge');
  if (edge !== undefined || /Edg\//.test(userAgent)) return { browser: 'edge', version: ua(/Edg\/([0-9.]+)/) || versionOf(edge?.version ?? '') };
  if (brand('Google Chrome') !== undefined) return { browser: 'chrome', version: chromeVersion };
  if (brand('Chromium') !== undefined || /Chrome\//.test(userAgent)) return { browser: 'chromium', version: chromeVersion };
  return { browser: 'other', version: '0' };
}

/** @param {string} text */
function versionOf(text) {
  const match = /^[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}/.exec(text);
  return match === null ? '0' : match[0];
}

/**
 * @param {string} text
 * @param {number} max
 */
function clip(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
