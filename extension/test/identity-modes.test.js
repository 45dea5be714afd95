// The service worker's identity module with a stand-in for the chrome API: a test browser has no signed-in profile,
// so the browser-account mode is covered here (see docs/identity.md).
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

/** @type {Record<string, unknown>} */
let managed = {};
/** @type {Record<string, unknown>} */
let session = {};
/** @type {{ email: string, id: string } | Error} */
let profile = { email: '', id: '' };
/** @type {unknown[]} */
let profileQueries = [];

const area = (/** @type {() => Record<string, unknown>} */ data) => ({
  /** @param {string | null} key */
  get: async (key) => (key === null ? { ...data() } : key in data() ? { [key]: data()[key] } : {}),
  /** @param {Record<string, unknown>} items */
  set: async (items) => Object.assign(data(), items),
});

globalThis.chrome = /** @type {any} */ ({
  storage: { managed: area(() => managed), session: area(() => session), local: area(() => ({})) },
  identity: {
    /** @param {unknown} details */
    getProfileUserInfo: async (details) => {
      profileQueries.push(details);
      if (profile instanceof Error) throw profile;
      return profile;
    },
    getRedirectURL: () => 'https://alckfeecdeknpfgdenfdanhaphpinjaj.chromiumapp.org/',
  },
  alarms: { create: async () => undefined, clear: async () => true },
  runtime: { getURL: (/** @type {string} */ path) => `chrome-extension://test/${path}` },
});

const { dropPolicySession, forgetSession, identityHeaders, identityStatus, notePolicySession, policyIdentity } = await import('../src/background/identity.js');
const { loadConfig } = await import('../src/background/config-source.js');

const BASE = { serverUrl: 'https://promptgate.example', enrollmentToken: 'pg_et_x' };

describe('identity modes in the service worker', () => {
  beforeEach(() => {
    managed = { ...BASE };
    session = {};
    profile = { email: '', id: '' };
    profileQueries = [];
  });

  it('none: no identity header, and the browser account is not even read', async () => {
    profile = { email: 'pat@acme.example', id: '1' };
    assert.deepEqual(await identityHeaders(await loadConfig()), {});
    assert.deepEqual(profileQueries, []);
    assert.deepEqual(await identityStatus(), { mode: 'none', known: true });
  });

  it('browser-account: sends the profile account, asked for with accountStatus ANY', async () => {
    managed = { ...BASE, identity: 'browser-account' };
    profile = { email: ' pat@acme.example ', id: '1' };
    assert.deepEqual(await identityHeaders(await loadConfig()), { 'X-Promptgate-Browser-Account': 'pat@acme.example' });
    assert.deepEqual(profileQueries, [{ accountStatus: 'ANY' }]);
    assert.deepEqual(await identityStatus(), { mode: 'browser-account', known: true, email: 'pat@acme.example' });
  });

  it('browser-account: an unsigned profile is no identity yet, so events wait and the policy follows failMode', async () => {
    managed = { ...BASE, identity: 'browser-account' };
    assert.equal(await identityHeaders(await loadConfig()), null);
    profile = new Error('identity.email permission missing');
    assert.equal(await identityHeaders(await loadConfig()), null);
    assert.deepEqual(await identityStatus(), { mode: 'browser-account', known: false, email: '' });
  });

  it('oidc: sends the session token of the configured provider, and not one of another provider', async () => {
    managed = { ...BASE, identity: 'oidc', oidcIssuer: 'https://idp.example/realms/acme', oidcClientId: 'promptgate-extension' };
    const now = Date.now();
    const person = { accessToken: 'at-1', issuedAt: now, expiresAt: now + 300_000, issuer: 'https://idp.example/realms/acme', clientId: 'promptgate-extension', subject: 's1', name: 'Pat', email: 'pat@acme.example' };
    session = { oidcSession: person };
    assert.deepEqual(await identityHeaders(await loadConfig()), { 'X-Promptgate-User-Token': 'at-1' });
    const status = await identityStatus();
    assert.equal(status.known, true);
    assert.equal(/** @type {any} */ (status).email, 'pat@acme.example');

    session = { oidcSession: { ...person, issuer: 'https://old-idp.example' } };
    assert.equal((await identityStatus()).known, false);
  });
});

describe('policy session handles', () => {
  const TOKEN = { 'X-Promptgate-User-Token': 'at-1' };
  const inSeconds = (/** @type {number} */ seconds) => Math.floor(Date.now() / 1000) + seconds;
  const handle = (/** @type {number} */ expiry) => `1.${expiry}.41.7.3-9.AbCdEfGhIjKlMnOpQrStUv`;

  beforeEach(() => {
    session = {};
  });

  it('a policy fetch sends the handle the server gave for the token instead of the token', async () => {
    assert.deepEqual(await policyIdentity(TOKEN), TOKEN);
    const given = handle(inSeconds(600));
    await notePolicySession(TOKEN, given);
    assert.deepEqual(await policyIdentity(TOKEN), { 'X-Promptgate-Session': given });
  });

  it('sends the token again once the handle nears its expiry, or after it was dropped', async () => {
    await notePolicySession(TOKEN, handle(inSeconds(20)));
    assert.deepEqual(await policyIdentity(TOKEN), TOKEN);
    await notePolicySession(TOKEN, handle(inSeconds(600)));
    await dropPolicySession();
    assert.deepEqual(await policyIdentity(TOKEN), TOKEN);
  });

  it('keeps a handle only for a request that sent the token, and only a well-formed one', async () => {
    await notePolicySession({}, handle(inSeconds(600)));
    await notePolicySession({ 'X-Promptgate-Session': 'old' }, handle(inSeconds(600)));
    await notePolicySession(TOKEN, null);
    await notePolicySession(TOKEN, '1.soon.41.7.3.AbCd');
    await notePolicySession(TOKEN, `${handle(inSeconds(600))}\r\nX-Injected: 1`);
    await notePolicySession(TOKEN, `1.${inSeconds(600)}.${'9'.repeat(3000)}.x`);
    assert.equal(session.policySession, undefined);
    assert.deepEqual(await policyIdentity(TOKEN), TOKEN);
  });

  it('never replaces anything but a user token: nobody and browser accounts are sent as they are', async () => {
    await notePolicySession(TOKEN, handle(inSeconds(600)));
    assert.deepEqual(await policyIdentity({}), {});
    const account = { 'X-Promptgate-Browser-Account': 'pat@acme.example' };
    assert.deepEqual(await policyIdentity(account), account);
  });

  it('a forgotten sign-in drops the handle with the token', async () => {
    await notePolicySession(TOKEN, handle(inSeconds(600)));
    await forgetSession();
    assert.equal(session.policySession, '');
    assert.deepEqual(await policyIdentity(TOKEN), TOKEN);
  });
});
