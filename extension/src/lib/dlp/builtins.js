// The built-in detectors. Each finds [start, end) ranges in a text with a pattern that cannot backtrack more than a
// bounded amount per position (no nested unbounded repetition), plus a check where the format has one (Luhn, IBAN
// mod-97, entropy). The credential formats follow the vendors' published token formats; the prefixes agree with the
// rules of gitleaks (MIT), which served as the cross-check.
import { cardNumberValid, ibanLength, ibanValid, looksSecret } from './checks.js';

/**
 * @typedef {[number, number]} Range
 * @typedef {object} BuiltinDetector
 * @property {string} id
 * @property {string} name
 * @property {string} label what a placeholder says: [CARD-1]
 * @property {boolean} onByDefault
 * @property {(text: string) => Range[]} find
 */

/**
 * @param {RegExp} pattern with the g flag
 * @param {(match: RegExpExecArray) => Range | null} [accept] the range to report, or null to skip the candidate
 * @returns {(text: string) => Range[]}
 */
function byPattern(pattern, accept = (m) => [m.index, m.index + m[0].length]) {
  return (text) => {
    /** @type {Range[]} */
    const found = [];
    const re = new RegExp(pattern.source, pattern.flags);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      const range = accept(m);
      if (range === null) continue;
      found.push(range);
      // A check that took less than the candidate looks again right after what it took.
      if (range[1] < re.lastIndex && range[1] > m.index) re.lastIndex = range[1];
    }
    return found;
  };
}

// A run of 12-19 digits, optionally grouped by single spaces or dashes. Grouped runs are tried at each group
// boundary from the longest, so two grouped numbers side by side are both found.
const card = byPattern(/(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d]|-\d)/g, (m) => {
  const groups = m[0].split(/[ -]/);
  for (let n = groups.length; n >= 1; n--) {
    const taken = groups.slice(0, n);
    const digits = taken.join('');
    if (digits.length < 12) break;
    // Separators only between groups of 4, or in the 4-6-5 / 4-6-4 layouts of American Express and Diners Club.
    const lengths = taken.map((g) => g.length).join('-');
    if (n > 1 && !(taken.slice(0, -1).every((g) => g.length === 4) || lengths === '4-6-5' || lengths === '4-6-4')) continue;
    if (cardNumberValid(digits)) return [m.index, m.index + taken.join(' ').length];
  }
  return null;
});

/** A private key block: from its BEGIN line through its END line (or to the end of the base64 body when cut off). */
function privateKey(/** @type {string} */ text) {
  /** @type {Range[]} */
  const found = [];
  const begin = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY(?: BLOCK)?-----/g;
  for (let m = begin.exec(text); m !== null; m = begin.exec(text)) {
    const endMarker = `-----END ${m[1]}PRIVATE KEY`;
    const end = text.indexOf(endMarker, begin.lastIndex);
    const next = text.indexOf('-----BEGIN ', begin.lastIndex);
    let stop;
    if (end >= 0 && (next < 0 || end < next)) {
      const close = text.indexOf('-----', end + endMarker.length);
      stop = close >= 0 && close - end < 40 ? close + 5 : end + endMarker.length;
    } else {
      const body = /(?:\s*[A-Za-z0-9+/=]{16,})*/y;
      body.lastIndex = begin.lastIndex;
      body.exec(text);
      stop = body.lastIndex;
    }
    found.push([m.index, stop]);
    begin.lastIndex = stop;
  }
  return found;
}

const TOKEN_END = '(?![A-Za-z0-9_-])';
const TOKEN_START = '(?<![A-Za-z0-9_-])';
/** @param {string} body */
const token = (body) => byPattern(new RegExp(`${TOKEN_START}(?:${body})${TOKEN_END}`, 'g'));

const iban = byPattern(/(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,32}/g, (m) => {
  const length = ibanLength(m[0].slice(0, 2));
  if (length === undefined) return null;
  let taken = 0;
  let end = 0;
  while (end < m[0].length && taken < length) if (m[0][end++] !== ' ') taken++;
  const compact = m[0].slice(0, end).replaceAll(' ', '');
  const after = m.input[m.index + end];
  if (taken !== length || (after !== undefined && /[A-Za-z0-9]/.test(after) && m[0][end] !== ' ')) return null;
  return ibanValid(compact) ? [m.index, m.index + end] : null;
});

