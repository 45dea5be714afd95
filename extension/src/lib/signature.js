// Checks the detached JWS (RFC 7515 appendix F) the server sends in X-Promptgate-Signature over the exact bundle
// bytes: BASE64URL(header) '..' BASE64URL(signature), signed over BASE64URL(header) '.' BASE64URL(body), ES256 only.
import { decodeBase64url, encodeBase64url } from './base64url.js';

/**
 * @typedef {object} PublicJwk
 * @property {'EC'} kty
 * @property {'P-256'} crv
 * @property {string} kid
 * @property {string} x
 * @property {string} y
 *
 * @typedef {{ ok: true, kid: string } | { ok: false, reason: string, kid?: string }} SignatureCheck
 */

/**
 * Reads the protected header of a detached JWS without checking anything else.
 * @param {string | null | undefined} jws
 * @returns {{ alg: string, kid: string } | null}
 */
export function readJwsHeader(jws) {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts[1] !== '') return null;
  try {
    const header = JSON.parse(new TextDecoder().decode(decodeBase64url(parts[0])));
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
    return typeof header.alg === 'string' && typeof header.kid === 'string' && !('crit' in header) ? header : null;
  } catch {
    return null;
  }
}

/**
 * Verifies the signature over `body` with the key the header names, taken from `keys`.
 * @param {string | null | undefined} jws the header value
 * @param {Uint8Array<ArrayBuffer>} body the exact response bytes
 * @param {readonly PublicJwk[]} keys pinned keys
 * @returns {Promise<SignatureCheck>}
 */
export async function verifyDetachedJws(jws, body, keys) {
  const header = readJwsHeader(jws);
  if (header === null) return { ok: false, reason: 'the signature header is missing or malformed' };
  if (header.alg !== 'ES256') return { ok: false, reason: `algorithm ${header.alg} is not accepted`, kid: header.kid };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (jwk === undefined) return { ok: false, reason: `key ${header.kid} is not pinned`, kid: header.kid };
  const [encodedHeader, , encodedSignature] = /** @type {string} */ (jws).split('.');
  let signature;
  try {
    signature = decodeBase64url(encodedSignature);
  } catch {
    return { ok: false, reason: 'the signature is not base64url', kid: header.kid };
  }
  if (signature.length !== 64) return { ok: false, reason: 'the signature is not 64 bytes', kid: header.kid };
  const signingInput = new TextEncoder().encode(`${encodedHeader}.${encodeBase64url(body)}`);
  try {
    const key = await importVerifyKey(jwk);
    const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signingInput);
    return valid ? { ok: true, kid: header.kid } : { ok: false, reason: 'the signature does not verify', kid: header.kid };
  } catch (error) {
    return { ok: false, reason: `the key ${header.kid} is unusable: ${String(error)}`, kid: header.kid };
  }
}

/**
 * @param {PublicJwk} jwk
 * @returns {Promise<CryptoKey>}
 */
export function importVerifyKey({ kty, crv, x, y }) {
  return crypto.subtle.importKey('jwk', { kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}

/**
 * Keeps the usable signing keys of a JWKS (or of the managed configuration), dropping anything else.
 * @param {unknown} jwks `{keys: [...]}` or an array of keys
 * @returns {PublicJwk[]}
 */
export function signingKeysOf(jwks) {
  const list = Array.isArray(jwks) ? jwks : isRecord(jwks) && Array.isArray(jwks.keys) ? jwks.keys : [];
  return list
    .filter(
      (k) =>
        isRecord(k) &&
        k.kty === 'EC' &&
        k.crv === 'P-256' &&
        typeof k.kid === 'string' &&
        typeof k.x === 'string' &&
        typeof k.y === 'string' &&
        (k.use === undefined || k.use === 'sig') &&
        (k.alg === undefined || k.alg === 'ES256'),
    )
    .map((k) => ({ kty: 'EC', crv: 'P-256', kid: k.kid, x: k.x, y: k.y }));
}

/**
 * Trust on first use, with rotation: with nothing pinned, the fetched keys are pinned; later, new keys are accepted
 * only from a JWKS that still lists one of the pinned keys unchanged (the overlap the server keeps while rotating).
 * @param {readonly PublicJwk[]} pinned
 * @param {readonly PublicJwk[]} fetched
 * @returns {PublicJwk[] | null} the keys to pin from now on, or null when the JWKS must not be trusted
 */
export function nextPinnedKeys(pinned, fetched) {
  if (fetched.length === 0) return null;
  if (pinned.length === 0) return [...fetched];
  // A pinned key id that now names different key material is a substitution, not a rotation.
  if (fetched.some((f) => pinned.some((p) => p.kid === f.kid && (p.x !== f.x || p.y !== f.y)))) return null;
  const continues = fetched.some((f) => pinned.some((p) => p.kid === f.kid && p.x === f.x && p.y === f.y));
  return continues ? [...fetched] : null;
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
