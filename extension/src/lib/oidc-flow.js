// Signs a person in with the organization's identity provider: authorization code with PKCE for a public client whose
// redirect is the extension's own https://<extension-id>.chromiumapp.org/. The browser part (the sign-in window) is
// passed in as `launch`; the protocol (discovery, PKCE, state, issuer and nonce checks, the token response and the ID
// token's claims) is done by oauth4webapi.
import * as oauth from 'oauth4webapi';

import { isLoopbackHttp } from './config.js';

/**
 * @typedef {object} OidcSession what storage.session keeps for the signed-in person
 * @property {string} accessToken sent to the server as X-Promptgate-User-Token
 * @property {number} issuedAt ms
 * @property {number} expiresAt ms
 * @property {string} issuer
 * @property {string} clientId
 * @property {string} subject the ID token's sub
 * @property {string} [name]
 * @property {string} [email]
 *
 * @typedef {(url: string, interactive: boolean) => Promise<string | undefined>} Launch opens the authorization URL
 *   and resolves with the URL the provider redirected to
 */

/** Answers of prompt=none that mean the person has to sign in (OpenID Connect Core 3.1.2.6). */
const NEEDS_THE_PERSON = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);
/** When the provider says nothing about the access token's lifetime. */
const DEFAULT_LIFETIME_SECONDS = 300;

/** The provider needs the person: a silent attempt cannot succeed, an interactive one can. */
export class SignInRequired extends Error {
  /** @param {string} reason */
  constructor(reason) {
    super(`signing in needs the person (${reason})`);
    this.reason = reason;
  }
}

/**
 * @param {import('./config.js').OidcSettings} settings
 * @param {{ redirectUri: string, interactive: boolean, launch: Launch, now?: () => number }} options
 * @returns {Promise<OidcSession>}
 */
export async function signIn(settings, { redirectUri, interactive, launch, now = Date.now }) {
  const issuer = new URL(settings.issuer);
  // Plain HTTP only to this machine (a provider tried out locally), as for the server URL.
  const transport = isLoopbackHttp(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...transport, algorithm: 'oidc' }));
  if (as.authorization_endpoint === undefined) throw new Error('the identity provider publishes no authorization endpoint');
  /** @type {oauth.Client} */
  const client = { client_id: settings.clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();

  const authorize = new URL(as.authorization_endpoint);
  const params = {
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: settings.scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...(interactive ? {} : { prompt: 'none' }),
  };
  for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);

  const answer = await launch(authorize.href, interactive);
  if (answer === undefined || answer === '') throw new Error('the sign-in ended without an answer');
  let callback;
  try {
    callback = oauth.validateAuthResponse(as, client, new URL(answer), state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError && NEEDS_THE_PERSON.has(error.error)) throw new SignInRequired(error.error);
    throw error;
  }
  const started = now();
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, redirectUri, verifier, transport);
  let tokens;
  try {
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    throw new Error(`the identity provider refused the sign-in: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`, { cause: error });
  }
  const claims = /** @type {oauth.IDToken} */ (oauth.getValidatedIdTokenClaims(tokens));
  return {
    accessToken: tokens.access_token,
    issuedAt: started,
    expiresAt: started + (tokens.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000,
    issuer: settings.issuer,
    clientId: settings.clientId,
    subject: claims.sub,
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
  };
}

/**
 * When to renew a session silently: a fifth of its life before it ends, at least 30 s before (Chrome's alarms fire
 * at most every 30 s for packed extensions), never before it was issued.
 * @param {OidcSession} session
 * @returns {number} ms
 */
export function renewalTime(session) {
  const lifetime = session.expiresAt - session.issuedAt;
  return Math.max(session.issuedAt, session.expiresAt - Math.max(30_000, lifetime / 5));
}

/**
 * Whether the session's access token can still be sent: it belongs to the configured provider and client, and has
 * more than 10 s left (the server would refuse an expired one).
 * @param {OidcSession | null} session
 * @param {import('./config.js').OidcSettings} settings
 * @param {number} now
 * @returns {session is OidcSession}
 */
export function isUsable(session, settings, now) {
  return session !== null && session.issuer === settings.issuer && session.clientId === settings.clientId && session.expiresAt - 10_000 > now;
}