const privateIp = byPattern(
  /(?<![\d.])(?:10(?:\.\d{1,3}){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|192\.168(?:\.\d{1,3}){2})(?![\d]|\.\d)/g,
  (m) => (m[0].split('.').every((o) => Number(o) <= 255) ? [m.index, m.index + m[0].length] : null),
);

const phone = byPattern(/(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w]|[.-]\d)/g, (m) => {
  const digits = m[0].replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15 && (m[0].startsWith('+') || m[0].includes('(') || /[ .-]/.test(m[0])) ? [m.index, m.index + m[0].length] : null;
});

// The value only: "password = [SECRET-1]" keeps what the line was about.
const secretAssignment = byPattern(
  /(?<![A-Za-z0-9])(?:password|passwd|pwd|secret|client[_-]?secret|api[_-]?key|access[_-]?key|auth[_-]?token|token)["']?\s{0,4}[:=]\s{0,4}["']?([^\s"'`,;]{8,200})/gi,
  (m) => {
    const value = m[1];
    const start = m.index + m[0].length - value.length;
    return looksSecret(value) ? [start, start + value.length] : null;
  },
);

/** @type {BuiltinDetector[]} */
export const BUILTIN_DETECTORS = [
  { id: 'payment-card', name: 'Payment card number', label: 'CARD', onByDefault: true, find: card },
  { id: 'private-key', name: 'Private key', label: 'PRIVATE-KEY', onByDefault: true, find: privateKey },
  { id: 'aws-access-key', name: 'AWS access key', label: 'AWS-KEY', onByDefault: true, find: token('(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}') },
  { id: 'github-token', name: 'GitHub token', label: 'GITHUB-TOKEN', onByDefault: true, find: token('gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}') },
  { id: 'gitlab-token', name: 'GitLab token', label: 'GITLAB-TOKEN', onByDefault: true, find: token('gl(?:pat|dt|rt|ptt|soat|ft|cbt|imt|agent)-[A-Za-z0-9_-]{20,64}') },
  { id: 'slack-token', name: 'Slack token', label: 'SLACK-TOKEN', onByDefault: true, find: token('xox[abeoprs]-(?:[0-9]{1,15}-){0,3}[A-Za-z0-9-]{10,120}|xapp-\\d-[A-Z0-9]{1,20}-\\d{1,20}-[a-z0-9]{30,70}|https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/]{20,120}') },
  { id: 'stripe-key', name: 'Stripe secret key', label: 'STRIPE-KEY', onByDefault: true, find: token('(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}') },
  { id: 'openai-key', name: 'OpenAI API key', label: 'OPENAI-KEY', onByDefault: true, find: token('sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}') },
  { id: 'anthropic-key', name: 'Anthropic API key', label: 'ANTHROPIC-KEY', onByDefault: true, find: token('sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{20,250}') },
  { id: 'google-api-key', name: 'Google API key', label: 'GOOGLE-KEY', onByDefault: true, find: token('AIza[0-9A-Za-z_-]{35}') },
  { id: 'jwt', name: 'JSON Web Token', label: 'JWT', onByDefault: true, find: token('eyJ[A-Za-z0-9_-]{5,4000}\\.eyJ[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{10,2000}') },
  { id: 'iban', name: 'IBAN', label: 'IBAN', onByDefault: false, find: iban },
  { id: 'email', name: 'E-mail address', label: 'EMAIL', onByDefault: false, find: byPattern(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g) },
  { id: 'phone', name: 'Phone number', label: 'PHONE', onByDefault: false, find: phone },
  { id: 'us-ssn', name: 'US Social Security number', label: 'SSN', onByDefault: false, find: byPattern(/(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d]|-\d)/g) },
  { id: 'uk-nino', name: 'UK National Insurance number', label: 'NINO', onByDefault: false, find: byPattern(/(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g) },
  { id: 'private-ip', name: 'Private IP address', label: 'PRIVATE-IP', onByDefault: false, find: privateIp },
  { id: 'secret-assignment', name: 'Password or secret assignment', label: 'SECRET', onByDefault: false, find: secretAssignment },
];

export const BUILTIN_BY_ID = new Map(BUILTIN_DETECTORS.map((d) => [d.id, d]));
