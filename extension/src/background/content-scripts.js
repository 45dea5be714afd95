// Registers the page UI content script for the hosts the policy names, so a new service or host needs no release.
const SCRIPT_ID = 'promptgate-page-ui';
// What Chrome accepts as a match pattern for these hosts; anything else would fail the whole registration.
const VALID_PATTERN = /^(?:\*|https?):\/\/(?:\*|(?:\*\.)?[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])\/\*$/;

/**
 * @param {string[]} patterns match patterns; none unregisters the script
 * @returns {Promise<string | null>} what went wrong, or null
 */
export async function registerPageScript(patterns) {
  const matches = patterns.filter((p) => VALID_PATTERN.test(p));
  if (matches.length !== patterns.length) {
    console.warn('left out match patterns Chrome would refuse', patterns.filter((p) => !VALID_PATTERN.test(p)));
  }
  try {
    const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (matches.length === 0) {
      if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
      return null;
    }
    /** @type {chrome.scripting.RegisteredContentScript} */
    const script = {
      id: SCRIPT_ID,
      matches,
      js: ['content.js'],
      runAt: 'document_start',
      // Frames too: an AI service embedded in another page gets the same warnings and acknowledgement.
      allFrames: true,
      persistAcrossSessions: true,
    };
    if (existing.length === 0) await chrome.scripting.registerContentScripts([script]);
    else if (JSON.stringify(existing[0].matches) !== JSON.stringify(matches) || existing[0].allFrames !== script.allFrames) {
      await chrome.scripting.updateContentScripts([script]);
    }
    return null;
  } catch (error) {
    console.error('registering the page script failed', error);
    return String(error);
  }
}
