// Exponential backoff with full jitter (a random delay between half and all of the exponential step), so that a
// fleet of browsers does not retry a recovering server in lockstep.

/**
 * @param {number} failures how many attempts failed in a row (1 for the first failure)
 * @param {{ baseSeconds?: number, maxSeconds?: number, random?: () => number }} [options]
 * @returns {number} seconds to wait before the next attempt
 */
export function backoffSeconds(failures, { baseSeconds = 15, maxSeconds = 3600, random = Math.random } = {}) {
  const step = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.max(1, Math.round(step / 2 + (random() * step) / 2));
}

/**
 * The delay a server asked for in Retry-After (seconds or an HTTP date), or null.
 * @param {string | null} header
 * @param {number} now epoch milliseconds
 * @returns {number | null}
 */
export function retryAfterSeconds(header, now) {
  if (header === null || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
