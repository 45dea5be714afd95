// The events the extension reports, and the bounded queue they wait in. An event says what the extension did, for
// which service and host; it never carries page text, typed text, or a URL's path or query.

/**
 * @typedef {'visit' | 'warned' | 'proceeded' | 'acknowledged' | 'blocked' | 'reminder_shown' | 'reminder_done' |
 *   'policy_applied'} EventType
 *
 * @typedef {object} ClientEvent
 * @property {string} id a UUID, kept when the event is sent again
 * @property {string} occurredAt
 * @property {string} deviceId
 * @property {string} extensionVersion
 * @property {EventType} type
 * @property {string} [serviceKey]
 * @property {string} [host]
 * @property {import('./bundle.js').Action} [action]
 * @property {number} [guidelineVersion]
 * @property {string[]} [groups] the groups the policy in force was compiled for
 *
 * @typedef {object} EventFacts
 * @property {EventType} type
 * @property {string} [serviceKey]
 * @property {string} [host] a host name, or a URL whose host name is taken
 * @property {import('./bundle.js').Action} [action]
 * @property {number} [guidelineVersion]
 */

export const MAX_QUEUED_EVENTS = 1000;
export const MAX_BATCH_SIZE = 100;
const MAX_GROUPS = 20;

/**
 * @param {EventFacts} facts
 * @param {{ deviceId: string, extensionVersion: string, now: number, id?: string, groups?: readonly string[] }} context
 * @returns {ClientEvent}
 */
export function makeEvent({ type, serviceKey, host, action, guidelineVersion }, context) {
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
  if (context.groups !== undefined && context.groups.length > 0) event.groups = context.groups.slice(0, MAX_GROUPS);
  return event;
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
