// Checks that turn a pattern's candidate into a finding: the Luhn sum and issuer ranges of payment cards, the IBAN
// check digits with each country's length, and the character entropy of an assigned secret. All run in linear time.

/** @param {string} digits only 0-9 */
export function luhnValid(digits) {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d > 4 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// Issuer identification number ranges and the lengths each scheme issues (ISO/IEC 7812 as the schemes publish it).
/** @type {{ from: number, to: number, digits: number, lengths: number[] }[]} */
const ISSUERS = [
  { from: 4, to: 4, digits: 1, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, digits: 2, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, digits: 4, lengths: [16] }, // Mastercard 2-series
  { from: 34, to: 34, digits: 2, lengths: [15] }, // American Express
  { from: 37, to: 37, digits: 2, lengths: [15] },
  { from: 6011, to: 6011, digits: 4, lengths: [16, 17, 18, 19] }, // Discover
  { from: 644, to: 649, digits: 3, lengths: [16, 17, 18, 19] },
  { from: 65, to: 65, digits: 2, lengths: [16, 17, 18, 19] },
  { from: 3528, to: 3589, digits: 4, lengths: [16, 17, 18, 19] }, // JCB
  { from: 300, to: 305, digits: 3, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { from: 36, to: 36, digits: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 38, to: 39, digits: 2, lengths: [16, 17, 18, 19] },
  { from: 62, to: 62, digits: 2, lengths: [16, 17, 18, 19] }, // UnionPay
  { from: 50, to: 50, digits: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro
  { from: 56, to: 58, digits: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { from: 63, to: 63, digits: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { from: 67, to: 67, digits: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/** @param {string} digits only 0-9 */
export function cardNumberValid(digits) {
  if (digits.length < 12 || digits.length > 19) return false;
  const issued = ISSUERS.some((r) => {
    const prefix = Number(digits.slice(0, r.digits));
    return prefix >= r.from && prefix <= r.to && r.lengths.includes(digits.length);
  });
  return issued && luhnValid(digits);
}

// IBAN lengths per country (SWIFT's IBAN registry).
const IBAN_LENGTHS = /** @type {Record<string, number>} */ ({
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27,
  MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
});

/** @param {string} country two capital letters */
export const ibanLength = (country) => IBAN_LENGTHS[country];

/** @param {string} iban capital letters and digits, no spaces */
export function ibanValid(iban) {
  if (ibanLength(iban.slice(0, 2)) !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rest = value > 9 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest === 1;
}

/** Shannon entropy in bits per character. @param {string} text */
export function entropy(text) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...text].length;
  let bits = 0;
  for (const count of counts.values()) bits -= (count / n) * Math.log2(count / n);
  return bits;
}

/**
 * Whether an assigned value looks like a secret rather than a word: long, mixed and random enough, and (when short)
 * without a run of five lower-case letters, which is how "password123" or "changeme" look.
 * @param {string} value
 */
export function looksSecret(value) {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  const wordLike = value.length < 20 && /[a-z]{5}/.test(value);
  return value.length >= 8 && classes >= 2 && !wordLike && entropy(value) >= 3;
}
