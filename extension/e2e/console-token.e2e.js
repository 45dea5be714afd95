// The admin console on the embedded default with no identity provider: the packaged server starts with no OIDC and
// no configured bootstrap token, prints its bootstrap token once, and an admin signs in with it and does the same
// walk as the single sign-on e2e (console.e2e.js), each result checked through the REST API. Then the screens for
// signing keys, settings and policy as code: rotate the key, change a setting, import a document after its dry run;
// every screen at 200 % zoom (no sideways scrolling, a visible focus) and in dark mode (axe); a viewer finds none of
// their change controls and has their changes refused; sign-out ends the session. axe checks every screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import { chromiumExecutable } from './harness/chromium.js';
import { ZOOMED_200, adminWalk, assertAccessible, assertZoomedAndDark } from './harness/console-walk.js';
import { PromptgateServer } from './harness/promptgate-server.js';

/** @typedef {import('playwright-core').Page} Page */

describe('admin console on the embedded default, signed in with the printed bootstrap token', { timeout: 420_000 }, () => {
  /** @type {PromptgateServer} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;

  before(async () => {
    server = new PromptgateServer('console-token', { printedBootstrapToken: true });
    await server.start();
    browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  /** @param {Page} page @param {string} token */
  async function signInWithToken(page, token) {
    await page.goto(`${server.url}/console/`);
    assert.match(page.url(), /\/console\/sign-in$/);
    assert.equal(await page.getByRole('link', { name: 'Sign in with your company account' }).count(), 0, 'no identity provider is offered');
    await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  }

  it('the printed bootstrap token signs in and the admin does the whole walk, each result visible through the API', async () => {
    assert.match(server.bootstrapToken, /^pg_bt_/, 'the first start printed a bootstrap token');
    const page = await newPage();
    await page.goto(`${server.url}/console/sign-in`);
    await assertAccessible(page, 'sign-in');
    await signInWithToken(page, server.bootstrapToken);
    await assertAccessible(page, 'overview');
    await adminWalk(page, server, /^token:bootstrap/);
    await page.context().close();
  });

  it('the admin rotates the signing key, changes a setting and imports a policy document after its dry run', async () => {
    const page = await newPage();
    await signInWithToken(page, server.bootstrapToken);

    // Signing keys: the active key's public part, then a rotation.
    const keysBefore = (await server.admin.request('GET', '/api/v1/signing-keys')).body;
    await page.getByRole('link', { name: 'Signing keys' }).click();
    await assertAccessible(page, 'signing keys');
    assert.equal((await page.locator('#active-kid').innerText()).trim(), keysBefore.activeKeyId);
    assert.doesNotMatch(await page.content(), /&quot;d&quot;|"d"\s*:/, 'no private key member on the page');
    await page.getByRole('button', { name: 'Rotate the signing key' }).click();
    await page.getByText('A new signing key was made').waitFor();
    const keysAfter = (await server.admin.request('GET', '/api/v1/signing-keys')).body;
    assert.notEqual(keysAfter.activeKeyId, keysBefore.activeKeyId);
    assert.equal((await page.locator('#active-kid').innerText()).trim(), keysAfter.activeKeyId);
    assert.ok(keysAfter.jwks.keys.some((/** @type {{ kid: string }} */ k) => k.kid === keysBefore.activeKeyId), 'the old key stays published');

    // Settings: the organization's name, and justifications for data protection.
    await page.getByRole('link', { name: 'Settings' }).click();
    await assertAccessible(page, 'settings');
    await page.getByLabel('Organization name').fill('Acme e2e');
    await page.getByLabel('Acknowledge again every (days)').fill('30');
    await page.getByRole('button', { name: 'Save organization settings' }).click();
    await page.getByText('Organization settings saved.').waitFor();
    const settings = (await server.admin.request('GET', '/api/v1/settings')).body;
    assert.equal(settings.organizationName, 'Acme e2e');
    assert.equal(settings.acknowledgeEveryDays, 30);
    await page.getByLabel(/Justifications people choose from/).fill('Test data only\nApproved by legal');
    await page.getByRole('button', { name: 'Save data-protection settings' }).click();
    await page.getByText('Data-protection settings saved.').waitFor();
    assert.deepEqual((await server.admin.request('GET', '/api/v1/dlp/settings')).body.justifications, ['Test data only', 'Approved by legal']);

    // Policy as code: export, a bad document kept in the form, then a real edit shown as a dry run and applied.
    await page.getByRole('link', { name: 'Policy as code' }).click();
    await assertAccessible(page, 'policy as code');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as JSON' }).click()]);
    const exportedPath = await download.path();
    assert.ok(exportedPath);
    const { readFile } = await import('node:fs/promises');
    const document = JSON.parse(await readFile(exportedPath, 'utf8'));
    assert.deepEqual(document, (await server.admin.request('GET', '/api/v1/policy')).body, 'the download is the API export');

    const broken = 'schemaVersion: 1\nsettings: [not closed';
    await page.getByLabel('Policy document (YAML or JSON)').fill(broken);
    await page.getByRole('button', { name: 'Show the changes' }).click();
    await page.getByRole('alert').getByText(/is not a valid policy document in YAML \(line/).waitFor();
    assert.equal(await page.getByLabel('Policy document (YAML or JSON)').inputValue(), broken, 'the pasted document stays in the form');
    await assertAccessible(page, 'policy as code, refused document');

    document.blocklist.push({ pattern: 'chat.from-git.example', reason: 'From the policy repository' });
    const edited = JSON.stringify(document, null, 2);
    await page.getByLabel('Policy document (YAML or JSON)').fill(edited);
    await page.getByRole('button', { name: 'Show the changes' }).click();
    const change = page.locator('#changes tbody tr');
    await change.first().waitFor();
    assert.equal(await change.count(), 1);
    assert.match(await change.first().innerText(), /add\s+blocklist\s+organization\/chat\.from-git\.example/);
    await assertAccessible(page, 'policy as code, dry run');
    const listed = async () => (await server.admin.request('GET', '/api/v1/blocklist?size=200')).body.items.map((/** @type {{ pattern: string }} */ e) => e.pattern);
    assert.ok(!(await listed()).includes('chat.from-git.example'), 'the dry run applied nothing');
    await page.getByRole('button', { name: 'Apply 1 change' }).click();
    await page.getByText('Applied 1 change.').waitFor();
    assert.ok((await listed()).includes('chat.from-git.example'));
    await page.context().close();
  });

  it('every screen reflows at 200 % zoom with a visible focus, and follows dark mode with no accessibility violation', async () => {
    const context = await browser.newContext(ZOOMED_200);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await signInWithToken(page, server.bootstrapToken);
    const draft = (await server.admin.request('POST', '/api/v1/guidelines', { body: { title: 'Zoomed draft', markdown: 'A **draft**.' } })).body;
    await server.admin.request('PUT', '/api/v1/services/zoomed-assistant', {
      body: { name: 'Zoomed assistant', vendor: 'Acme', category: 'TEXT', risk: 'LOW', hosts: ['assistant.zoomed.example'], inputSelectors: [],
        dataPolicy: { trainsOnInputsByDefault: false, historySteps: [] } },
    });
    const screens = ['/console/', '/console/services', '/console/services/chatgpt', '/console/services/zoomed-assistant', '/console/guidelines', `/console/guidelines/${draft.id}`,
      '/console/lists?url=https%3A%2F%2Fchatgpt.com%2F', '/console/groups', '/console/tokens',
      '/console/deployment', '/console/deployment?browser=firefox', '/console/reports', '/console/reports/shadow-ai',
      '/console/reports/acknowledgements', '/console/reports/dlp', '/console/events', '/console/audit', '/console/signing-keys',
      '/console/settings', '/console/policy'];
    for (const path of screens) {
      await assertZoomedAndDark(page, `${server.url}${path}`);
    }
    await context.close();
  });

  it('a viewer finds no change control on the new screens and a change is refused; sign-out ends the session', async () => {
    const viewerToken = (await server.admin.request('POST', '/api/v1/api-tokens', {
      body: { name: 'console viewer e2e', role: 'viewer', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })).body.secret;
    const page = await newPage();
    await signInWithToken(page, viewerToken);
    for (const path of ['/console/signing-keys', '/console/settings', '/console/policy']) {
      await page.goto(`${server.url}${path}`);
      const actions = await page.locator('form[method="post"]').evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
      assert.deepEqual(actions, ['/console/sign-out'], `${path} offers a viewer a change`);
      await assertAccessible(page, `${path} as a viewer`);
    }
    const before = (await server.admin.request('GET', '/api/v1/settings')).body;
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const refused = await page.request.post(`${server.url}/console/settings/organization`, {
      form: { csrf, version: String(before.version), organizationName: 'Viewer was here', defaultServiceAction: before.defaultServiceAction, unknownAiAction: before.unknownAiAction, acknowledgeEveryDays: '7' },
      headers: { Origin: server.url },
      maxRedirects: 0,
    });
    assert.equal(refused.status(), 403);
    assert.equal((await server.admin.request('GET', '/api/v1/settings')).body.organizationName, before.organizationName);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in$/);
    await page.goto(`${server.url}/console/settings`);
    assert.match(page.url(), /\/console\/sign-in$/, 'a console page after sign-out goes to the sign-in');
    await page.context().close();
  });
});
