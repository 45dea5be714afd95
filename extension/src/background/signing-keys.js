// The keys a bundle signature must verify against: the admin's pinned keys, or the server's JWKS pinned on first use
// (and rotated only to keys a pinned key endorsed).
import { nextPinnedKeys, signingKeysOf } from '../lib/signature.js';
import { readLocal, writeLocal } from './storage.js';

/**
 * @param {import('../lib/config.js').ExtensionConfig} config
 * @param {{ refresh: boolean }} options refresh: fetch the JWKS again (a bundle named a key not pinned yet)
 * @returns {Promise<import('../lib/signature.js').PublicJwk[]>}
 */
export async function trustedKeys(config, { refresh }) {
  if (config.signingKeys.length > 0) return config.signingKeys;
  const pinned = await readLocal('pinnedKeys');
  if (pinned.length > 0 && !refresh) return pinned;
  const response = await fetch(`${config.serverUrl}/api/v1/client/jwks`, { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`the server's keys could not be fetched (HTTP ${response.status})`);
  const next = await nextPinnedKeys(pinned, signingKeysOf(await response.json()));
  if (next === null) {
    console.warn('the server published no signing key endorsed by a pinned one; keeping the pinned keys');
    return pinned;
  }
  await writeLocal('pinnedKeys', next);
  return next;
}

/** Forgets keys pinned on first use, when the extension is pointed at another server. */
export function forgetPinnedKeys() {
  return writeLocal('pinnedKeys', []);
}
