// Rollback protection: the newest issuedAt (the time of the last change on the server, the same on every replica)
// enforced from a server. A bundle from that server issued before it is a replay of an older policy.

/**
 * @typedef {object} PolicyFloor
 * @property {string} serverUrl
 * @property {string} issuedAt the newest issuedAt enforced from that server
 */

/**
 * The newest issuedAt enforced from one server; a bundle older than it is a replay.
 * @param {PolicyFloor | null} floor
 * @param {string} serverUrl
 * @param {string} issuedAt
 * @returns {PolicyFloor}
 */
export function newerFloor(floor, serverUrl, issuedAt) {
  if (floor === null || floor.serverUrl !== serverUrl || Date.parse(issuedAt) > Date.parse(floor.issuedAt)) return { serverUrl, issuedAt };
  return floor;
}

/**
 * @param {PolicyFloor | null} floor
 * @param {string} serverUrl
 * @param {string} issuedAt
 */
export function isOlderThanFloor(floor, serverUrl, issuedAt) {
  return floor !== null && floor.serverUrl === serverUrl && Date.parse(issuedAt) < Date.parse(floor.issuedAt);
}
