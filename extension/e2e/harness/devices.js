// What the server's device list says of one browser (GET /api/v1/devices, read as an admin would).
import { listAll } from './admin-api.js';

/**
 * @param {import('./admin-api.js').AdminApi} api
 * @param {string} deviceId the extension's install id
 * @returns {Promise<any | undefined>} the browser's row, if it reported
 */
export async function reportedDevice(api, deviceId) {
  return (await listAll(api, '/api/v1/devices')).find((d) => d.deviceId === deviceId);
}
