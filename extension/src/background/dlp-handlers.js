// Detections reported by the page script. The page script sends only ids, counts and choices (never text); this
// checks every field against fixed sets and bounds, since a page script runs where the page can reach it, and works
// out the service and host itself from the sender.
import { checkDetections } from '../lib/dlp/report.js';
import { recordEvent } from './event-log.js';
import { decisionFor, eventFacts } from './page-handlers.js';

/**
 * @param {{ detections?: unknown }} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<{ recorded: number }>}
 */
export async function reportDlp(message, sender) {
  const found = await decisionFor(message, sender);
  if (found === null) return { recorded: 0 };
  const detections = checkDetections(message.detections);
  const facts = eventFacts(found.decision);
  for (const { action, ...dlp } of detections) await recordEvent({ ...facts, type: 'dlp_detected', action, dlp });
  return { recorded: detections.length };
}
