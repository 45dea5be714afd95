import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';

import { exportJWK, generateKeyPair, SignJWT } from 'jose';

import { readConfig } from '../src/lib/config.js';
import { isUsable, renewalTime, signIn, SignInRequired } from '../src/lib/oidc-flow.js';

const BASE = { serverUrl: 'https://promptgate.example', enrollmentToken: 'pg_et_x' };
const REDIRECT = 'https://alckfeecdeknpfgdenfdanhaphpinjaj.chromiumapp.org/';

describe('identity settings', () => {
  it('default to none, the organization policy', () => {
    const config = readConfig(BASE);
    assert.equal(config.identity, 'none');
    assert.deepEqual(config.problems, []);
  });

  it('fall back to none, with a problem, for an unknown mode', () => {
    const config = readConfig({ ...BASE, identity: 'kerberos' });
    assert.equal(config.identity, 'none');
    assert.match(config.problems.join(), /identity mode "kerberos" is unknown/);
  });

  it('need an HTTPS issuer and a client id in oidc mode', () => {
    assert.deepEqual(readConfig({ ...BASE, identity: 'oidc' }).problems, [
      'identity is oidc but no OIDC issuer is configured',
      'identity is oidc but no OIDC client id is configured',
    ]);
    const plain = readConfig({ ...BASE, identity: 'oidc', oidcIssuer: 'http://idp.example/realms/acme', oidcClientId: 'ext' });
    assert.equal(plain.oidc.issuer, '');
    assert.deepEqual(plain.problems, ['the OIDC issuer must use https']);
    const local = readConfig({ ...BASE, identity: 'oidc', oidcIssuer: 'http://127.0.0.1:8180/realms/acme', oidcClientId: 'ext' });
    assert.equal(local.oidc.issuer, 'http://127.0.0.1:8180/realms/acme');
    assert.deepEqual(local.problems, []);
  });

  it('keep the issuer as written and always ask for openid', () => {
    const config = readConfig({ ...BASE, identity: 'oidc', oidcIssuer: 'https://acme.auth0.example/', oidcClientId: 'ext', oidcScope: 'api://promptgate/access' });
    assert.equal(config.oidc.issuer, 'https://acme.auth0.example/');
    assert.equal(config.oidc.scope, 'openid api://promptgate/access');
    assert.equal(readConfig({ ...BASE, identity: 'oidc', oidcIssuer: 'https://a.example', oidcClientId: 'ext' }).oidc.scope, 'openid profile email');
  });
});

