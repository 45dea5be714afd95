// The admin console (/console/), end to end in one Chromium: an admin signs in through a real Keycloak (authorization
// code with PKCE), creates a group, sets ChatGPT to ACKNOWLEDGE for it, writes and publishes a guideline by keyboard
// only, tests a URL and blocks it, creates an enrollment token and copies the Chrome policy; each result is read back
// through the REST API. A viewer finds no change control and has a change refused; a signed-out visitor lands on the
// sign-in page; the bootstrap token signs in too; signing out of a single sign-on session leaves no session of the
// console's OIDC tenant behind. axe checks every screen for serious or critical violations. The same walk on the
// embedded default, signed in with the printed bootstrap token, is console-token.e2e.js.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import { chromiumExecutable } from './harness/chromium.js';
import { adminWalk, assertAccessible } from './harness/console-walk.js';
import { Keycloak } from './harness/keycloak.js';
import { PromptgateServer } from './harness/promptgate-server.js';

const CONSOLE_CLIENT = 'promptgate-console';
const CONSOLE_SECRET = randomBytes(24).toString('hex');

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

  it('an admin signed in with single sign-on does the whole walk, each result visible through the API', async () => {
    const page = await newPage();
    await signInWithKeycloak(page, 'ada', 'ada-password');
    await assertAccessible(page, 'overview');

    await adminWalk(page, server, /^ada$/);
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

  it('signing out of a single sign-on session leaves no session behind: the next sign-in goes to the identity provider', async () => {
    const page = await newPage();
    await signInWithKeycloak(page, 'ada', 'ada-password');
    const tenantCookies = async () => (await page.context().cookies()).filter((c) => c.name.startsWith('q_session_console')).map((c) => c.name);
    assert.deepEqual(await tenantCookies(), [], 'the OIDC tenant session is dropped once the console session exists');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in$/);
    assert.deepEqual(await tenantCookies(), []);
    assert.ok(!(await page.context().cookies()).some((c) => c.name === 'pg_console'), 'the console cookie is gone');
    await page.goto(`${server.url}/console/groups`);
    assert.match(page.url(), /\/console\/sign-in$/, 'a console page after sign-out goes to the sign-in');
    // Signing in again asks the identity provider (whose own session may answer at once), not a leftover cookie.
    /** @type {string[]} */
    const asked = [];
    page.on('request', (request) => {
      if (request.url().startsWith(keycloak.issuer)) asked.push(request.url());
    });
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await page.waitForURL(`${server.url}/console/`);
    assert.ok(asked.some((url) => url.includes('/protocol/openid-connect/auth')), 'the sign-in went through the identity provider');
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
