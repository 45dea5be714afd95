// Where the settings come from: enterprise policy (chrome.storage.managed), else the options page.
import { readConfig } from '../lib/config.js';
import { readLocal, readManaged } from './storage.js';

/** @returns {Promise<import('../lib/config.js').ExtensionConfig>} */
export async function loadConfig() {
  const [managed, unmanaged] = await Promise.all([readManaged(), readLocal('unmanagedConfig')]);
  return readConfig(managed, unmanaged);
}

/**
 * At browser start Chrome may hand out an empty managed storage for a few seconds before the policy arrives, and
 * storage.onChanged is not guaranteed for that first load. Polls for a short while and calls `changed` once if the
 * managed settings differ from `baseline` (what they were before enforcement started reading them).
 * @param {string} baseline JSON of the managed settings
 * @param {() => void} changed
 * @param {{ attempts?: number, intervalMs?: number }} [options]
 */
export async function watchManagedConfig(baseline, changed, { attempts = 15, intervalMs = 1000 } = {}) {
  for (let i = 0; i < attempts; i++) {
    if (JSON.stringify(await readManaged()) !== baseline) {
      changed();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export { readManaged };
