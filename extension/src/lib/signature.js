// Checks the detached JWS (RFC 7515 appendix F) the server sends in X-Promptgate-Signature over the exact bundle
// bytes: BASE64URL(header) '..' BASE64URL(signature), signed over BASE64URL(header) '.' BASE64URL(body), ES256 only.
// The JOSE work is done by the `jose` library; this module only decides which keys are trusted.
import { base64url, calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK } from 'jose';

/**
 * @typedef {object} PublicJwk
 * @property {'EC'} kty
 * @property {'P-256'} crv
 * @property {string} kid
 * @property {string} x
 * @property {string} y
 *
 * @typedef {PublicJwk & { endorsement?: string }} PublishedJwk a key as the JWKS lists it: a key that was added
 *   while another one was active carries that key's endorsement (see {@link nextPinnedKeys})
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
    const header = decodeProtectedHeader(/** @type {string} */ (jws));
    const { alg, kid } = header;
    return typeof alg === 'string' && typeof kid === 'string' && !('crit' in header) ? { alg, kid } : null;
  } catch {
    return null;
  }
}

/**
 * Verifies the signature over `body` with the key the header names, taken from `keys`.
 * @param {string | null | undefined} jws the header value
 * @param {Uint8Array} body the exact response bytes
 * @param {readonly PublicJwk[]} keys trusted keys
 * @returns {Promise<SignatureCheck>}
 */
export async function verifyDetachedJws(jws, body, keys) {
  const header = readJwsHeader(jws);
  if (header === null) return { ok: false, reason: 'the signature header is missing or malformed' };
  if (header.alg !== 'ES256') return { ok: false, reason: `algorithm ${header.alg} is not accepted`, kid: header.kid };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (jwk === undefined) return { ok: false, reason: `key ${header.kid} is not pinned`, kid: header.kid };
  const [encodedHeader, , encodedSignature] = /** @type {string} */ (jws).split('.');
  const check = await verifyCompact(`${encodedHeader}.${base64url.encode(body)}.${encodedSignature}`, jwk);
  return check.ok ? { ok: true, kid: check.kid } : check;
}

/**
 * @param {string} compact
 * @param {PublicJwk} jwk
 * @returns {Promise<SignatureCheck & { payload?: Uint8Array }>}
 */
async function verifyCompact(compact, jwk) {
  let key;
  try {
    key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256');
  } catch (error) {
    return { ok: false, reason: `the key ${jwk.kid} is unusable: ${String(error)}`, kid: jwk.kid };
  }
  try {
    const { payload } = await compactVerify(compact, key, { algorithms: ['ES256'] });
    return { ok: true, kid: jwk.kid, payload };
  } catch {
    return { ok: false, reason: 'the signature does not verify', kid: jwk.kid };
  }
}

/**
 * Keeps the usable signing keys of a JWKS (or of the managed configuration), dropping anything else.
 * @param {unknown} jwks `{keys: [...]}` or an array of keys
 * @returns {PublishedJwk[]}
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
    .map((k) => ({
      kty: 'EC',
      crv: 'P-256',
      kid: k.kid,
      x: k.x,
      y: k.y,
      ...(typeof k.endorsement === 'string' ? { endorsement: k.endorsement } : {}),
    }));
}

/**
 * Trust on first use, with endorsed rotation (docs/adr/0010-enforcement-without-gaps.md). With nothing pinned, the
 * fetched keys are pinned. Later a fetched key is trusted only if it is already pinned with the same material, or if
 * it carries an endorsement: a compact JWS, signed by a trusted key, whose payload is the new key's RFC 7638
 * thumbprint. Listing a pinned public key proves nothing (public keys are public); only a signature by a pinned
 * private key does. Endorsements chain within one JWKS (a key endorsed by a key that was just endorsed).
 * @param {readonly PublicJwk[]} pinned
 * @param {readonly PublishedJwk[]} fetched
 * @returns {Promise<PublicJwk[] | null>} the keys to trust from now on, or null when the JWKS adds nothing trusted
 */
export async function nextPinnedKeys(pinned, fetched) {
  const bare = (/** @type {PublishedJwk} */ { kty, crv, kid, x, y }) => /** @type {PublicJwk} */ ({ kty, crv, kid, x, y });
  if (fetched.length === 0) return null;
  if (pinned.length === 0) return fetched.map(bare);
  // A pinned key id that now names different key material is a substitution, not a rotation.
  if (fetched.some((f) => pinned.some((p) => p.kid === f.kid && (p.x !== f.x || p.y !== f.y)))) return null;
  const trusted = [...pinned];
  let pending = fetched.filter((f) => !pinned.some((p) => p.kid === f.kid));
  let grew = true;
  while (grew && pending.length > 0) {
    grew = false;
    for (const candidate of pending) {
      if (await isEndorsed(candidate, trusted)) {
        trusted.push(bare(candidate));
        grew = true;
      }
    }
    pending = pending.filter((f) => !trusted.some((t) => t.kid === f.kid));
  }
  return trusted.length === pinned.length ? null : trusted;
}

/**
 * @param {PublishedJwk} candidate
 * @param {readonly PublicJwk[]} trusted
 */
async function isEndorsed(candidate, trusted) {
  if (candidate.endorsement === undefined) return false;
  const header = readCompactHeader(candidate.endorsement);
  const endorser = header === null ? undefined : trusted.find((t) => t.kid === header.kid);
  if (endorser === undefined) return false;
  const check = await verifyCompact(candidate.endorsement, endorser);
  if (!check.ok || check.payload === undefined) return false;
  const thumbprint = await calculateJwkThumbprint({ kty: candidate.kty, crv: candidate.crv, x: candidate.x, y: candidate.y });
  return new TextDecoder().decode(check.payload) === thumbprint;
}

/** @param {string} compact */
function readCompactHeader(compact) {
  try {
    const { kid } = decodeProtectedHeader(compact);
    return typeof kid === 'string' ? { kid } : null;
  } catch {
    return null;
  }
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
