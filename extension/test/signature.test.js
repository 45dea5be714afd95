import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { base64url, calculateJwkThumbprint } from 'jose';

import { nextPinnedKeys, readJwsHeader, signingKeysOf, verifyDetachedJws } from '../src/lib/signature.js';

/** Signs like the server (docs/client-api.md): a detached JWS over the exact bytes, ES256, raw r‖s signature. */
async function makeSigner(kid = 'key-1') {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = signingKeysOf({ keys: [{ ...jwk, kid, use: 'sig', alg: 'ES256' }] })[0];
  /** @param {Uint8Array} body @param {object} [header] */
  const sign = async (body, header = { alg: 'ES256', kid }) => {
    const encodedHeader = base64url.encode(new TextEncoder().encode(JSON.stringify(header)));
    const input = new TextEncoder().encode(`${encodedHeader}.${base64url.encode(body)}`);
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input));
    return `${encodedHeader}..${base64url.encode(signature)}`;
  };
  /** Endorses another key: a compact JWS over its RFC 7638 thumbprint, as the server does when it rotates. */
  const endorse = async (/** @type {import('../src/lib/signature.js').PublicJwk} */ other) => {
    const payload = new TextEncoder().encode(await calculateJwkThumbprint(other));
    const detached = await sign(payload);
    const [h, , s] = detached.split('.');
    return `${h}.${base64url.encode(payload)}.${s}`;
  };
  return { publicJwk, sign, endorse };
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
    for (const value of [null, '', 'a.b.c', 'a..', '..', `${base64url.encode(body)}.x.y`]) {
      assert.equal((await verifyDetachedJws(value, body, [publicJwk])).ok, false, String(value));
    }
  });

  it('refuses a signature that is not 64 bytes', async () => {
    const { publicJwk, sign } = await makeSigner();
    const [header] = (await sign(body)).split('.');
    const result = await verifyDetachedJws(`${header}..${base64url.encode(new Uint8Array(70))}`, body, [publicJwk]);
    assert.deepEqual(result, { ok: false, reason: 'the signature does not verify', kid: 'key-1' });
  });
});

describe('readJwsHeader', () => {
  it('reads alg and kid', () => {
    const header = base64url.encode(new TextEncoder().encode('{"alg":"ES256","kid":"k"}'));
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

  it('pins what it first sees', async () => {
    assert.deepEqual(await nextPinnedKeys([], [key('a')]), [key('a')]);
  });

  it('accepts a new key endorsed by a pinned key, and one endorsed by that one in the same JWKS', async () => {
    const old = await makeSigner('old');
    const next = await makeSigner('next');
    const last = await makeSigner('last');
    const endorsedNext = { ...next.publicJwk, endorsement: await old.endorse(next.publicJwk) };
    const endorsedLast = { ...last.publicJwk, endorsement: await next.endorse(last.publicJwk) };
    assert.deepEqual(await nextPinnedKeys([old.publicJwk], [endorsedLast, endorsedNext, old.publicJwk]), [
      old.publicJwk,
      next.publicJwk,
      last.publicJwk,
    ]);
  });

  it('refuses a new key that merely sits next to a pinned public key, or is endorsed by an unpinned key', async () => {
    const old = await makeSigner('old');
    const attacker = await makeSigner('attacker');
    const other = await makeSigner('other');
    assert.equal(await nextPinnedKeys([old.publicJwk], [attacker.publicJwk, old.publicJwk]), null);
    const selfEndorsed = { ...attacker.publicJwk, endorsement: await attacker.endorse(attacker.publicJwk) };
    assert.equal(await nextPinnedKeys([old.publicJwk], [selfEndorsed, old.publicJwk]), null);
    // An endorsement of one key does not carry over to another.
    const stolen = { ...attacker.publicJwk, endorsement: await old.endorse(other.publicJwk) };
    assert.equal(await nextPinnedKeys([old.publicJwk], [stolen, old.publicJwk]), null);
  });

  it('refuses an empty JWKS and a substituted key', async () => {
    assert.equal(await nextPinnedKeys([key('a')], []), null);
    assert.equal(await nextPinnedKeys([key('a'), key('b')], [key('a'), key('b', 'other')]), null);
  });
});
