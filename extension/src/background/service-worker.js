// Promptgate's service worker. Every listener is registered synchronously here, at the top level, so that Chrome can
// wake the worker for any of them; state lives in storage (see storage.js), never only in globals.
import { readManaged, watchManagedConfig } from './config-source.js';
import { applyEnforcement } from './enforcement.js';
import { FLUSH_ALARM, flushEvents } from './event-log.js';
import { getBlockInfo } from './block-handlers.js';
import { reportDlp } from './dlp-handlers.js';
import { HEARTBEAT_ALARM, reportHealth, scheduleHeartbeat } from './heartbeat.js';
import { renewSession, RENEW_ALARM, whenSignedIn } from './identity.js';
import { reportTenantRefusal } from './tenant-handlers.js';
import { acceptGuidelines, answerReminder, dismissWarning, getPageView, noteProceeded, openGuidelines } from './page-handlers.js';
import { createRouter } from './router.js';
import { getGuidelines, getIdentity, getSettings, getStatus, saveSettings, signIn, syncNow } from './status-handlers.js';
import { whenStoredPolicyRefused } from './policy-store.js';
import { readLocal } from './storage.js';
import { requestSync, SYNC_ALARM } from './sync.js';
import { installUpdate } from './updates.js';

// Nothing to migrate yet; the device id is made before the first event needs it.
const ready = readLocal('deviceId').catch((error) => console.error('starting failed', error));

/**
 * Puts the settings and the policy in force, then syncs.
 * @param {string} reason
 */
function enforceAndSync(reason) {
  void ready
    .then(() => applyEnforcement())
    .then(() => requestSync(reason))
    .catch((error) => console.error(`${reason}: enforcing and syncing failed`, error));
}

/** @param {string} reason */
function start(reason) {
  void scheduleHeartbeat().catch((error) => console.error('scheduling the heartbeat failed', error));
  void readManaged()
    .then((managed) => {
      const baseline = JSON.stringify(managed);
      enforceAndSync(reason);
      return watchManagedConfig(baseline, () => enforceAndSync('managed settings arrived'));
    })
    .catch((error) => console.error(`start (${reason}) failed`, error));
}

// A stored policy that no longer verifies was dropped: fetch a good one. The rules in force came from a verified
// policy and stay until it arrives.
whenStoredPolicyRefused(() => void requestSync('stored policy refused').catch((error) => console.error('sync failed', error)));

// Someone signed in: fetch their policy and send the events that waited for them.
whenSignedIn(() => enforceAndSync('signed in'));

chrome.runtime.onInstalled.addListener((details) => start(details.reason));
chrome.runtime.onStartup.addListener(() => start('browser start'));
chrome.runtime.onUpdateAvailable.addListener(installUpdate);

// Site access granted or withdrawn (Firefox lets the user do either): the rules and the page script are applied
// again and the heartbeat says whether they can reach the sites.
chrome.permissions.onAdded.addListener(() => enforceAndSync('site access granted'));
chrome.permissions.onRemoved.addListener(() => enforceAndSync('site access withdrawn'));

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') enforceAndSync('managed settings changed');
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void requestSync('refresh alarm').catch((error) => console.error('sync failed', error));
  if (alarm.name === RENEW_ALARM) void renewSession('renewal alarm').catch((error) => console.error('renewing the sign-in failed', error));
  if (alarm.name === HEARTBEAT_ALARM) void reportHealth({ always: true });
  if (alarm.name === FLUSH_ALARM) void flushEvents().catch((error) => console.error('sending events failed', error));
});

chrome.runtime.onMessage.addListener(
  createRouter(
    {
      getPageView,
      dismissWarning,
      noteProceeded,
      acceptGuidelines,
      answerReminder,
      openGuidelines,
      getBlockInfo,
      reportTenantRefusal,
      reportDlp,
      getStatus,
      getGuidelines,
      syncNow,
      getSettings,
      saveSettings,
      getIdentity,
      signIn,
    },
    ready,
  ),
);
