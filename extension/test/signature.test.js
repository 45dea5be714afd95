import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { encodeBase64url } from '../src/lib/base64url.js';
import { nextPinnedKeys, readJwsHeader, signingKeysOf, verifyDetachedJws } from '../src/lib/signature.js';

/** Signs like the server (docs/client-api.md): a detached JWS over the exact bytes, ES256, raw r‖s signature. */
async function makeSigner(kid = 'key-1') {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = signingKeysOf({ keys: [{ ...jwk, kid, use: 'sig', alg: 'ES256' }] })[0];
  /** @param {Uint8Array} body @param {object} [header] */
  const sign = async (body, header = { alg: 'ES256', kid }) => {
    const encodedHeader = encodeBase64url(new TextEncoder().encode(JSON.stringify(header)));
    const input = new TextEncoder().encode(`${encodedHeader}.${encodeBase64url(body)}`);
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input));
    return `${encodedHeader}..${encodeBase64url(signature)}`;
  };
  return { publicJwk, sign };
}

const body = new TextEncoder().encode('{"schemaVersion":1,"organization":{"name":"Acme"}}');

describe('verifyDetachedJws', () => {
  it('accepts the signature of the exact bytes with a pinned key', async () => {
    const { publicJwk, sign } = await makeSigner();
    assert.deepEqual(await verifyDetachedJws(await sign(body), body, [publicJwk]), { ok: true, kid: 'key-1' });
  });

  it('refuses the bytes when one byte changed', async () => {
    const { publicJwk, sign } = await makeSigner();
    const jws = await sign(body);
    const changed = body.slice();
    changed[20] ^= 0x01;
    const result = await verifyDetachedJws(jws, changed, [publicJwk]);
    assert.deepEqual(result, { ok: false, reason: 'the signature does not verify', kid: 'key-1' });
  });

  it('refuses a changed signature byte', async () => {
    const { publicJwk, sign } = await makeSigner();
    const jws = await sign(body);
    const last = jws.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${jws.slice(0, -2)}${last}${jws.at(-1)}`;
    assert.equal((await verifyDetachedJws(tampered, body, [publicJwk])).ok, false);
  });

  it('refuses a key that is not pinned, and a pinned key id with other key material', async () => {
    const signer = await makeSigner('key-1');
    const other = await makeSigner('key-1');
    const jws = await signer.sign(body);
    assert.equal((await verifyDetachedJws(jws, body, [])).ok, false);
    assert.deepEqual(await verifyDetachedJws(jws, body, [other.publicJwk]), {
      ok: false,
      reason: 'the signature does not verify',
      kid: 'key-1',
    });
  });

  it('refuses other algorithms, critical headers and malformed values', async () => {
    const { publicJwk, sign } = await makeSigner();
    const none = await sign(body, { alg: 'none', kid: 'key-1' });
    assert.match((await verifyDetachedJws(none, body, [publicJwk])).ok ? '' : 'refused', /refused/);
    const crit = await sign(body, { alg: 'ES256', kid: 'key-1', crit: ['b64'] });
    assert.equal((await verifyDetachedJws(crit, body, [publicJwk])).ok, false);
    for (const value of [null, '', 'a.b.c', 'a..', '..', `${encodeBase64url(body)}.x.y`]) {
      assert.equal((await verifyDetachedJws(value, body, [publicJwk])).ok, false, String(value));
    }
  });

  it('refuses a signature that is not 64 bytes', async () => {
    const { publicJwk, sign } = await makeSigner();
    const [header] = (await sign(body)).split('.');
    const result = await verifyDetachedJws(`${header}..${encodeBase64url(new Uint8Array(70))}`, body, [publicJwk]);
    assert.deepEqual(result, { ok: false, reason: 'the signature is not 64 bytes', kid: 'key-1' });
  });
});

describe('readJwsHeader', () => {
  it('reads alg and kid', () => {
    const header = encodeBase64url(new TextEncoder().encode('{"alg":"ES256","kid":"k"}'));
    assert.deepEqual(readJwsHeader(`${header}..sig`), { alg: 'ES256', kid: 'k' });
  });
});

describe('signingKeysOf', () => {
  it('keeps P-256 signing keys only, without extra members', () => {
    const keys = signingKeysOf({
      keys: [
        { kty: 'EC', crv: 'P-256', kid: 'a', x: 'x', y: 'y', use: 'sig', alg: 'ES256', d: 'private!' },
        { kty: 'EC', crv: 'P-384', kid: 'b', x: 'x', y: 'y' },
        { kty: 'RSA', kid: 'c', n: 'n', e: 'AQAB' },
        { kty: 'EC', crv: 'P-256', kid: 'd', x: 'x', y: 'y', use: 'enc' },
      ],
    });
    assert.deepEqual(keys, [{ kty: 'EC', crv: 'P-256', kid: 'a', x: 'x', y: 'y' }]);
  });
});

describe('nextPinnedKeys', () => {
  /** @param {string} kid @param {string} [x] @returns {import('../src/lib/signature.js').PublicJwk} */
  const key = (kid, x = `x-${kid}`) => ({ kty: 'EC', crv: 'P-256', kid, x, y: `y-${kid}` });

  it('pins what it first sees', () => {
    assert.deepEqual(nextPinnedKeys([], [key('a')]), [key('a')]);
  });

  it('accepts a rotation while the JWKS still lists a pinned key', () => {
    assert.deepEqual(nextPinnedKeys([key('a')], [key('a'), key('b')]), [key('a'), key('b')]);
  });

  it('refuses a JWKS without any pinned key, an empty one, and a substituted key', () => {
    assert.equal(nextPinnedKeys([key('a')], [key('b')]), null);
    assert.equal(nextPinnedKeys([key('a')], []), null);
    assert.equal(nextPinnedKeys([key('a'), key('b')], [key('a'), key('b', 'other')]), null);
  });
});
