// The extension's settings: from chrome.storage.managed (enterprise policy) when the admin set any, otherwise from
// the options page. See src/managed-schema.json for what each key means.
import { signingKeysOf } from './signature.js';

/**
 * @typedef {'open' | 'closed'} FailMode
 * @typedef {'none' | 'oidc' | 'browser-account'} IdentityMode
 *
 * @typedef {object} OidcSettings
 * @property {string} issuer the identity provider's issuer URL exactly as it names itself; '' when not configured
 * @property {string} clientId the public client registered for the extension
 * @property {string} scope what the authorization request asks for
 *
 * @typedef {object} ExtensionConfig
 * @property {boolean} managed whether the settings come from enterprise policy
 * @property {string} serverUrl without a trailing slash; '' when not configured
 * @property {string} enrollmentToken '' when not configured
 * @property {import('./signature.js').PublicJwk[]} signingKeys pinned by the admin; empty: trust on first use
 * @property {number | null} refreshSeconds overrides the bundle's refreshSeconds
 * @property {FailMode} failMode what to do before any policy was ever received
 * @property {number} historyReminderDays how long "done" silences a history reminder
 * @property {IdentityMode} identity who the extension tells the server the person is
 * @property {OidcSettings} oidc used when identity is 'oidc'
 * @property {string[]} problems why the settings cannot be used as they are
 */

export const MANAGED_KEYS = Object.freeze([
  'serverUrl',
  'enrollmentToken',
  'signingKeys',
  'refreshSeconds',
  'failMode',
  'historyReminderDays',
  'identity',
  'oidcIssuer',
  'oidcClientId',
  'oidcScope',
]);
export const IDENTITY_MODES = Object.freeze(['none', 'oidc', 'browser-account']);
export const DEFAULT_OIDC_SCOPE = 'openid profile email';
export const MIN_REFRESH_SECONDS = 5;
const DEFAULT_REMINDER_DAYS = 30;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * @param {Record<string, unknown>} managed what chrome.storage.managed holds
 * @param {Record<string, unknown>} [unmanaged] what the options page saved
 * @returns {ExtensionConfig}
 */
export function readConfig(managed, unmanaged = {}) {
  const isManaged = MANAGED_KEYS.some((key) => managed[key] !== undefined);
  const source = isManaged ? managed : unmanaged;
  /** @type {string[]} */
  const problems = [];
  const serverUrl = normalizeServerUrl(source.serverUrl, problems);
  const enrollmentToken = typeof source.enrollmentToken === 'string' ? source.enrollmentToken.trim() : '';
  if (enrollmentToken === '') problems.push('no enrollment token is configured');
  const configuredKeys = jsonOrValue(source.signingKeys ?? []);
  const signingKeys = signingKeysOf(configuredKeys);
  if (Array.isArray(configuredKeys) && signingKeys.length !== configuredKeys.length) {
    problems.push('some signing keys are not P-256 EC public keys and were ignored');
  }
  const identity = identityMode(source.identity, problems);
  const oidc = oidcSettings(source, identity === 'oidc' ? problems : []);
  return {
    managed: isManaged,
    serverUrl,
    enrollmentToken,
    signingKeys,
    refreshSeconds: integerOrNull(source.refreshSeconds, MIN_REFRESH_SECONDS, 86_400),
    failMode: source.failMode === 'closed' ? 'closed' : 'open',
    historyReminderDays: integerOrNull(source.historyReminderDays, 1, 3650) ?? DEFAULT_REMINDER_DAYS,
    identity,
    oidc,
    problems,
  };
}

/** @param {ExtensionConfig} config */
export function canSync(config) {
  return config.serverUrl !== '' && config.enrollmentToken !== '';
}

/**
 * An unknown mode is a problem and falls back to 'none': the organization's policy, as before identity modes.
 * @param {unknown} value
 * @param {string[]} problems
 * @returns {IdentityMode}
 */
function identityMode(value, problems) {
  if (value === undefined || value === '') return 'none';
  if (IDENTITY_MODES.includes(/** @type {string} */ (value))) return /** @type {IdentityMode} */ (value);
  problems.push(`the identity mode "${String(value)}" is unknown; the organization's policy applies`);
  return 'none';
}

/**
 * @param {Record<string, unknown>} source
 * @param {string[]} problems
 * @returns {OidcSettings}
 */
function oidcSettings(source, problems) {
  const given = typeof source.oidcIssuer === 'string' ? source.oidcIssuer.trim() : '';
  // Kept as written: discovery compares it with the provider's own issuer exactly (some end with a slash).
  const issuer = given !== '' && normalizeUrl(given, 'the OIDC issuer', problems) !== '' ? given : '';
  if (given === '') problems.push('identity is oidc but no OIDC issuer is configured');
  const clientId = typeof source.oidcClientId === 'string' ? source.oidcClientId.trim() : '';
  if (clientId === '') problems.push('identity is oidc but no OIDC client id is configured');
  const scope = typeof source.oidcScope === 'string' && source.oidcScope.trim() !== '' ? source.oidcScope.trim() : DEFAULT_OIDC_SCOPE;
  return { issuer, clientId, scope: scope.split(/\s+/).includes('openid') ? scope : `openid ${scope}` };
}

/**
 * @param {unknown} value
 * @param {string[]} problems
 */
function normalizeServerUrl(value, problems) {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push('no server URL is configured');
    return '';
  }
  return normalizeUrl(value, 'the server URL', problems);
}

/**
 * HTTPS, or plain HTTP to this machine only (a server tried out locally).
 * @param {string} value
 * @param {string} what
 * @param {string[]} problems
 */
function normalizeUrl(value, what, problems) {
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    problems.push(`${what} is not a URL`);
    return '';
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    problems.push(`${what} must use https`);
    return '';
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** @param {URL} url */
export function isLoopbackHttp(url) {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

/**
 * Windows policy delivers list values as JSON text when they were written as registry strings.
 * @param {unknown} value
 */
function jsonOrValue(value) {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * @param {unknown} value
 * @param {number} min
 * @param {number} max
 */
function integerOrNull(value, min, max) {
  return typeof value === 'number' && Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : null;
}
