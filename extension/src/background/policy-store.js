// The policy being enforced: the last good bundle kept in storage.local with its signature. It is verified again and
// compiled once per service-worker life and held in memory; a change to the stored value (by sync, or by anyone who
// edits the profile's storage) drops the copy in memory, and the next read verifies the stored bundle again. A stored
// bundle that does not verify, or is older than one already enforced, is dropped with its ETag, and a fresh one is
// fetched (see docs/adr/0010-enforcement-without-gaps.md).
import { parseBundle } from '../lib/bundle.js';
import { compilePolicy } from '../lib/policy.js';
import { isOlderThanFloor, newerFloor } from '../lib/policy-floor.js';
import { verifyDetachedJws } from '../lib/signature.js';
import { loadConfig } from './config-source.js';
import { trustedKeys } from './signing-keys.js';
import { readLocal, updateLocal, writeLocal } from './storage.js';

/** @typedef {import('../lib/policy.js').CompiledPolicy} CompiledPolicy */

/** @type {Promise<CompiledPolicy | null> | null} */
let loaded = null;
/** @type {() => void} */
let onRefused = () => undefined;

// Registered while the worker starts, so that Chrome can wake the worker for it.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !('policy' in changes)) return;
  loaded = null;
  // Check an edited value now rather than at the next page view, so that it is replaced at once.
  if (changes.policy.newValue !== undefined && changes.policy.newValue !== null) void currentPolicy();
});

/**
 * Keeps a new verified bundle and drops the compiled copy at once, so that the next {@link currentPolicy} reads it.
 * storage.onChanged alone is too late for the caller: Firefox fires it only after the write has resolved, and an
 * enforcement applied right after the write would still get the previous policy (none, on a first install).
 * @param {import('./storage.js').StoredPolicy} policy
 */
export async function storePolicy(policy) {
  await writeLocal('policy', policy);
  loaded = null;
}

/**
 * What to do when a stored bundle was refused (the service worker asks for a fresh one).
 * @param {() => void} callback
 */
export function whenStoredPolicyRefused(callback) {
  onRefused = callback;
}

/**
 * @returns {Promise<CompiledPolicy | null>} null when there is no usable policy
 */
export function currentPolicy() {
  loaded ??= load().catch((error) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

async function load() {
  const stored = await readLocal('policy');
  if (stored === null) return null;
  const refusal = await check(stored);
  if (refusal !== null) {
    console.error('the stored policy was refused and is fetched again:', refusal);
    // Only if nobody replaced it meanwhile.
    await updateLocal('policy', (current) => (current?.body === stored.body && current.signature === stored.signature ? null : current));
    onRefused();
    return null;
  }
  const parsed = parseBundle(stored.body);
  if (!parsed.ok) {
    // Only verified, valid bundles are stored; an older extension reading a newer bundle lands here.
    console.error('the stored policy cannot be read', parsed.reason);
    return null;
  }
  await updateLocal('policyFloor', (floor) => newerFloor(floor, stored.serverUrl, parsed.bundle.issuedAt));
  return compilePolicy(parsed.bundle);
}

/**
 * Why the stored bundle cannot be enforced, or null.
 * @param {import('./storage.js').StoredPolicy} stored
 * @returns {Promise<string | null>}
 */
async function check(stored) {
  if (typeof stored.body !== 'string' || typeof stored.signature !== 'string') return 'it has no signature';
  const config = await loadConfig();
  const keys = await trustedKeys(config, { refresh: false });
  const signature = await verifyDetachedJws(stored.signature, new TextEncoder().encode(stored.body), keys);
  if (!signature.ok) return `its signature was refused: ${signature.reason}`;
  const parsed = parseBundle(stored.body);
  if (parsed.ok && isOlderThanFloor(await readLocal('policyFloor'), stored.serverUrl, parsed.bundle.issuedAt)) {
    return 'it is older than a policy already enforced';
  }
  return null;
}
