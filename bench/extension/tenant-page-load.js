// Tenant-restriction cost in a real browser: how many declarativeNetRequest rules the restrictions take, and the
// load time of fixture pages on chatgpt.com (navigation, frame, fetch, XHR, WebSocket) with the six vendors'
// restrictions on and off, alternating in blocks within one run. Prints figures; not a test.
//
//   cd extension && npm run build && cd .. && ./mvnw -B -q package -DskipTests -Dextension.skip=true
//   flock /tmp/promptgate-browser.lock node bench/extension/tenant-page-load.js     (ROUNDS=3 LOADS=20 by default)
import { eventually } from '../../extension/e2e/harness/expect.js';
import { startHeaderRecorder } from '../../extension/e2e/harness/header-recorder.js';
import { startSession } from '../../extension/e2e/harness/session.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const LOADS = Number(process.env.LOADS ?? 20);
const UUID = '3f1c2a9e-6b7d-4e21-9a0c-5d8e7f6a1b2c';
const RESTRICTIONS = {
  chatgpt: [UUID],
  claude: [UUID],
  'openai-platform': ['org-AbC123'],
  gemini: ['example.com'],
  'github-copilot': ['12345'],
  'microsoft-365-copilot': [`${UUID}:${UUID}`],
};

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const s = await startSession({
  name: 'bench-tenant',
  hosts: ['chatgpt.com'],
  startFixture: startHeaderRecorder,
  policy: async (server) => {
    await server.admin.updateSettings({ organizationName: 'Bench', requireAcknowledgement: false });
    await server.admin.setRule('chatgpt', { action: 'ALLOW' });
  },
});
/** @type {Record<string, string | null>} */
const etags = {};

/** @param {boolean} enabled */
async function switchAll(enabled) {
  for (const [service, allowedIds] of Object.entries(RESTRICTIONS)) {
    const answer = await s.server.admin.request('PUT', `/api/v1/tenant-restrictions/${service}`, {
      body: { enabled, allowedIds },
      ifMatch: etags[service] ?? null,
    });
    etags[service] = answer.etag;
  }
  await s.waitForPolicy((b) => (b.tenantRestrictions?.length ?? 0) === (enabled ? 6 : 0));
  const worker = await s.worker();
  return eventually(
    () => worker.evaluate(async () => {
      const rules = await chrome.declarativeNetRequest.getDynamicRules();
      return { tenant: rules.filter((r) => r.id >= 40_000 && r.id <= 40_999).length, all: rules.length };
    }),
    (count) => (enabled ? count.tenant > 0 : count.tenant === 0),
    { what: `tenant rules ${enabled ? 'installed' : 'removed'}` },
  );
}

/** Loads the fixture page and waits for its requests; returns the navigation's load time and the time to settle. */
async function load() {
  const page = await s.context.newPage();
  const start = performance.now();
  await page.goto('https://chatgpt.com/');
  await page.waitForFunction(() => {
    const r = JSON.parse(document.getElementById('results')?.textContent || '{}');
    return ['fetch', 'xhr', 'websocket', 'anonymous'].every((k) => k in r);
  });
  const settled = performance.now() - start;
  const loadEvent = await page.evaluate(() => {
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    return nav.loadEventEnd - nav.startTime;
  });
  await page.close();
  return { loadEvent, settled };
}

try {
  /** @type {Record<'on' | 'off', { loadEvent: number[], settled: number[] }>} */
  const samples = { on: { loadEvent: [], settled: [] }, off: { loadEvent: [], settled: [] } };
  let counts = { tenant: 0, all: 0 };
  for (let i = 0; i < 3; i++) await load(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of /** @type {const} */ (['on', 'off'])) {
      const c = await switchAll(mode === 'on');
      if (mode === 'on') counts = c;
      for (let i = 0; i < LOADS; i++) {
        const t = await load();
        samples[mode].loadEvent.push(t.loadEvent);
        samples[mode].settled.push(t.settled);
      }
    }
  }
  console.log(`tenant-restriction rules with all six vendors on: ${counts.tenant} of ${counts.all} dynamic rules`);
  console.log(`page loads: ${ROUNDS} rounds x ${LOADS} loads each way, alternating`);
  for (const metric of /** @type {const} */ (['loadEvent', 'settled'])) {
    const on = median(samples.on[metric]);
    const off = median(samples.off[metric]);
    console.log(
      `${metric === 'loadEvent' ? 'load event  ' : 'all settled '} median with rules ${on.toFixed(1)} ms, without ${off.toFixed(1)} ms, ratio ${(on / off).toFixed(3)}`,
    );
  }
} finally {
  await s.close();
}
