// Messages from the page script on AI sites. The page script says what the person did; the service and the host
// are worked out here from the page's address. That address is the sender's, except that after a same-document
// navigation (history.pushState in a single-page app) the browser still reports the document's first address: then
// the address the page script reports is used, but only within the sender's origin, which no same-document
// navigation can leave.
import { decideUrl } from '../lib/decision.js';
import { pageUrl } from '../lib/page-address.js';
import { buildPageView } from '../lib/page-view.js';
import { nextReminderState, reminderShowingReported } from '../lib/schedule.js';
import { loadConfig } from './config-source.js';
import { blockedPageUrl, sendToBlockPage } from './enforcement.js';
import { recordEvent } from './event-log.js';
import { noteOwnBlock } from './own-blocks.js';
import { currentPolicy } from './policy-store.js';
import { readLocal, readSession, updateLocal, updateSession } from './storage.js';

const VISIT_EVERY_MS = 60 * 60 * 1000;

/**
 * @typedef {chrome.runtime.MessageSender} Sender
 * @typedef {import('../lib/decision.js').Decision} Decision
 */

/**
 * @param {unknown} message
 * @param {Sender} sender
 */
export async function decisionFor(message, sender) {
  const policy = await currentPolicy();
  const url = pageUrl(message, sender);
  if (policy === null || url === undefined) return null;
  return { policy, url, decision: decideUrl(policy, url) };
}

/** @param {Decision} decision */
const subjectKey = (decision) => decision.service?.key ?? decision.host;

/** @param {Decision} decision */
export const eventFacts = (decision) => ({ host: decision.host, action: decision.action, ...(decision.service ? { serviceKey: decision.service.key } : {}) });

/**
 * @param {unknown} message
 * @param {Sender} sender
 * @returns {Promise<import('../lib/page-view.js').PageView | { action: 'ALLOW' | 'BLOCK', blockedPage?: string }>}
 */
export async function getPageView(message, sender) {
  const found = await decisionFor(message, sender);
  if (found === null) return { action: 'ALLOW' };
  const { policy, decision, url } = found;
  if (decision.action === 'BLOCK') {
    // The navigation rules missed this page (a path reached inside a single-page app, or a filter they cannot hold).
    const blockedPage = `${blockedPageUrl()}#${url}`;
    const tabId = sender.tab?.id;
    if (tabId !== undefined && sender.frameId === 0) await sendToBlockPage(tabId, url);
    // A frame's page script replaces its own frame with the block page.
    else if (tabId !== undefined) await noteOwnBlock(tabId, url);
    return { action: 'BLOCK', blockedPage };
  }
  if (decision.service === undefined && decision.source !== 'unknown' && decision.action === 'ALLOW') return { action: 'ALLOW' };

  const key = subjectKey(decision);
  const [dismissed, acknowledgement, reminders] = await Promise.all([readSession('dismissed'), readLocal('acknowledgement'), readLocal('reminders')]);
  const reminderState = decision.service ? reminders[decision.service.key] : undefined;
  const view = buildPageView(decision, policy.bundle, {
    warningDismissed: dismissed[key] === true,
    acknowledgement: acknowledgement ?? undefined,
    reminder: reminderState,
    now: Date.now(),
  });
  const facts = eventFacts(decision);
  await reportOnce(`visit:${decision.host}`, VISIT_EVERY_MS, { type: 'visit', ...facts });
  if (view.showWarning) await reportOnce(`warned:${key}`, Infinity, { type: 'warned', ...facts });
  if (view.reminder !== null && decision.service && !reminderShowingReported(reminderState)) {
    const serviceKey = decision.service.key;
    await updateLocal('reminders', (all) => ({ ...all, [serviceKey]: nextReminderState(all[serviceKey], 'shown', Date.now(), 0) }));
    await recordEvent({ type: 'reminder_shown', ...facts });
  }
  return view;
}

/** @param {unknown} message @param {Sender} sender */
export async function dismissWarning(message, sender) {
  const found = await decisionFor(message, sender);
  if (found === null) return;
  const key = subjectKey(found.decision);
  await updateSession('dismissed', (all) => ({ ...all, [key]: true }));
  await reportOnce(`proceeded:${key}`, Infinity, { type: 'proceeded', ...eventFacts(found.decision) });
}

/** The person started typing in the prompt while the warning was shown: they chose to continue. */
export async function noteProceeded(/** @type {unknown} */ message, /** @type {Sender} */ sender) {
  const found = await decisionFor(message, sender);
  if (found === null) return;
  await reportOnce(`proceeded:${subjectKey(found.decision)}`, Infinity, { type: 'proceeded', ...eventFacts(found.decision) });
}

/** @param {{ version?: unknown }} message @param {Sender} sender */
export async function acceptGuidelines(message, sender) {
  const policy = await currentPolicy();
  const version = policy?.bundle.guidelines?.version;
  if (version === undefined || message.version !== version) return { accepted: false };
  await updateLocal('acknowledgement', () => ({ version, acknowledgedAt: Date.now() }));
  const url = pageUrl(message, sender);
  const onPage = url !== undefined && /^https?:/.test(url) && policy !== null;
  const facts = onPage ? eventFacts(decideUrl(policy, /** @type {string} */ (url))) : {};
  await recordEvent({ type: 'acknowledged', ...facts, guidelineVersion: version });
  return { accepted: true };
}

/** @param {{ answer?: unknown }} message @param {Sender} sender */
export async function answerReminder(message, sender) {
  const found = await decisionFor(message, sender);
  const service = found?.decision.service;
  if (found === null || service === undefined || (message.answer !== 'done' && message.answer !== 'later')) return;
  const answer = message.answer;
  const { historyReminderDays } = await loadConfig();
  await updateLocal('reminders', (all) => ({ ...all, [service.key]: nextReminderState(all[service.key], answer, Date.now(), historyReminderDays) }));
  if (answer === 'done') await recordEvent({ type: 'reminder_done', ...eventFacts(found.decision) });
}

export async function openGuidelines() {
  await chrome.tabs.create({ url: chrome.runtime.getURL('pages/guidelines.html') });
}

/**
 * Records an event unless the same one was recorded within `everyMs` in this browser session.
 * @param {string} key
 * @param {number} everyMs
 * @param {import('../lib/client-events.js').EventFacts} facts
 */
async function reportOnce(key, everyMs, facts) {
  const now = Date.now();
  let due = false;
  await updateSession('reported', (all) => {
    const last = all[key];
    due = last === undefined || now - last >= everyMs;
    return due ? { ...all, [key]: now } : all;
  });
  if (due) await recordEvent(facts);
}
