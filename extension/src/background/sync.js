// Fetches the policy: on install, on browser start, when the managed settings change and on the refresh alarm.
// A bundle is kept and enforced only if its signature verifies against a trusted key and it matches the schema;
// until a good one arrives, the last good bundle stays in force.
import { backoffSeconds } from '../lib/backoff.js';
import { parseBundle } from '../lib/bundle.js';
import { canSync } from '../lib/config.js';
import { verifyDetachedJws } from '../lib/signature.js';
import { loadConfig } from './config-source.js';
import { isOlderThanFloor } from '../lib/policy-floor.js';
import { currentPolicy, storePolicy } from './policy-store.js';
import { applyEnforcement } from './enforcement.js';
import { flushEvents, recordEvent } from './event-log.js';
import { reportHealth } from './heartbeat.js';
import { dropPolicySession, forgetSession, identityHeaders, notePolicySession, policyIdentity, SESSION_HEADER, USER_TOKEN_HEADER } from './identity.js';
import { forgetPinnedKeys, trustedKeys } from './signing-keys.js';
import { readLocal, updateLocal } from './storage.js';
import { noteOfferedVersion, OFFERED_VERSION_HEADER } from './updates.js';

export const SYNC_ALARM = 'sync';

/** @type {Promise<void> | null} */
let running = null;
let again = false;

/**
 * Syncs now, or once more right after the sync already running.
 * @param {string} reason
 * @returns {Promise<void>}
 */
export function requestSync(reason) {
  if (running !== null) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await syncOnce(reason);
    } while (again);
    // The policy, the rules in force or the sync state may have changed: the server hears of it (if anything did).
    void reportHealth();
  })().finally(() => {
    running = null;
  });
  return running;
}

/** @param {string} reason */
async function syncOnce(reason) {
  const config = await loadConfig();
  if (!canSync(config)) {
    await chrome.alarms.clear(SYNC_ALARM);
    await updateLocal('sync', (s) => ({ ...s, lastError: config.problems.join('; ') }));
    await applyEnforcement();
    return;
  }
  await updateLocal('sync', (s) => ({ ...s, lastAttemptAt: Date.now() }));
  const identity = await identityHeaders(config);
  if (identity === null && config.failMode === 'closed') {
    // Until the person is known, failMode closed keeps what is in force (before any policy: the catalog blocked).
    await updateLocal('sync', (s) => ({ ...s, lastError: 'waiting for the person to sign in' }));
    await applyEnforcement();
    return;
  }
  try {
    await fetchPolicy(config, identity ?? {});
    await updateLocal('sync', (s) => ({ failures: 0, lastAttemptAt: s.lastAttemptAt, lastSuccessAt: Date.now() }));
    const refreshSeconds = config.refreshSeconds ?? (await currentPolicy())?.bundle.refreshSeconds ?? 300;
    await chrome.alarms.create(SYNC_ALARM, { delayInMinutes: refreshSeconds / 60, periodInMinutes: refreshSeconds / 60 });
    void flushEvents();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const state = await updateLocal('sync', (s) => ({ ...s, failures: s.failures + 1, lastError: message }));
    const wait = backoffSeconds(state.failures);
    console.warn(`policy sync (${reason}) failed; next attempt in ${wait} s:`, message);
    await chrome.alarms.create(SYNC_ALARM, { delayInMinutes: wait / 60 });
  }
}

/**
 * Fetches, checks and keeps a new bundle, and puts it into force when it changed.
 * @param {import('../lib/config.js').ExtensionConfig} config
 * @param {Record<string, string>} identity headers that say who the person is
 */
async function fetchPolicy(config, identity) {
  // Verifies what is stored (and drops it if it does not verify) before its ETag is offered.
  await currentPolicy();
  const stored = await readLocal('policy');
  if (stored !== null && stored.serverUrl !== config.serverUrl && config.signingKeys.length === 0) await forgetPinnedKeys();
  const etag = stored !== null && stored.serverUrl === config.serverUrl ? stored.etag : '';
  let sent = await policyIdentity(identity);
  let response = await requestPolicy(config, sent, etag);
  if (response.status === 401 && SESSION_HEADER in sent) {
    // The handle no longer holds (expired, or the policy or directory changed): the token, once, gets a new one.
    await dropPolicySession();
    sent = identity;
    response = await requestPolicy(config, sent, etag);
  }
  if (response.ok || response.status === 304) {
    void noteOfferedVersion(response.headers.get(OFFERED_VERSION_HEADER)).catch((error) => console.warn('update check failed', error));
    await notePolicySession(sent, response.headers.get(SESSION_HEADER));
  }
  if (response.status === 304) return;
  if (response.status === 401 && USER_TOKEN_HEADER in sent) {
    // An expired or revoked sign-in: the next attempt renews it.
    await forgetSession();
    throw new Error('the server refused the sign-in token (HTTP 401)');
  }
  if (response.status === 401 || response.status === 403) throw new Error(`the server refused the enrollment token (HTTP ${response.status})`);
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);

  const body = new Uint8Array(await response.arrayBuffer());
  const signature = response.headers.get('X-Promptgate-Signature');
  let keys = await trustedKeys(config, { refresh: false });
  let check = await verifyDetachedJws(signature, body, keys);
  if (!check.ok && check.kid !== undefined && !keys.some((k) => k.kid === check.kid) && config.signingKeys.length === 0) {
    keys = await trustedKeys(config, { refresh: true });
    check = await verifyDetachedJws(signature, body, keys);
  }
  if (!check.ok) throw new Error(`the policy signature was refused: ${check.reason}`);
  const parsed = parseBundle(body);
  if (!parsed.ok) throw new Error(`the policy was refused: ${parsed.reason}`);
  // A replayed older bundle is signed too; what it must not do is undo a newer one.
  if (isOlderThanFloor(await readLocal('policyFloor'), config.serverUrl, parsed.bundle.issuedAt)) {
    throw new Error(`the policy was refused: it was issued at ${parsed.bundle.issuedAt}, before the policy in force`);
  }

  const text = new TextDecoder().decode(body);
  const changed = stored?.body !== text;
  await storePolicy({
    body: text,
    signature: /** @type {string} */ (signature),
    etag: response.headers.get('ETag') ?? '',
    serverUrl: config.serverUrl,
    receivedAt: Date.now(),
  });
  if (changed) {
    await applyEnforcement();
    await recordEvent({ type: 'policy_applied' });
  }
}

/**
 * @param {import('../lib/config.js').ExtensionConfig} config
 * @param {Record<string, string>} identity the identity headers to send
 * @param {string} etag the stored bundle's ETag, '' for none
 */
function requestPolicy(config, identity, etag) {
  /** @type {Record<string, string>} */
  const headers = { ...identity, Authorization: `Bearer ${config.enrollmentToken}`, Accept: 'application/json' };
  if (etag !== '') headers['If-None-Match'] = etag;
  return fetch(`${config.serverUrl}/api/v1/client/policy`, { headers, cache: 'no-store', credentials: 'omit' });
}
