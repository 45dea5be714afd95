// The events the extension reports, and the bounded queue they wait in. An event says what the extension did, for
// which service and host; it never carries page text, typed text, or a URL's path or query.

/**
 * @typedef {'visit' | 'warned' | 'proceeded' | 'acknowledged' | 'blocked' | 'reminder_shown' | 'reminder_done' |
 *   'policy_applied' | 'dlp_detected'} EventType
 *
 * @typedef {object} DlpFacts what a dlp_detected event adds: which detector, how many matches, where, what was done
 * @property {string} detector a detector id, or 'upload'
 * @property {number} [matches]
 * @property {'paste' | 'submit' | 'upload'} trigger
 * @property {'monitored' | 'sent-anyway' | 'removed' | 'cancelled' | 'redacted' | 'blocked' | 'not-sensitive'} outcome
 * @property {number} [justification] index into the bundle's dlp.justifications
 * @property {string} [fileType] the top-level MIME type of an upload
 * @property {'<1MB' | '1-10MB' | '>10MB'} [sizeBucket]
 *
 * @typedef {object} ClientEvent
 * @property {string} id a UUID, kept when the event is sent again
 * @property {string} occurredAt
 * @property {string} deviceId
 * @property {string} extensionVersion
 * @property {EventType} type
 * @property {string} [serviceKey]
 * @property {string} [host]
 * @property {import('./bundle.js').Action | 'REDACT'} [action]
 * @property {number} [guidelineVersion]
 * @property {string[]} [groups] the groups the policy in force was compiled for
 * @property {string} [detector] the DLP fields, flat (see DlpFacts)
 * @property {number} [matches]
 * @property {string} [trigger]
 * @property {string} [outcome]
 * @property {number} [justification]
 * @property {string} [fileType]
 * @property {string} [sizeBucket]
 *
 * @typedef {object} EventFacts
 * @property {EventType} type
 * @property {string} [serviceKey]
 * @property {string} [host] a host name, or a URL whose host name is taken
 * @property {import('./bundle.js').Action | 'REDACT'} [action]
 * @property {number} [guidelineVersion]
 * @property {DlpFacts} [dlp]
 */

export const MAX_QUEUED_EVENTS = 1000;
export const MAX_BATCH_SIZE = 100;
const MAX_GROUPS = 20;

/**
 * @param {EventFacts} facts
 * @param {{ deviceId: string, extensionVersion: string, now: number, id?: string, groups?: readonly string[] }} context
 * @returns {ClientEvent}
 */
export function makeEvent({ type, serviceKey, host, action, guidelineVersion, dlp }, context) {
  /** @type {ClientEvent} */
  const event = {
    id: context.id ?? crypto.randomUUID(),
    occurredAt: new Date(context.now).toISOString(),
    deviceId: context.deviceId,
    extensionVersion: context.extensionVersion,
    type,
  };
  if (serviceKey !== undefined) event.serviceKey = serviceKey;
  const hostName = host === undefined ? '' : hostOnly(host);
  if (hostName !== '') event.host = hostName;
  if (action !== undefined) event.action = action;
  if (guidelineVersion !== undefined) event.guidelineVersion = guidelineVersion;
  if (dlp !== undefined) Object.assign(event, dlpFields(dlp));
  if (context.groups !== undefined && context.groups.length > 0) event.groups = context.groups.slice(0, MAX_GROUPS);
  return event;
}

/**
 * Copies only the known DLP fields, so that nothing else a page script might add can ride along.
 * @param {DlpFacts} dlp
 */
function dlpFields({ detector, matches, trigger, outcome, justification, fileType, sizeBucket }) {
  /** @type {Partial<ClientEvent>} */
  const fields = { detector, trigger, outcome };
  if (matches !== undefined) fields.matches = matches;
  if (justification !== undefined) fields.justification = justification;
  if (fileType !== undefined) fields.fileType = fileType;
  if (sizeBucket !== undefined) fields.sizeBucket = sizeBucket;
  return fields;
}

/**
 * The host name alone: whatever else a URL carries (credentials, port, path, query, fragment) is dropped.
 * @param {string} hostOrUrl
 * @returns {string}
 */
export function hostOnly(hostOrUrl) {
  try {
    return new URL(hostOrUrl.includes('://') ? hostOrUrl : `https://${hostOrUrl}`).hostname;
  } catch {
    return '';
  }
}

/**
 * Appends events, dropping the oldest beyond the bound.
 * @param {readonly ClientEvent[]} queue
 * @param {readonly ClientEvent[]} events
 * @param {number} [max]
 * @returns {{ queue: ClientEvent[], dropped: number }}
 */
export function enqueueEvents(queue, events, max = MAX_QUEUED_EVENTS) {
  const all = [...queue, ...events];
  const dropped = Math.max(0, all.length - max);
  return { queue: all.slice(dropped), dropped };
}

/**
 * @param {readonly ClientEvent[]} queue
 * @param {ReadonlySet<string>} ids events the server has taken (2xx) or refused for good
 * @returns {ClientEvent[]}
 */
export function removeEvents(queue, ids) {
  return queue.filter((e) => !ids.has(e.id));
}
