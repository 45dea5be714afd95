// Who the extension tells the server the person is (managed setting `identity`): nobody ('none', the organization's
// policy), the person signed in with the organization's identity provider ('oidc'), or the account the managed
// browser profile is signed in with ('browser-account'). OIDC tokens live only in storage.session, so they end with
// the browser session; they are renewed silently (prompt=none, no window) before they expire, and the person is asked
// to sign in, once per browser session, from the extension's sign-in page.
import { isUsable, renewalTime, signIn, SignInRequired } from '../lib/oidc-flow.js';
import { loadConfig } from './config-source.js';
import { readSession, updateSession } from './storage.js';

export const RENEW_ALARM = 'identity-renew';
export const USER_TOKEN_HEADER = 'X-Promptgate-User-Token';
export const BROWSER_ACCOUNT_HEADER = 'X-Promptgate-Browser-Account';
export const SESSION_HEADER = 'X-Promptgate-Session';

/** A handle is dropped this long before the expiry it names, so that it is not refused in flight. */
const SESSION_MARGIN_SECONDS = 30;

/** @typedef {import('../lib/oidc-flow.js').OidcSession} OidcSession */

/** After the provider said it needs the person, how long no silent attempt is made (each opens a hidden window). */
const QUIET_AFTER_SIGN_IN_REQUIRED_MS = 5 * 60_000;

/** @type {Promise<OidcSession | null> | null} */
let renewing = null;
/** While the person signs in, a silent attempt would start a second login at the provider and spoil the first. */
let signingIn = false;
/** @type {() => void} */
let onSignedIn = () => undefined;

/**
 * What to do when a person has signed in (the service worker syncs the policy and sends waiting events).
 * @param {() => void} callback
 */
export function whenSignedIn(callback) {
  onSignedIn = callback;
}

/**
 * The headers that tell the server who the person is: {} in mode 'none', null while the mode's person is not known
 * yet (not signed in, no browser account). Until then the policy follows failMode and events wait in the queue.
 * @param {import('../lib/config.js').ExtensionConfig} config
 * @returns {Promise<Record<string, string> | null>}
 */
export async function identityHeaders(config) {
  if (config.identity === 'oidc') {
    const session = await currentSession(config);
    return session === null ? null : { [USER_TOKEN_HEADER]: session.accessToken };
  }
  if (config.identity === 'browser-account') {
    const email = await browserAccount();
    return email === '' ? null : { [BROWSER_ACCOUNT_HEADER]: email };
  }
  return {};
}

/**
 * The headers for a policy fetch: the server's session handle instead of the user token while the server's last answer
 * for this sign-in gave one that has not expired (a handle is about fifty bytes, a token about a kilobyte, and the
 * policy is fetched every few minutes). Events always carry the token.
 * @param {Record<string, string>} identity what identityHeaders gave
 * @returns {Promise<Record<string, string>>}
 */
export async function policyIdentity(identity) {
  if (!(USER_TOKEN_HEADER in identity)) return identity;
  const handle = await readSession('policySession');
  if (handle === '' || Date.now() / 1000 >= sessionExpiry(handle) - SESSION_MARGIN_SECONDS) return identity;
  return { [SESSION_HEADER]: handle };
}

/**
 * Keeps the handle the server gave for the user token it was sent (an answer to anything else gives none).
 * @param {Record<string, string>} sent the identity headers of the request
 * @param {string | null} handle the answer's X-Promptgate-Session
 */
export async function notePolicySession(sent, handle) {
  if (!(USER_TOKEN_HEADER in sent) || handle === null) return;
  // Only the expiry is read here; the server checks the rest, and a handle it refuses is dropped.
  if (!/^[0-9A-Za-z._-]{1,2048}$/.test(handle) || !Number.isFinite(sessionExpiry(handle))) return;
  await updateSession('policySession', () => handle);
}

/** Drops the handle: the server refused it, or the sign-in it stood for changed. */
export async function dropPolicySession() {
  await updateSession('policySession', () => '');
}

/**
 * The expiry a handle names (its second dot-separated part, epoch seconds); NaN for anything else.
 * @param {string} handle
 */
function sessionExpiry(handle) {
  const part = handle.split('.')[1] ?? '';
  return /^[0-9]{1,12}$/.test(part) ? Number(part) : NaN;
}

/**
 * The e-mail of the account the browser profile is signed in with, '' when none (or when Chrome does not tell).
 * accountStatus ANY: the account counts even when the person turned browser sync off.
 * @returns {Promise<string>}
 */
export async function browserAccount() {
  try {
    const info = await chrome.identity.getProfileUserInfo({ accountStatus: /** @type {chrome.identity.AccountStatus} */ ('ANY') });
    return typeof info?.email === 'string' ? info.email.trim() : '';
  } catch (error) {
    console.warn('identity.getProfileUserInfo failed', error);
    return '';
  }
}

