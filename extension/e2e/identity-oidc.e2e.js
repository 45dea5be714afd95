// Identity mode oidc, end to end: a real Keycloak, the packaged server checking its tokens, and two people, each in
// their own Chromium, signing in through the extension's own flow (authorization code with PKCE in the window of
// chrome.identity.launchWebAuthFlow). The Finance member gets the Finance group's rule, the other person the
// organization's; acknowledgements are counted under the right group; the directory provisioned over SCIM takes
// her out of Finance; tokens are renewed without a window. A tenant restriction switched on for Finance only puts
// Claude's organization header on her requests and on none of his.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { EXTENSION_ORIGIN, launchBrowser } from './harness/chromium.js';
import { eventually } from './harness/expect.js';
import { startFixtureServer } from './harness/fixture-server.js';
import { Keycloak } from './harness/keycloak.js';
import { removeManagedConfig, writeManagedConfig } from './harness/managed-policy.js';
import { clickUi, waitForUi } from './harness/page-ui.js';
import { ARTIFACTS, PromptgateServer } from './harness/promptgate-server.js';

const BLOCKED_PAGE = `${EXTENSION_ORIGIN}/pages/blocked.html`;
const SIGN_IN_PAGE = `${EXTENSION_ORIGIN}/pages/sign-in.html`;
const FINANCE_MESSAGE = 'Finance uses the approved assistant only.';
const CLAUDE_ORG = '5b0c7e1a-2d4f-4a8b-9c3e-6f1a2b3c4d5e';
const CLAUDE_HEADER = 'anthropic-allowed-org-ids';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */

describe('identity oidc: people sign in through the extension', { timeout: 480_000 }, () => {
  /** @type {Keycloak} */
  let keycloak;
  /** @type {PromptgateServer} */
  let server;
  /** @type {Awaited<ReturnType<typeof startFixtureServer>>} */
  let fixture;
  /** @type {BrowserContext[]} */
  const browsers = [];
  let guidelineVersion = 0;
  let financeId = 0;
  let enrollmentToken = '';

  before(async () => {
    keycloak = await Keycloak.start();
    server = new PromptgateServer('identity-oidc', {
      env: {
        QUARKUS_OIDC_TENANT_ENABLED: 'true',
        QUARKUS_OIDC_AUTH_SERVER_URL: keycloak.issuer,
        QUARKUS_OIDC_CLIENT_ID: 'promptgate',
        QUARKUS_OIDC_TOKEN_AUDIENCE: 'promptgate',
        // The coverage report counts people from the rollups, which catch up every minute by default.
        PROMPTGATE_EVENTS_ROLLUP_INTERVAL: '1s',
      },
    });
    await server.start();
    await server.admin.updateSettings({ organizationName: 'Acme', requireAcknowledgement: true, acknowledgeEveryDays: 90 });
    guidelineVersion = await server.admin.publishGuideline('Using AI at Acme', 'Never enter customer data.');
    await server.admin.setRule('chatgpt', { action: 'WARN', message: 'Think before you paste.' });
    await server.admin.setRule('gemini', { action: 'ACKNOWLEDGE' });
    const finance = await server.admin.request('POST', '/api/v1/groups', { body: { name: 'Finance', idpValue: 'Finance', priority: 10 } });
    financeId = finance.body.id;
    await server.admin.request('PUT', `/api/v1/rules/groups/${financeId}/chatgpt`, { body: { action: 'BLOCK', message: FINANCE_MESSAGE } });
    // Claude restricted to the company's organization for Finance only: off for the organization, on for the group.
    await server.admin.setRule('claude', { action: 'ALLOW' });
    await server.admin.request('PUT', '/api/v1/tenant-restrictions/claude', { body: { enabled: false, allowedIds: [CLAUDE_ORG] } });
    await server.admin.request('PUT', `/api/v1/tenant-restrictions/claude/groups/${financeId}`, { body: { enabled: true } });
    enrollmentToken = await server.admin.createEnrollmentToken('browser tests: identity oidc');
    fixture = await startFixtureServer(['chatgpt.com', 'gemini.google.com', 'claude.ai']);
    writeManagedConfig({
      serverUrl: server.url,
      enrollmentToken,
      refreshSeconds: 5,
      identity: 'oidc',
      oidcIssuer: keycloak.issuer,
      oidcClientId: 'promptgate-extension',
    });
  });

  after(async () => {
    for (const context of browsers) await context.close().catch((error) => console.error('closing a browser failed', error));
    removeManagedConfig();
    await fixture?.close();
    await server?.stop();
    await keycloak?.stop();
  });

  /**
   * Starts a browser for one person and signs them in on the sign-in page the extension opens by itself.
   * @param {string} username
   * @param {string} password
   */
  async function signedInBrowser(username, password) {
    const context = await launchBrowser(fixture);
    context.setDefaultTimeout(30_000);
    browsers.push(context);
    // Nobody is signed in and Keycloak has no session yet: the silent attempt (prompt=none) is answered
    // login_required, and the extension asks the person once, from its sign-in page.
    const signInPage = await eventually(async () => context.pages().find((p) => p.url().startsWith(SIGN_IN_PAGE)), (p) => p !== undefined, {
      what: 'the sign-in page the extension opens',
    });
    if (signInPage === undefined) throw new Error('unreachable');
    await signInPage.locator('[data-pg="sign-in-identity"][data-known="false"]').waitFor();
    const providerWindow = context.waitForEvent('page');
    await signInPage.locator('[data-pg="sign-in"]').click();
    // In headless Chromium the launchWebAuthFlow window is a page of the context: Keycloak's own login form.
    const login = await providerWindow;
    /** @type {string[]} */
    const answers = [];
    // What the provider answered, to tell a refused password from a failing redirect when the sign-in fails.
    login.on('response', (r) => answers.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`));
    await login.locator('#username').fill(username);
    await login.locator('#password').fill(password);
    await login.locator('#kc-login').click();
    await signInPage.locator('[data-pg="sign-in-identity"][data-known="true"], [data-pg="sign-in-problem"]').waitFor();
    const problem = signInPage.locator('[data-pg="sign-in-problem"]');
    if ((await problem.count()) > 0) throw new Error(`${username} could not sign in: ${await problem.innerText()}; the provider answered ${answers.join(' | ')}`);
    await signInPage.screenshot({ path: `${ARTIFACTS}identity-oidc-signed-in-${username}.png` });
    return { context, signInPage };
  }

  /**
   * The bundle the extension enforces, once `test` holds for it.
   * @param {BrowserContext} context
   * @param {(bundle: any) => boolean} test
   * @param {string} what
   */
  async function policyOf(context, test, what) {
    return eventually(
      async () => {
        const worker = context.serviceWorkers().filter((w) => w.url().startsWith(EXTENSION_ORIGIN)).at(-1);
        const body = await worker?.evaluate(async () => /** @type {any} */ (await chrome.storage.local.get('policy')).policy?.body ?? null);
        return typeof body === 'string' ? JSON.parse(body) : null;
      },
      (bundle) => bundle !== null && test(bundle),
      { what },
    );
  }

  /** @param {BrowserContext} context */
  async function session(context) {
    const worker = context.serviceWorkers().filter((w) => w.url().startsWith(EXTENSION_ORIGIN)).at(-1);
    return worker?.evaluate(async () => /** @type {any} */ (await chrome.storage.session.get('oidcSession')).oidcSession ?? null);
  }

  /** @param {BrowserContext} context */
  async function policySession(context) {
    const worker = context.serviceWorkers().filter((w) => w.url().startsWith(EXTENSION_ORIGIN)).at(-1);
    return worker?.evaluate(async () => /** @type {any} */ (await chrome.storage.session.get('policySession')).policySession ?? '');
  }

  /** @param {BrowserContext} context */
  async function acceptGuidelinesOnGemini(context) {
    const page = await context.newPage();
    await page.goto('https://gemini.google.com/app');
    await waitForUi(page, (u) => u.parts.includes('ack-cover'));
    await clickUi(page, 'ack-accept');
    await page.close();
  }

  /** @type {Awaited<ReturnType<typeof signedInBrowser>>} */
  let fiona;
  /** @type {Awaited<ReturnType<typeof signedInBrowser>>} */
  let oscar;

  it('blocks ChatGPT for the Finance member by the Finance group rule', async () => {
    fiona = await signedInBrowser('fiona', 'fiona-password');
    assert.match(await fiona.signInPage.locator('[data-pg="sign-in-identity"]').innerText(), /^Fiona Finance \(fiona@acme\.example\), signed in with 127\.0\.0\.1:\d+$/);
    const bundle = await policyOf(fiona.context, (b) => b.groups.includes('Finance'), "Fiona's policy, with the Finance group");
    assert.deepEqual(bundle.groups, ['Finance']);
    // The server's answer to her token gave a policy session handle, which her next fetches send instead.
    const handle = await eventually(() => policySession(fiona.context), (h) => typeof h === 'string' && h !== '', { what: 'a policy session handle' });
    const answered = await fetch(`${server.url}/api/v1/client/policy`, {
      headers: { Authorization: `Bearer ${enrollmentToken}`, 'X-Promptgate-Session': handle },
    });
    assert.equal(answered.status, 200);
    assert.deepEqual((await answered.json()).groups, ['Finance']);
    const page = await fiona.context.newPage();
    await page.goto('https://chatgpt.com/');
    await page.waitForURL((url) => url.href.startsWith(`${BLOCKED_PAGE}#`));
    assert.equal(await page.locator('[data-pg="blocked-reason"]').innerText(), FINANCE_MESSAGE);
    assert.ok(!fixture.requests.some((r) => r.host === 'chatgpt.com'), 'ChatGPT was never contacted from the Finance browser');
    await page.close();

    const popup = await fiona.context.newPage();
    await popup.goto(`${EXTENSION_ORIGIN}/pages/popup.html`);
    assert.match(await popup.locator('[data-pg="popup-identity"]').innerText(), /^Fiona Finance \(fiona@acme\.example\)/);
    assert.equal(await popup.locator('[data-pg="popup-groups"]').innerText(), 'Finance');
    await popup.screenshot({ path: `${ARTIFACTS}identity-oidc-popup.png` });
    await popup.close();
  });

  it('only warns the person outside Finance, who gets the organization policy', async () => {
    oscar = await signedInBrowser('oscar', 'oscar-password');
    const bundle = await policyOf(oscar.context, (b) => b.services.some((/** @type {any} */ x) => x.key === 'chatgpt'), "Oscar's policy");
    assert.deepEqual(bundle.groups, []);
    assert.equal(bundle.services.find((/** @type {any} */ x) => x.key === 'chatgpt').action, 'WARN');
    const page = await oscar.context.newPage();
    await page.goto('https://chatgpt.com/');
    const ui = await waitForUi(page, (u) => u.parts.includes('banner'));
    assert.match(ui.text, /Think before you paste\./);
    assert.equal(new URL(page.url()).host, 'chatgpt.com');
    await page.close();
  });

  it('counts both acknowledgements in the coverage report, Fiona under Finance', async () => {
    await acceptGuidelinesOnGemini(fiona.context);
    await acceptGuidelinesOnGemini(oscar.context);
    const report = await eventually(
      async () => (await server.admin.request('GET', `/api/v1/reports/acknowledgements?guidelineVersion=${guidelineVersion}`)).body,
      (r) => r.acknowledged === 2,
      { what: 'both acknowledgements in the coverage report' },
    );
    const finance = report.groups.find((/** @type {any} */ g) => g.group === 'Finance');
    assert.ok(finance !== undefined, JSON.stringify(report));
    assert.equal(finance.groupId, financeId);
    assert.equal(finance.acknowledged, 1, 'only Fiona is in Finance');
  });

  it("puts Claude's organization header on the Finance member's requests only", async () => {
    /** @param {BrowserContext} context */
    const claudeHeaders = async (context) => {
      fixture.requests.length = 0;
      const page = await context.newPage();
      await page.goto('https://claude.ai/new');
      await page.close();
      const toClaude = fixture.requests.filter((r) => r.host === 'claude.ai' && r.path === '/new');
      assert.equal(toClaude.length, 1, 'the page was loaded once');
      return toClaude[0].headers;
    };
    const bundle = await policyOf(fiona.context, (b) => (b.tenantRestrictions ?? []).some((/** @type {any} */ r) => r.service === 'claude'), "Fiona's restriction for Claude");
    assert.deepEqual(bundle.groups, ['Finance']);
    await eventually(
      async () => (await fiona.context.serviceWorkers().filter((w) => w.url().startsWith(EXTENSION_ORIGIN)).at(-1)?.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules()).filter((r) => r.action.type === 'modifyHeaders').length)) ?? 0,
      (count) => count > 0,
      { what: "the header rule in Fiona's browser" },
    );
    assert.equal((await claudeHeaders(fiona.context))[CLAUDE_HEADER], CLAUDE_ORG);

    const oscars = await policyOf(oscar.context, (b) => b.services.some((/** @type {any} */ x) => x.key === 'claude'), "Oscar's policy");
    assert.equal(oscars.tenantRestrictions, undefined, 'the organization has the restriction off');
    assert.equal((await claudeHeaders(oscar.context))[CLAUDE_HEADER], undefined);
  });

  it('moves the Finance member out of Finance on the next sync once the directory removes her through SCIM', async () => {
    const scimToken = (await server.admin.request('POST', '/api/v1/scim-tokens', { body: { name: 'browser tests: provisioning' } })).body.secret;
    /** @param {string} method @param {string} path @param {unknown} body */
    const scim = async (method, path, body) => {
      const headers = { Authorization: `Bearer ${scimToken}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' };
      const response = await fetch(`${server.url}/scim/v2${path}`, { method, headers, body: JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} /scim/v2${path} answered ${response.status}: ${text}`);
      return text === '' ? null : JSON.parse(text);
    };
    // The identity provider provisions Fiona and the Finance group with her in it, as Entra ID does.
    const user = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'fiona@acme.example',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'fiona@acme.example' }],
    });
    const group = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Finance',
      members: [{ value: user.id }],
    });
    await scim('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: user.id }] }],
    });
    // Her token still names Finance; the directory the organization provisions decides.
    const bundle = await policyOf(fiona.context, (b) => !b.groups.includes('Finance'), "Fiona's policy after she left Finance");
    assert.deepEqual(bundle.groups, []);
    const page = await fiona.context.newPage();
    await page.goto('https://chatgpt.com/');
    const ui = await waitForUi(page, (u) => u.parts.includes('banner'));
    assert.match(ui.text, /Think before you paste\./);
    assert.equal(new URL(page.url()).host, 'chatgpt.com');
    await page.close();
  });

  it('renews the sign-in without a window before the token expires', async () => {
    // The realm's access tokens live 60 s; renewal is due 30 s before the end.
    const first = await session(fiona.context);
    assert.ok(first !== null);
    const pages = fiona.context.pages().length;
    const renewed = await eventually(() => session(fiona.context), (s) => s !== null && s.accessToken !== first.accessToken, {
      what: 'a renewed token',
      timeoutMs: Math.max(5_000, first.expiresAt - Date.now()),
    });
    assert.equal(renewed.subject, first.subject);
    assert.ok(renewed.expiresAt > first.expiresAt);
    assert.equal(fiona.context.pages().length, pages, 'no window was shown');
  });
});