describe('sign-in with authorization code and PKCE', () => {
  /** @type {import('node:http').Server} */
  let server;
  let issuer = '';
  /** @type {CryptoKey} */
  let privateKey;
  /** @type {Map<string, { challenge: string, nonce: string, clientId: string, redirectUri: string }>} */
  const codes = new Map();
  /** @type {{ sub: string, nonce?: string, expiresIn: number }} */
  let issue = { sub: 'person-1', expiresIn: 60 };
  let tokenRequests = 0;

  before(async () => {
    const keys = await generateKeyPair('ES256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', issuer);
      if (url.pathname === '/realms/acme/.well-known/openid-configuration') {
        return json(response, 200, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          id_token_signing_alg_values_supported: ['ES256'],
        });
      }
      if (url.pathname === '/realms/acme/jwks') return json(response, 200, { keys: [jwk] });
      if (url.pathname === '/realms/acme/token' && request.method === 'POST') {
        tokenRequests++;
        let body = '';
        for await (const chunk of request) body += chunk;
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (grant === undefined || grant.challenge !== challenge || grant.clientId !== form.get('client_id') || grant.redirectUri !== form.get('redirect_uri')) {
          return json(response, 400, { error: 'invalid_grant' });
        }
        const idToken = await new SignJWT({ nonce: issue.nonce ?? grant.nonce, name: 'Fiona Finance', email: 'fiona@acme.example' })
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience(grant.clientId)
          .setSubject(issue.sub)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        return json(response, 200, { access_token: `access-for-${issue.sub}`, token_type: 'Bearer', expires_in: issue.expiresIn, id_token: idToken });
      }
      return json(response, 404, {});
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    issuer = `http://127.0.0.1:${address.port}/realms/acme`;
  });
  after(() => new Promise((resolve) => server.close(() => resolve(undefined))));

  const settings = () => ({ issuer, clientId: 'promptgate-extension', scope: 'openid profile email' });

  /**
   * The identity provider's authorization endpoint, as the sign-in window would meet it.
   * @param {{ signedIn: boolean, state?: (state: string) => string }} idp
   * @param {string[]} seen the authorization URLs
   */
  const provider =
    ({ signedIn, state = (s) => s }, seen = []) =>
    /** @type {import('../src/lib/oidc-flow.js').Launch} */
    async (url, interactive) => {
      seen.push(url);
      const request = new URL(url);
      const q = request.searchParams;
      const back = new URL(q.get('redirect_uri') ?? '');
      if (!signedIn && !interactive) {
        back.search = new URLSearchParams({ error: 'login_required', state: state(q.get('state') ?? ''), iss: issuer }).toString();
        return back.href;
      }
      const code = `code-${codes.size}-${Math.random()}`;
      codes.set(code, { challenge: q.get('code_challenge') ?? '', nonce: q.get('nonce') ?? '', clientId: q.get('client_id') ?? '', redirectUri: q.get('redirect_uri') ?? '' });
      back.search = new URLSearchParams({ code, state: state(q.get('state') ?? ''), iss: issuer }).toString();
      return back.href;
    };

  it('signs in with a code bound to a S256 challenge, and keeps the access token and who signed in', async () => {
    issue = { sub: 'person-1', expiresIn: 60 };
    /** @type {string[]} */
    const seen = [];
    const before = Date.now();
    const session = await signIn(settings(), { redirectUri: REDIRECT, interactive: true, launch: provider({ signedIn: false }, seen) });
    const q = new URL(seen[0]).searchParams;
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.equal(q.get('redirect_uri'), REDIRECT);
    assert.equal(q.get('prompt'), null, 'an interactive sign-in lets the provider ask');
    assert.equal(session.accessToken, 'access-for-person-1');
    assert.equal(session.subject, 'person-1');
    assert.equal(session.email, 'fiona@acme.example');
    assert.ok(session.expiresAt >= before + 60_000 && session.expiresAt <= Date.now() + 60_000);
  });

  it('renews silently with prompt=none once the provider has a session, and says so when it has none', async () => {
    /** @type {string[]} */
    const seen = [];
    await assert.rejects(signIn(settings(), { redirectUri: REDIRECT, interactive: false, launch: provider({ signedIn: false }, seen) }), (error) => {
      assert.ok(error instanceof SignInRequired);
      assert.equal(error.reason, 'login_required');
      return true;
    });
    assert.equal(new URL(seen[0]).searchParams.get('prompt'), 'none');
    const session = await signIn(settings(), { redirectUri: REDIRECT, interactive: false, launch: provider({ signedIn: true }) });
    assert.equal(session.subject, 'person-1');
  });

  it('refuses an answer for another request (state) without asking for a token', async () => {
    const requests = tokenRequests;
    await assert.rejects(
      signIn(settings(), { redirectUri: REDIRECT, interactive: true, launch: provider({ signedIn: true, state: () => 'forged' }) }),
      (error) => !(error instanceof SignInRequired),
    );
    assert.equal(tokenRequests, requests);
  });

  it('refuses an ID token minted for another sign-in (nonce)', async () => {
    issue = { sub: 'person-1', expiresIn: 60, nonce: 'replayed' };
    try {
      await assert.rejects(signIn(settings(), { redirectUri: REDIRECT, interactive: true, launch: provider({ signedIn: true }) }), /nonce/);
    } finally {
      issue = { sub: 'person-1', expiresIn: 60 };
    }
  });

  it('refuses a code redeemed with another verifier (the provider checks PKCE)', async () => {
    const launch = provider({ signedIn: true });
    /** @type {import('../src/lib/oidc-flow.js').Launch} */
    const swapped = async (url, interactive) => {
      const changed = new URL(url);
      changed.searchParams.set('code_challenge', createHash('sha256').update('someone else').digest('base64url'));
      return launch(changed.href, interactive);
    };
    await assert.rejects(signIn(settings(), { redirectUri: REDIRECT, interactive: true, launch: swapped }), /invalid_grant/);
  });
});

describe('session lifetime', () => {
  const settings = { issuer: 'https://idp.example', clientId: 'ext', scope: 'openid' };
  const session = { accessToken: 't', issuedAt: 1_000_000, expiresAt: 1_300_000, issuer: 'https://idp.example', clientId: 'ext', subject: 's' };

  it('renews a fifth of the lifetime before the end, and at least 30 s before', () => {
    assert.equal(renewalTime(session), 1_240_000);
    assert.equal(renewalTime({ ...session, expiresAt: 1_060_000 }), 1_030_000);
    assert.equal(renewalTime({ ...session, expiresAt: 1_020_000 }), 1_000_000);
  });

  it('sends a token only for the configured provider and client, and not in its last 10 s', () => {
    assert.ok(isUsable(session, settings, 1_289_000));
    assert.ok(!isUsable(session, settings, 1_290_000));
    assert.ok(!isUsable(session, { ...settings, clientId: 'other' }, 1_100_000));
    assert.ok(!isUsable(session, { ...settings, issuer: 'https://other.example' }, 1_100_000));
    assert.ok(!isUsable(null, settings, 1_100_000));
  });
});

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 */
function json(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
