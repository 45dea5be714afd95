// What the bundle's upload rule says about one file, and how an event describes the file: its top-level MIME type
// and a size bucket, never its name.

/** @typedef {import('./config.js').UploadRule} UploadRule */

const TOP_LEVEL = new Set(['application', 'audio', 'font', 'image', 'message', 'model', 'multipart', 'text', 'video']);

/**
 * The rule's action for a file that fits; a file over maxBytes, or of a type outside `types` (when given), is blocked.
 * @param {UploadRule} rule
 * @param {{ type: string, size: number }} file
 * @returns {'ALLOW' | 'WARN' | 'BLOCK'}
 */
export function uploadAction(rule, file) {
  if (rule.maxBytes !== undefined && file.size > rule.maxBytes) return 'BLOCK';
  if (rule.types !== undefined && !rule.types.some((t) => typeMatches(t, file.type))) return 'BLOCK';
  return rule.action;
}

/** @param {string} pattern application/pdf or image/* @param {string} type */
function typeMatches(pattern, type) {
  const t = type.toLowerCase().split(';')[0].trim();
  return pattern.endsWith('/*') ? t.startsWith(pattern.slice(0, -1)) : t === pattern;
}

/** @param {string} type */
export function fileType(type) {
  const top = type.toLowerCase().split('/')[0];
  return TOP_LEVEL.has(top) ? top : 'unknown';
}

/** @param {number} size @returns {'<1MB' | '1-10MB' | '>10MB'} */
export function sizeBucket(size) {
  if (size < 1024 * 1024) return '<1MB';
  return size <= 10 * 1024 * 1024 ? '1-10MB' : '>10MB';
}
