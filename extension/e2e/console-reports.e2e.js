// The console's reports and events explorer, end to end in Chromium against the packaged server: events sent as
// browsers send them are rolled up, and each report screen shows what the report API answers; an admin adds a
// shadow-AI site to the catalog with the keyboard; the explorer filters with the keyboard and its CSV and JSON Lines
// downloads are the API's export of the same selection; a viewer finds no change control and has the change refused;
// hostile service and group names stay text; axe finds no serious or critical violation on any of these screens, nor
// on them with their data at 200 % zoom in dark mode, where none scrolls sideways.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

import { chromiumExecutable } from './harness/chromium.js';
import { ZOOMED_200, assertZoomedAndDark } from './harness/console-walk.js';
import { PromptgateServer } from './harness/promptgate-server.js';
import { HOSTILE, SHADOW_HOSTS, reportData } from './harness/report-data.js';

/** @typedef {import('playwright-core').Page} Page */

describe('console reports and events explorer', { timeout: 300_000 }, () => {
  /** @type {PromptgateServer} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {{ guidelineVersion: number, enrollment: string }} */
  let data;

  before(async () => {
    server = new PromptgateServer('console-reports', { env: { PROMPTGATE_EVENTS_ROLLUP_INTERVAL: '1s' } });
    await server.start();
    data = await reportData(server);
    browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** @param {string} token @returns {Promise<Page>} a page signed in to the console with the token */
  async function signedIn(token) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${server.url}/console/sign-in`);
    await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    return page;
  }

  /** @param {Page} page @param {string} screen */
  async function assertAccessibleAndInert(page, screen) {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${screen}: accessibility violations`);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pwned), undefined, `${screen} ran a hostile name's handler`);
    assert.equal(await page.locator('img').count(), 0, `${screen} made an image of a hostile name`);
  }

  /** @param {string} path */
  async function api(path) {
    return (await server.admin.request('GET', path)).body;
  }

  it('an admin reads each report as the API answers it and adds a shadow-AI site to the catalog by keyboard', async () => {
    const page = await signedIn(server.bootstrapToken);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Usage of catalog services' }).waitFor();
    await assertAccessibleAndInert(page, 'usage');
    const usage = await api('/api/v1/reports/usage');
    for (const service of usage.services) {
      const row = page.locator('#usage-services tbody tr', { has: page.getByRole('rowheader', { name: service.serviceName, exact: true }) });
      assert.equal(await row.locator('td').first().innerText(), String(service.visits), `${service.serviceKey} visits`);
    }
    await page.getByRole('rowheader', { name: `Bot ${HOSTILE}` }).waitFor();
    assert.ok((await page.locator('#f-group').innerText()).includes(`Research ${HOSTILE}`), 'the hostile group name is text');

    await page.getByRole('link', { name: 'Shadow AI' }).click();
    await assertAccessibleAndInert(page, 'shadow AI');
    const shadow = await api('/api/v1/reports/shadow-ai');
    assert.deepEqual(await page.locator('#shadow-ai-hosts tbody th').allInnerTexts(), shadow.hosts.map((/** @type {{ host: string }} */ h) => h.host));
    const add = page.getByRole('button', { name: `Add to catalog: ${SHADOW_HOSTS[0]}` });
    await add.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Added ${SHADOW_HOSTS[0].replaceAll('.', '-')} to the catalog.`).waitFor();
    const added = await api(`/api/v1/services/${SHADOW_HOSTS[0].replaceAll('.', '-')}`);
    assert.deepEqual(added.hosts, [SHADOW_HOSTS[0]]);
    assert.deepEqual(await page.locator('#shadow-ai-hosts tbody th').allInnerTexts(), [SHADOW_HOSTS[1]]);

    await page.getByRole('link', { name: 'Acknowledgements' }).click();
    await assertAccessibleAndInert(page, 'acknowledgements');
    const coverage = await api(`/api/v1/reports/acknowledgements?guidelineVersion=${data.guidelineVersion}`);
    assert.equal(coverage.acknowledged, 1);
    await page.getByText(`${coverage.acknowledged} of ${coverage.active} active people acknowledged version ${data.guidelineVersion}.`).waitFor();
    const acknowledged = await api(`/api/v1/acknowledgements?guidelineVersion=${data.guidelineVersion}`);
    assert.deepEqual(await page.locator('#acknowledged-people tbody td:nth-child(2)').allInnerTexts(),
      acknowledged.items.map((/** @type {{ deviceId: string }} */ a) => a.deviceId));

    await page.getByRole('link', { name: 'Data protection' }).click();
    await assertAccessibleAndInert(page, 'data protection');
    const dlp = await api('/api/v1/reports/dlp');
    const card = page.locator('#dlp-detectors tbody tr', { has: page.getByRole('rowheader', { name: 'payment-card' }) });
    const cells = await card.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), [dlp.detectors[0].detections, dlp.detectors[0].warned, dlp.detectors[0].sentAnyway].map(String));
    await page.context().close();
  });

  it('the events explorer filters by keyboard and downloads the API export of the same selection', async () => {
    const page = await signedIn(server.bootstrapToken);
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    await assertAccessibleAndInert(page, 'events');
    await page.locator('#e-type').focus();
    await page.keyboard.press('v'); // the type list jumps to "visit"
    await page.locator('#e-service').focus();
    await page.keyboard.type('chatgpt');
    await page.getByRole('button', { name: 'Filter' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/type=visit/);
    assert.match(page.url(), /serviceKey=chatgpt/);
    const listed = await api('/api/v1/events?type=visit&serviceKey=chatgpt');
    assert.equal(await page.locator('#events tbody tr').count(), listed.total);
    assert.equal(listed.total, 3);

    for (const [link, format] of [['CSV', 'csv'], ['JSON Lines', 'jsonl']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link, exact: true }).click()]);
      const body = await readFile(/** @type {string} */ (await download.path()), 'utf8');
      const fromApi = await fetch(`${server.url}/api/v1/events/export?type=visit&serviceKey=chatgpt&format=${format}`, {
        headers: { Authorization: `Bearer ${server.bootstrapToken}` },
      });
      assert.equal(fromApi.status, 200);
      assert.equal(body, await fromApi.text(), `the ${link} download is the API's export`);
      assert.equal(body.trim().split('\n').length, format === 'csv' ? 4 : 3);
    }
    await page.context().close();
  });

  it('a viewer reads every report and the events but finds no change control, and a change is refused', async () => {
    const token = (await server.admin.request('POST', '/api/v1/api-tokens', {
      body: { name: 'report viewer', role: 'viewer', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })).body.secret;
    const page = await signedIn(token);
    for (const path of ['/console/reports', '/console/reports/shadow-ai', '/console/reports/acknowledgements', '/console/reports/dlp', '/console/events']) {
      await page.goto(`${server.url}${path}`);
      const actions = await page.locator('form[method="post"]').evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
      assert.deepEqual(actions, ['/console/sign-out'], `${path} offers a viewer a change`);
      await assertAccessibleAndInert(page, `${path} as viewer`);
    }
    await page.goto(`${server.url}/console/reports/shadow-ai`);
    await page.getByRole('rowheader', { name: SHADOW_HOSTS[1] }).waitFor();
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const refused = await page.request.post(`${server.url}/console/reports/shadow-ai/${SHADOW_HOSTS[1]}/add-to-catalog`, {
      form: { csrf },
      headers: { Origin: server.url },
      maxRedirects: 0,
    });
    assert.equal(refused.status(), 403);
    const service = await server.admin.request('GET', `/api/v1/services/${SHADOW_HOSTS[1].replaceAll('.', '-')}`, { expect: [404] });
    assert.equal(service.status, 404);
    await page.context().close();
  });

  it('the report screens and the explorer, with their data, reflow at 200 % zoom and pass axe in dark mode', async () => {
    const context = await browser.newContext(ZOOMED_200);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${server.url}/console/sign-in`);
    await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(server.bootstrapToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    for (const path of ['/console/', '/console/reports', '/console/reports/shadow-ai', `/console/reports/acknowledgements?guidelineVersion=${data.guidelineVersion}`,
      '/console/reports/dlp', '/console/events', '/console/audit']) {
      await assertZoomedAndDark(page, `${server.url}${path}`);
      await assertAccessibleAndInert(page, `${path} at 200 % zoom`);
    }
    await context.close();
  });
});
