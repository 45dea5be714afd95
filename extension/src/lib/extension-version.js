// Chromium's extension version: one to four dot-separated integers from 0 to 65535, compared number by number
// (1.0 equals 1.0.0). The server names the version it offers; the extension compares it with its own.

const FORMAT = /^(0|[1-9][0-9]{0,4})(\.(0|[1-9][0-9]{0,4})){0,3}$/;

/**
 * @param {unknown} value
 * @returns {value is string}
 */
export function isExtensionVersion(value) {
  return typeof value === 'string' && FORMAT.test(value) && value.split('.').every((part) => Number(part) <= 65535);
}

/**
 * Whether `offered` is a valid version higher than `running`; anything that is not a version is never newer.
 * @param {unknown} offered
 * @param {string} running
 */
export function isNewerVersion(offered, running) {
  if (!isExtensionVersion(offered) || !isExtensionVersion(running)) return false;
  const a = offered.split('.').map(Number);
  const b = running.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return false;
}
