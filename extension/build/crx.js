// Packs dist/ into a CRX3 for self-hosted installs in Chrome and Edge, signed with the organization's key.
// PROMPTGATE_CRX_KEY names the organization's PEM (RSA private key); without it a throwaway key is made once in
// dist-crx/ and reused, good for tests and trials only. The extension ID follows from the key, so the manifest's
// "key" is replaced by the signing key's public key: unpacked and packed builds then share one ID.
// PROMPTGATE_CRX_OUT names the CRX to write (default dist-crx/promptgate.crx); a JSON file next to it gives its ID.
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import crx3 from 'crx3';

const root = new URL('../', import.meta.url).pathname;
export const THROWAWAY_KEY = join(root, 'dist-crx', 'throwaway-key.pem');

/**
 * The Chromium extension ID of a public key: the first 128 bits of its SHA-256, written with the letters a to p.
 * @param {Buffer} spki DER SubjectPublicKeyInfo
 */
export function extensionIdOf(spki) {
  const hex = createHash('sha256').update(spki).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

/** The throwaway key, made on first use. */
export function throwawayKey() {
  if (!existsSync(THROWAWAY_KEY)) {
    mkdirSync(dirname(THROWAWAY_KEY), { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(THROWAWAY_KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return THROWAWAY_KEY;
}

/**
 * @param {{ source: string, keyPath: string, crxPath: string, version?: string }} options
 * @returns {Promise<{ id: string, version: string, crxPath: string }>}
 */
export async function packCrx({ source, keyPath, crxPath, version }) {
  const spki = /** @type {Buffer} */ (createPublicKey(readFileSync(keyPath)).export({ type: 'spki', format: 'der' }));
  const stage = mkdtempSync(join(tmpdir(), 'promptgate-crx-'));
  try {
    cpSync(source, stage, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8'));
    manifest.key = spki.toString('base64');
    if (version !== undefined) manifest.version = version;
    writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(dirname(crxPath), { recursive: true });
    await crx3([join(stage, 'manifest.json')], { keyPath, crxPath });
    const id = extensionIdOf(spki);
    writeFileSync(crxPath.replace(/\.crx$/, '.json'), `${JSON.stringify({ id, version: manifest.version }, null, 2)}\n`);
    return { id, version: manifest.version, crxPath };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const keyPath = process.env.PROMPTGATE_CRX_KEY ? resolve(process.env.PROMPTGATE_CRX_KEY) : throwawayKey();
  const crxPath = resolve(process.env.PROMPTGATE_CRX_OUT ?? join(root, 'dist-crx', 'promptgate.crx'));
  const packed = await packCrx({ source: join(root, 'dist'), keyPath, crxPath });
  const which = process.env.PROMPTGATE_CRX_KEY ? 'the organization key' : `a throwaway key (${THROWAWAY_KEY}; for tests only)`;
  console.log(`packed extension ${packed.version} as ${packed.id} into ${crxPath}, signed with ${which}`);
}
