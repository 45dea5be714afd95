// What the warning shows of a finding (masked: 4111 •••• •••• 1111) and what REDACT and "Remove it" put in its place
// ([CARD-1]; the same value gets the same number within one text).

/**
 * @typedef {[number, number]} Range
 * @typedef {{ label: string, ranges: Range[] }} Labelled
 * @typedef {{ start: number, end: number, placeholder: string }} Replacement
 */

/**
 * The replacements for every range of the given findings, in text order; overlapping ranges are merged into the
 * first one.
 * @param {string} text
 * @param {Labelled[]} findings
 * @returns {Replacement[]}
 */
export function replacementsFor(text, findings) {
  const all = findings.flatMap((f) => f.ranges.map(([start, end]) => ({ start, end, label: f.label }))).sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {{ start: number, end: number, label: string }[]} */
  const merged = [];
  for (const r of all) {
    const last = merged.at(-1);
    if (last !== undefined && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  /** @type {Map<string, Map<string, number>>} */
  const numbers = new Map();
  return merged.map(({ start, end, label }) => {
    const seen = numbers.get(label) ?? new Map();
    numbers.set(label, seen);
    const value = text.slice(start, end);
    if (!seen.has(value)) seen.set(value, seen.size + 1);
    return { start, end, placeholder: `[${label}-${seen.get(value)}]` };
  });
}

/**
 * @param {string} text
 * @param {Replacement[]} replacements in text order, not overlapping
 */
export function applyReplacements(text, replacements) {
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.placeholder;
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * A finding as the warning shows it: digits of a card number in groups of 4 with the first and last group kept,
 * anything else with its first characters (a key's public prefix) and the rest as dots.
 * @param {string} value
 * @param {string} label
 */
export function masked(value, label) {
  if (label === 'CARD') {
    const digits = value.replace(/\D/g, '');
    const groups = digits.match(/.{1,4}/g) ?? [];
    return groups.map((g, i) => (i === 0 || i === groups.length - 1 ? g : '•'.repeat(g.length))).join(' ');
  }
  const chars = [...value.replace(/\s+/g, ' ')];
  const keep = chars.length >= 16 ? 4 : chars.length >= 6 ? 2 : 1;
  return chars.slice(0, keep).join('') + '•'.repeat(Math.min(12, Math.max(3, chars.length - keep)));
}