/**
 * The signed-in person's session, renewed silently first when it is about to end; null when nobody is signed in.
 * @param {import('../lib/config.js').ExtensionConfig} config
 */
async function currentSession(config) {
  const session = await readSession('oidcSession');
  if (isUsable(session, config.oidc, Date.now()) && Date.now() < renewalTime(session)) return session;
  const renewed = Date.now() < (await readSession('silentSignInAfter')) ? null : await renewSession('token needed');
  return isUsable(renewed, config.oidc, Date.now()) ? renewed : isUsable(session, config.oidc, Date.now()) ? session : null;
}

/**
 * Renews the session without showing anything. When the provider needs the person, the session in force is kept until
 * it expires, and the sign-in page is opened (once per browser session).
 * @param {string} reason
 * @returns {Promise<OidcSession | null>} the new session, or null
 */
export function renewSession(reason) {
  renewing ??= (async () => {
    const config = await loadConfig();
    if (config.identity !== 'oidc' || config.oidc.issuer === '' || config.oidc.clientId === '' || signingIn) return null;
    try {
      return await keep(await signIn(config.oidc, { redirectUri: chrome.identity.getRedirectURL(), interactive: false, launch }));
    } catch (error) {
      if (error instanceof SignInRequired) {
        await updateSession('silentSignInAfter', () => Date.now() + QUIET_AFTER_SIGN_IN_REQUIRED_MS);
        await askForSignInOnce();
      } else {
        console.warn(`renewing the sign-in (${reason}) failed`, error);
        await chrome.alarms.create(RENEW_ALARM, { delayInMinutes: 1 });
      }
      return null;
    }
  })().finally(() => {
    renewing = null;
  });
  return renewing;
}

/** Signs the person in with a window of the identity provider; asked for from the sign-in page or the popup. */
export async function signInInteractively() {
  const config = await loadConfig();
  if (config.identity !== 'oidc') throw new Error('this browser is not set up to sign in');
  if (config.oidc.issuer === '' || config.oidc.clientId === '') throw new Error(config.problems.join('; '));
  const redirectUri = chrome.identity.getRedirectURL();
  // A silent attempt already under way finishes first.
  await renewing;
  signingIn = true;
  try {
    await keep(await signIn(config.oidc, { redirectUri, interactive: true, launch }));
  } catch (error) {
    // The window can fail after the person signed in at the provider (Chrome reports the redirect's own page load
    // as a failure at times); the provider's session is there by then, and a silent request picks it up.
    console.warn('the sign-in window failed; trying without one', error);
    const session = await signIn(config.oidc, { redirectUri, interactive: false, launch }).catch(() => null);
    if (session === null) throw error;
    await keep(session);
  } finally {
    signingIn = false;
  }
  return identityStatus();
}

/** Forgets the session, e.g. after the server refused its token; the next request renews it. */
export async function forgetSession() {
  await updateSession('oidcSession', () => null);
  await dropPolicySession();
  await chrome.alarms.clear(RENEW_ALARM);
}

/** What the popup and the sign-in page show: which identity the extension reports to the server. */
export async function identityStatus() {
  const config = await loadConfig();
  if (config.identity === 'browser-account') {
    const email = await browserAccount();
    return { mode: config.identity, known: email !== '', email };
  }
  if (config.identity === 'oidc') {
    const session = await readSession('oidcSession');
    const known = isUsable(session, config.oidc, Date.now());
    return {
      mode: config.identity,
      known,
      provider: config.oidc.issuer === '' ? '' : new URL(config.oidc.issuer).host,
      ...(known ? { name: session.name ?? '', email: session.email ?? '', subject: session.subject, expiresAt: session.expiresAt } : {}),
    };
  }
  return { mode: config.identity, known: true };
}

/** @param {OidcSession} session */
async function keep(session) {
  const previous = await readSession('oidcSession');
  await updateSession('oidcSession', () => session);
  // A new token may name other groups: the next policy fetch sends it, and gets a handle for it.
  await dropPolicySession();
  await updateSession('silentSignInAfter', () => 0);
  await chrome.alarms.create(RENEW_ALARM, { when: renewalTime(session) });
  if (previous === null || previous.subject !== session.subject) onSignedIn();
  return session;
}

async function askForSignInOnce() {
  let ask = false;
  await updateSession('signInAsked', (asked) => {
    ask = !asked;
    return true;
  });
  if (!ask) return;
  try {
    await chrome.tabs.create({ url: chrome.runtime.getURL('pages/sign-in.html') });
  } catch (error) {
    console.warn('opening the sign-in page failed', error);
  }
}

/** @type {import('../lib/oidc-flow.js').Launch} */
async function launch(url, interactive) {
  try {
    return await chrome.identity.launchWebAuthFlow({ url, interactive });
  } catch (error) {
    // Without a window, a provider that shows a page instead of redirecting ends the flow with an error.
    if (!interactive) throw new SignInRequired(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
