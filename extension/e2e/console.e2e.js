// The admin console (/console/), end to end in one Chromium: an admin signs in through a real Keycloak (authorization
// code with PKCE), creates a group, sets ChatGPT to ACKNOWLEDGE for it, writes and publishes a guideline by keyboard
// only, tests a URL and blocks it, creates an enrollment token and copies the Chrome policy; each result is read back
// through the REST API. A viewer finds no change control and has a change refused; a signed-out visitor lands on the
// sign-in page; the bootstrap token signs in too. axe checks every screen for serious or critical violations.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

import { chromiumExecutable } from './harness/chromium.js';
import { Keycloak } from './harness/keycloak.js';
import { PromptgateServer } from './harness/promptgate-server.js';

const CONSOLE_CLIENT = 'promptgate-console';
const CONSOLE_SECRET = randomBytes(24).toString('hex');
const GROUP = 'Research e2e';
const TESTED_URL = 'https://chat.unlisted-ai.example/c/1';

/** @typedef {import('playwright-core').Page} Page */

describe('admin console', { timeout: 420_000 }, () => {
  /** @type {Keycloak} */
  let keycloak;
  /** @type {PromptgateServer} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;

  before(async () => {
    keycloak = await Keycloak.start();
    await prepareRealm(keycloak);
    server = new PromptgateServer('console', {
      env: {
        QUARKUS_OIDC_TENANT_ENABLED: 'true',
        QUARKUS_OIDC_AUTH_SERVER_URL: keycloak.issuer,
        QUARKUS_OIDC_CLIENT_ID: 'promptgate',
        QUARKUS_OIDC_TOKEN_AUDIENCE: 'promptgate',
        QUARKUS_OIDC_CONSOLE_TENANT_ENABLED: 'true',
        QUARKUS_OIDC_CONSOLE_CLIENT_ID: CONSOLE_CLIENT,
        QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET: CONSOLE_SECRET,
      },
    });
    await server.start();
    browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await keycloak?.stop();
  });

  /** A fresh browser context (its own cookies) that may use the clipboard. */
  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  /** @param {Page} page @param {string} username @param {string} password */
  async function signInWithKeycloak(page, username, password) {
    await page.goto(`${server.url}/console/`);
    assert.match(page.url(), /\/console\/sign-in$/);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.locator('#kc-login').click();
    await page.waitForURL(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  }

  /** @param {Page} page @param {string} screen */
  async function assertAccessible(page, screen) {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${screen}: accessibility violations`);
  }

  it('an admin signed in with single sign-on does the whole walk, each result visible through the API', async () => {
    const page = await newPage();
    await signInWithKeycloak(page, 'ada', 'ada-password');
    await assertAccessible(page, 'overview');

    // A group.
    await page.getByRole('link', { name: 'Groups' }).click();
    await assertAccessible(page, 'groups');
    await page.getByLabel('Name', { exact: true }).last().fill(GROUP);
    await page.getByLabel('IdP group value').last().fill('research-e2e');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByText('Group created.').waitFor();
    const groups = (await server.admin.request('GET', '/api/v1/groups?size=200')).body.items;
    const group = groups.find((/** @type {{ name: string }} */ g) => g.name === GROUP);
    assert.ok(group, 'the group exists in the API');

    // ChatGPT: ACKNOWLEDGE for the group.
    await page.getByRole('link', { name: 'Services' }).click();
    await assertAccessible(page, 'services');
    await page.getByRole('link', { name: 'ChatGPT', exact: true }).click();
    await assertAccessible(page, 'service');
    const section = page.locator('section', { has: page.getByRole('heading', { name: `For the group ${GROUP}` }) });
    await section.getByLabel('Action', { exact: true }).selectOption('ACKNOWLEDGE');
    await section.getByLabel('Message shown to people').fill('Read the guideline first.');
    await section.getByRole('button', { name: `Save rule for ${GROUP}` }).click();
    await page.getByText('Rule saved.').waitFor();
    const rule = await server.admin.request('GET', `/api/v1/rules/groups/${group.id}/chatgpt`);
    assert.equal(rule.body.action, 'ACKNOWLEDGE');

    // A guideline, written and published with the keyboard only.
    await page.goto(`${server.url}/console/guidelines`);
    await assertAccessible(page, 'guidelines');
    await tabTo(page, 'new-title');
    await page.keyboard.type('Using AI at Acme');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Never paste **customer data**.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/guidelines\/\d+$/);
    await assertAccessible(page, 'guideline editor');
    await tabTo(page, null, 'Publish as the next version');
    await page.keyboard.press('Enter');
    await page.getByText(/Version \d+ is published\./).waitFor();
    const current = await server.admin.request('GET', '/api/v1/guidelines/current');
    assert.equal(current.body.title, 'Using AI at Acme');
    assert.match(current.body.html, /<strong>customer data<\/strong>/);

    // Test a URL, block it, test again.
    await page.getByRole('link', { name: 'Block and allow lists' }).click();
    await page.getByLabel('URL', { exact: true }).fill(TESTED_URL);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.locator('#verdict').getByText('not listed').waitFor();
    await assertAccessible(page, 'lists');
    await page.getByLabel('Pattern').fill('chat.unlisted-ai.example');
    await page.getByLabel('Reason shown to people').fill('Not approved');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByText('Entry added.').waitFor();
    const verdict = await page.locator('#verdict').innerText();
    assert.match(verdict, /is blocked/);
    assert.match(verdict, /chat\.unlisted-ai\.example/);
    const blocklist = (await server.admin.request('GET', '/api/v1/blocklist?size=200')).body.items;
    assert.ok(blocklist.some((/** @type {{ pattern: string }} */ e) => e.pattern === 'chat.unlisted-ai.example'));

    // An enrollment token, shown once, and the Chrome policy with it, copied.
    await page.getByRole('link', { name: 'Tokens' }).click();
    await assertAccessible(page, 'tokens');
    await page.getByLabel('Name').first().fill('Managed Chrome e2e');
    await page.getByRole('button', { name: 'Create enrollment token' }).click();
    const secret = (await page.locator('#issued-secret').innerText()).trim();
    assert.match(secret, /^pg_/);
    const policy = await fetch(`${server.url}/api/v1/client/policy`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(policy.status, 200, 'browsers can fetch the policy with the new enrollment token');
    await page.goto(`${server.url}/console/tokens`);
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');

    await page.getByRole('link', { name: 'Deployment' }).click();
    await assertAccessible(page, 'deployment');
    await page.getByLabel('Enrollment token to fill in').fill(secret);
    await page.getByRole('button', { name: 'Fill in the token' }).click();
    await page.getByRole('button', { name: 'Copy the policy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    const fromApi = await fetch(`${server.url}/api/v1/deploy/chrome`, {
      headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'X-Promptgate-Enrollment-Token': secret },
    });
    assert.equal(fromApi.status, 200);
    assert.deepEqual(copied, await fromApi.json());
    assert.match(JSON.stringify(copied), new RegExp(secret));

    // The audit log names the admin's changes.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel(/Kind of entity/).fill('group');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('cell', { name: 'ada' }).first().waitFor();
    await assertAccessible(page, 'audit log');
    await page.context().close();
  });

  it('a viewer finds no change control and a change is refused', async () => {
    const page = await newPage();
    await signInWithKeycloak(page, 'vic', 'vic-password');
    for (const path of ['/console/', '/console/services', '/console/services/chatgpt', '/console/guidelines', '/console/lists', '/console/groups', '/console/tokens', '/console/deployment', '/console/audit']) {
      await page.goto(`${server.url}${path}`);
      const actions = await page.locator('form[method="post"]').evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
      assert.deepEqual(actions, ['/console/sign-out'], `${path} offers a viewer a change`);
    }
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const refused = await page.request.post(`${server.url}/console/groups`, {
      form: { csrf, name: 'viewer group', idpValue: 'viewer-group', priority: '1' },
      headers: { Origin: server.url },
      maxRedirects: 0,
    });
    assert.equal(refused.status(), 403);
    const groups = (await server.admin.request('GET', '/api/v1/groups?size=200')).body.items;
    assert.ok(!groups.some((/** @type {{ name: string }} */ g) => g.name === 'viewer group'));
    await page.context().close();
  });

  it('a signed-out visitor goes to the sign-in, and the bootstrap token signs in', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/console/tokens`);
    assert.match(page.url(), /\/console\/sign-in$/);
    await assertAccessible(page, 'sign-in');
    await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(server.bootstrapToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByText('Signed in as').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in$/);
    await page.goto(`${server.url}/console/`);
    assert.match(page.url(), /\/console\/sign-in$/);
    await page.context().close();
  });
});

