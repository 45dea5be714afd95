// The one shape a page script may report a detection in, checked field by field: a detector id, a count, the
// trigger, the action and the outcome, and for uploads the file's top-level type and size bucket.

/**
 * @typedef {import('../client-events.js').DlpFacts & { action: 'ALLOW' | 'WARN' | 'REDACT' | 'BLOCK' }} Detection
 */

const DETECTOR = /^(?:[a-z][a-z0-9-]{1,39}|kw-[1-9]\d{0,17}|re-[1-9]\d{0,17})$/;
const TRIGGERS = new Set(['paste', 'submit', 'upload']);
const ACTIONS = new Set(['ALLOW', 'WARN', 'REDACT', 'BLOCK']);
const OUTCOMES = new Set(['monitored', 'sent-anyway', 'removed', 'cancelled', 'redacted', 'blocked', 'not-sensitive']);
const FILE_TYPES = new Set(['application', 'audio', 'font', 'image', 'message', 'model', 'multipart', 'text', 'video', 'unknown']);
const SIZE_BUCKETS = new Set(['<1MB', '1-10MB', '>10MB']);
export const MAX_DETECTIONS_PER_REPORT = 50;

/** @param {unknown} n @param {number} min @param {number} max */
const whole = (n, min, max) => Number.isInteger(n) && /** @type {number} */ (n) >= min && /** @type {number} */ (n) <= max;

/**
 * The well-formed detections of a report; anything else is dropped.
 * @param {unknown} list
 * @returns {Detection[]}
 */
export function checkDetections(list) {
  if (!Array.isArray(list)) return [];
  return list.slice(0, MAX_DETECTIONS_PER_REPORT).flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [];
    const { detector, matches, trigger, action, outcome, justification, fileType, sizeBucket } = d;
    const upload = detector === 'upload';
    if (typeof detector !== 'string' || !DETECTOR.test(detector) || !TRIGGERS.has(trigger) || upload !== (trigger === 'upload')) return [];
    if (!ACTIONS.has(action) || !OUTCOMES.has(outcome)) return [];
    if (upload ? matches !== undefined : !whole(matches, 1, 10000)) return [];
    if (justification !== undefined && !whole(justification, 0, 9)) return [];
    if (upload ? !FILE_TYPES.has(fileType) || !SIZE_BUCKETS.has(sizeBucket) : fileType !== undefined || sizeBucket !== undefined) return [];
    /** @type {Detection} */
    const checked = { detector, trigger, action, outcome };
    if (matches !== undefined) checked.matches = matches;
    if (justification !== undefined) checked.justification = justification;
    if (upload) Object.assign(checked, { fileType, sizeBucket });
    return [checked];
  });
}
