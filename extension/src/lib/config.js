// The extension's settings: from chrome.storage.managed (enterprise policy) when the admin set any, otherwise from
// the options page. See src/managed-schema.json for what each key means.
import { signingKeysOf } from './signature.js';

/**
 * @typedef {'open' | 'closed'} FailMode
 *
 * @typedef {object} ExtensionConfig
 * @property {boolean} managed whether the settings come from enterprise policy
 * @property {string} serverUrl without a trailing slash; '' when not configured
 * @property {string} enrollmentToken '' when not configured
 * @property {import('./signature.js').PublicJwk[]} signingKeys pinned by the admin; empty: trust on first use
 * @property {number | null} refreshSeconds overrides the bundle's refreshSeconds
 * @property {FailMode} failMode what to do before any policy was ever received
 * @property {number} historyReminderDays how long "done" silences a history reminder
 * @property {string[]} problems why the settings cannot be used as they are
 */

export const MANAGED_KEYS = Object.freeze([
  'serverUrl',
  'enrollmentToken',
  'signingKeys',
  'refreshSeconds',
  'failMode',
  'historyReminderDays',
]);
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
  return {
    managed: isManaged,
    serverUrl,
    enrollmentToken,
    signingKeys,
    refreshSeconds: integerOrNull(source.refreshSeconds, MIN_REFRESH_SECONDS, 86_400),
    failMode: source.failMode === 'closed' ? 'closed' : 'open',
    historyReminderDays: integerOrNull(source.historyReminderDays, 1, 3650) ?? DEFAULT_REMINDER_DAYS,
    problems,
  };
}

/** @param {ExtensionConfig} config */
export function canSync(config) {
  return config.serverUrl !== '' && config.enrollmentToken !== '';
}

/**
 * HTTPS, or plain HTTP to this machine only (a server tried out locally).
 * @param {unknown} value
 * @param {string[]} problems
 */
function normalizeServerUrl(value, problems) {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push('no server URL is configured');
    return '';
  }
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    problems.push('the server URL is not a URL');
    return '';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    problems.push('the server URL must use https');
    return '';
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
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