/**
 * Presses Tab until the element with this id (or the button with this name) has the focus.
 * @param {Page} page @param {string | null} id @param {string} [buttonName]
 */
async function tabTo(page, id, buttonName) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent?.trim() }));
    if ((id !== null && focused.id === id) || (buttonName !== undefined && focused.text === buttonName)) return;
  }
  throw new Error(`Tab never reached ${id ?? buttonName}`);
}

/**
 * The console's client, client roles admin and viewer on the API's client (the roles Promptgate reads), and two people.
 * @param {Keycloak} keycloak
 */
async function prepareRealm(keycloak) {
  const realm = `/admin/realms/${keycloak.realm}`;
  await keycloak.adminRequest('POST', `${realm}/clients`, JSON.stringify({
    clientId: CONSOLE_CLIENT,
    enabled: true,
    publicClient: false,
    secret: CONSOLE_SECRET,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: false,
    redirectUris: ['*'],
    attributes: { 'pkce.code.challenge.method': 'S256' },
  }));
  const [api] = await keycloak.adminRequest('GET', `${realm}/clients?clientId=promptgate`);
  for (const role of ['admin', 'viewer']) {
    await keycloak.adminRequest('POST', `${realm}/clients/${api.id}/roles`, JSON.stringify({ name: role }));
  }
  for (const [username, role] of [['ada', 'admin'], ['vic', 'viewer']]) {
    await keycloak.adminRequest('POST', `${realm}/users`, JSON.stringify({
      username,
      enabled: true,
      email: `${username}@acme.example`,
      emailVerified: true,
      firstName: username,
      lastName: 'Console',
      credentials: [{ type: 'password', value: `${username}-password`, temporary: false }],
    }));
    const [user] = await keycloak.adminRequest('GET', `${realm}/users?username=${username}&exact=true`);
    const roleRep = await keycloak.adminRequest('GET', `${realm}/clients/${api.id}/roles/${role}`);
    await keycloak.adminRequest('POST', `${realm}/users/${user.id}/role-mappings/clients/${api.id}`, JSON.stringify([roleRep]));
  }
}
