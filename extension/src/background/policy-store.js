// The policy being enforced: the last good bundle kept in storage.local, compiled once per service-worker life.
import { parseBundle } from '../lib/bundle.js';
import { compilePolicy } from '../lib/policy.js';
import { readLocal } from './storage.js';

/** @type {{ body: string, policy: import('../lib/policy.js').CompiledPolicy } | null} */
let cache = null;

/**
 * @returns {Promise<import('../lib/policy.js').CompiledPolicy | null>} null when no policy was ever received
 */
export async function currentPolicy() {
  const stored = await readLocal('policy');
  if (stored === null) return null;
  if (cache?.body === stored.body) return cache.policy;
  const parsed = parseBundle(stored.body);
  if (!parsed.ok) {
    // Only verified, valid bundles are stored; an older extension reading a newer bundle lands here.
    console.error('the stored policy cannot be read', parsed.reason);
    return null;
  }
  cache = { body: stored.body, policy: compilePolicy(parsed.bundle) };
  return cache.policy;
}
