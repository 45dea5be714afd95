// One test file's world: the real server (and its PostgreSQL), a recording proxy in front of it, the HTTPS fixture
// server for AI host names, the managed configuration file and one Chromium with the extension.
import { join } from 'node:path';

import { launchBrowser, serviceWorker } from './chromium.js';
import { startFixtureServer } from './fixture-server.js';
import { removeManagedConfig, writeManagedConfig } from './managed-policy.js';
import { ARTIFACTS, PromptgateServer } from './promptgate-server.js';
import { startRecordingProxy } from './recording-proxy.js';

/**
 * @param {object} options
 * @param {string} options.name names logs and screenshots
 * @param {string[]} options.hosts host names served by the fixture server
 * @param {(server: PromptgateServer) => Promise<void>} options.policy sets the policy through the admin API before
 *   the browser starts
 * @param {Record<string, unknown>} [options.managed] more managed settings
 * @param {typeof startFixtureServer} [options.startFixture] a fixture server of another kind (for example one that
 *   records request headers)
 */
export async function startSession({ name, hosts, policy, managed = {}, startFixture = startFixtureServer }) {
  const server = new PromptgateServer(name);
  await server.start();
  const proxy = await startRecordingProxy(() => server.port);
  const enrollmentToken = await server.admin.createEnrollmentToken(`browser tests: ${name}`);
  await policy(server);
  const fixture = await startFixture(hosts);
  writeManagedConfig({ serverUrl: proxy.url, enrollmentToken, refreshSeconds: 5, ...managed });
  const context = await launchBrowser(fixture);
  context.setDefaultTimeout(20_000);

  const session = {
    server,
    proxy,
    fixture,
    context,
    enrollmentToken,
    /** @param {string} file */
    screenshotPath: (file) => join(ARTIFACTS, `${name}-${file}`),
    worker: () => serviceWorker(context),
    /**
     * Waits until the extension enforces a policy for which `test` holds.
     * @param {(bundle: import('../../src/lib/bundle.js').PolicyBundle) => boolean} test
     * @param {number} [timeoutMs]
     */
    async waitForPolicy(test, timeoutMs = 40_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const worker = await session.worker();
        const body = await worker.evaluate(async () => /** @type {any} */ (await chrome.storage.local.get('policy')).policy?.body ?? null);
        if (body !== null && test(JSON.parse(body))) return JSON.parse(body);
        if (Date.now() > deadline) throw new Error(`the extension did not get the expected policy in time (it has: ${body?.slice(0, 300)})`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    /** @returns {Promise<any[]>} the events waiting in the extension's queue */
    async queuedEvents() {
      const worker = await session.worker();
      return worker.evaluate(async () => /** @type {any} */ (await chrome.storage.local.get('eventQueue')).eventQueue ?? []);
    },
    async close() {
      await context.close().catch((error) => console.error('closing the browser failed', error));
      removeManagedConfig();
      await fixture.close();
      await proxy.close();
      await server.stop();
    },
  };
  return session;
}
