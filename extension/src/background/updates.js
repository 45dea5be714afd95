// Keeps a managed fleet on the version the server offers. Every policy answer names it (X-Promptgate-Extension-Version);
// when it is higher than the running version, the browser is asked to check the extension's update URL now instead
// of at its own schedule (Chromium: every five hours), and once the update is downloaded the extension restarts into
// it. Chromium allows an extension one such check per five hours or so unless an update was installed since
// (requestUpdateCheck answers "throttled" otherwise), so it is asked once per offered version and browser session,
// and again after an hour at the earliest. See docs/adr/0029-fleet-updates-and-pinned-signing-keys.md.
import { isNewerVersion } from '../lib/extension-version.js';
import { updateSession } from './storage.js';

export const OFFERED_VERSION_HEADER = 'X-Promptgate-Extension-Version';
const ASK_AGAIN_AFTER_MS = 60 * 60 * 1000;

/**
 * Asks the browser for the update if the server offers a higher version than this one.
 * @param {string | null} offered the header's value
 */
export async function noteOfferedVersion(offered) {
  const running = chrome.runtime.getManifest().version;
  if (!isNewerVersion(offered, running)) return;
  // Firefox has no requestUpdateCheck: it updates add-ons from their update_url on its own schedule.
  const runtime = /** @type {{ requestUpdateCheck?: () => Promise<{ status: string, version?: string }> }} */ (
    /** @type {unknown} */ (chrome.runtime)
  );
  if (typeof runtime.requestUpdateCheck !== 'function') return;
  const now = Date.now();
  let ask = false;
  await updateSession('updateCheck', (last) => {
    ask = last === null || last.version !== offered || now - last.at >= ASK_AGAIN_AFTER_MS;
    return ask ? { version: /** @type {string} */ (offered), at: now, status: 'asked' } : last;
  });
  if (!ask) return;
  try {
    const result = await runtime.requestUpdateCheck();
    console.info(`running ${running}, the server offers ${offered}: update check ${result.status}`);
    await updateSession('updateCheck', (last) => (last === null ? last : { ...last, status: result.status }));
  } catch (error) {
    console.warn('requesting an update check failed', error);
  }
}

/**
 * Chromium downloaded an update but waits for the extension to go idle before installing it: restart into it now.
 * The rules and the policy in force are kept across the restart, and onInstalled (reason "update") puts them in force
 * again before anything else.
 * @param {{ version: string }} details
 */
export function installUpdate(details) {
  console.info(`version ${details.version} is downloaded; restarting into it`);
  chrome.runtime.reload();
}

