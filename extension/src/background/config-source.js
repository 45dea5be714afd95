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
 * storage.onChanged is not guaranteed for that first load. Polls for a short while, calling `arrived` once if managed
 * settings show up.
 * @param {() => void} arrived
 * @param {{ attempts?: number, intervalMs?: number }} [options]
 */
export async function watchForLateManagedConfig(arrived, { attempts = 15, intervalMs = 1000 } = {}) {
  const initial = await readManaged();
  if (Object.keys(initial).length > 0) return;
  for (let i = 0; i < attempts; i++) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    if (Object.keys(await readManaged()).length > 0) {
      arrived();
      return;
    }
  }
}
