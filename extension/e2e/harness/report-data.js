// A small set of reported events for the console's report and event screens: visits to catalog services and to a
// service with a hostile name, AI sites outside the catalog, an acknowledgement and a data-protection detection, sent
// the way browsers send them (an enrollment token, POST /api/v1/client/events); then waits until the report rollups
// count them.
import { randomUUID } from 'node:crypto';

export const HOSTILE = '<img src=x onerror="window.__pwned=1">';
export const SHADOW_HOSTS = ['chat.new-ai.example', 'write.other-ai.example'];
export const HOSTILE_SERVICE = 'hostile-bot';

/**
 * @param {import('./promptgate-server.js').PromptgateServer} server
 * @returns {Promise<{ guidelineVersion: number, enrollment: string }>}
 */
export async function reportData(server) {
  const admin = server.admin;
  await admin.request('POST', '/api/v1/groups', { body: { name: `Research ${HOSTILE}`, idpValue: 'research', priority: 5 } });
  await admin.request('PUT', `/api/v1/services/${HOSTILE_SERVICE}`, {
    body: {
      name: `Bot ${HOSTILE}`, vendor: `Vendor ${HOSTILE}`, category: 'TEXT', risk: 'MEDIUM', hosts: ['hostile-bot.example'],
      inputSelectors: ['textarea'], dataPolicy: { trainsOnInputsByDefault: false, historySteps: ['Open settings'], settingsUrl: 'https://hostile-bot.example/settings' },
    },
  });
  const guidelineVersion = await admin.publishGuideline('Using AI at Acme', 'Never paste **customer data**.');
  const enrollment = await admin.createEnrollmentToken('report e2e');
  const at = new Date(Date.now() - 60_000).toISOString();
  /** @param {string} deviceId @param {string} type @param {Record<string, unknown>} [more] */
  const event = (deviceId, type, more = {}) => ({ id: randomUUID(), occurredAt: at, deviceId, extensionVersion: '0.1.0', type, action: 'WARN', ...more });
  const chat = { serviceKey: 'chatgpt', host: 'chatgpt.com' };
  const events = [
    event('device-a', 'visit', chat),
    event('device-a', 'visit', chat),
    event('device-b', 'visit', chat),
    event('device-b', 'warned', chat),
    event('device-a', 'visit', { serviceKey: HOSTILE_SERVICE, host: 'hostile-bot.example' }),
    event('device-a', 'visit', { host: SHADOW_HOSTS[0] }),
    event('device-b', 'visit', { host: SHADOW_HOSTS[0] }),
    event('device-b', 'visit', { host: SHADOW_HOSTS[1] }),
    event('device-a', 'acknowledged', { guidelineVersion }),
    event('device-a', 'dlp_detected', { ...chat, detector: 'payment-card', matches: 1, trigger: 'paste', outcome: 'sent-anyway' }),
  ];
  const response = await fetch(`${server.url}/api/v1/client/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${enrollment}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  const result = await response.json();
  if (response.status !== 202 || result.accepted !== events.length) throw new Error(`events refused: ${JSON.stringify(result)}`);
  // The rollups catch up on their interval; wait until the reports count every event.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const usage = (await admin.request('GET', '/api/v1/reports/usage')).body;
    const dlp = (await admin.request('GET', '/api/v1/reports/dlp')).body;
    const visits = usage.services.find((/** @type {{ serviceKey: string }} */ s) => s.serviceKey === 'chatgpt')?.visits;
    if (visits === 3 && dlp.detectors.length > 0) break;
    if (Date.now() > deadline) throw new Error('the report rollups never counted the events');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { guidelineVersion, enrollment };
}
