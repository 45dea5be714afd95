// Builds the extension into dist/ (load it unpacked) and one zip per target into dist-zip/.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import * as esbuild from 'esbuild';

import { firefoxManifest } from './firefox.js';
import { iconPng } from './icons.js';
import { zip } from './zip.js';

const root = new URL('../', import.meta.url).pathname;
const src = join(root, 'src');
const dist = join(root, 'dist');
const distFirefox = join(root, 'dist-firefox');
const zips = join(root, 'dist-zip');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const PAGES = ['blocked', 'popup', 'options', 'guidelines', 'sign-in'];

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'pages'), { recursive: true });
mkdirSync(join(dist, 'icons'), { recursive: true });

const common = { bundle: true, target: 'chrome121', legalComments: /** @type {const} */ ('none'), logLevel: /** @type {const} */ ('warning') };
await Promise.all([
  esbuild.build({ ...common, entryPoints: [join(src, 'background/service-worker.js')], outfile: join(dist, 'background.js'), format: 'esm' }),
  // Content scripts cannot be modules.
  esbuild.build({ ...common, entryPoints: [join(src, 'content/main.js')], outfile: join(dist, 'content.js'), format: 'iife' }),
  esbuild.build({ ...common, entryPoints: PAGES.map((p) => join(src, `pages/${p}.js`)), outdir: join(dist, 'pages'), format: 'esm' }),
]);
for (const page of PAGES) cpSync(join(src, `pages/${page}.html`), join(dist, `pages/${page}.html`));
cpSync(join(src, 'pages/pages.css'), join(dist, 'pages/pages.css'));
cpSync(join(src, 'managed-schema.json'), join(dist, 'managed-schema.json'));
for (const size of [16, 48, 128]) writeFileSync(join(dist, `icons/icon-${size}.png`), iconPng(size));

const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

// Chrome and Edge run the same package today; each gets its own zip so a store-specific change has a place to go.
mkdirSync(zips, { recursive: true });
const files = listFiles(dist).map((path) => ({ name: relative(dist, path).split('\\').join('/'), data: readFileSync(path) }));
for (const target of ['chrome', 'edge']) {
  writeFileSync(join(zips, `promptgate-${target}-${version}.zip`), zip(files));
}

// Firefox: the same files, the background bundled as a classic script (an event page) and its own manifest. The XPI
// is unsigned: release Firefox installs it only once Mozilla signed it (docs/browser-rollout.md, Firefox).
rmSync(distFirefox, { recursive: true, force: true });
cpSync(dist, distFirefox, { recursive: true });
await esbuild.build({ ...common, target: 'firefox140', entryPoints: [join(src, 'background/service-worker.js')], outfile: join(distFirefox, 'background.js'), format: 'iife' });
writeFileSync(join(distFirefox, 'manifest.json'), `${JSON.stringify(firefoxManifest(manifest), null, 2)}\n`);
const firefoxFiles = listFiles(distFirefox).map((path) => ({ name: relative(distFirefox, path).split('\\').join('/'), data: readFileSync(path) }));
const xpi = zip(firefoxFiles);
writeFileSync(join(zips, `promptgate-firefox-${version}.xpi`), xpi);
// The XPI the server offers at /api/v1/extension/promptgate.xpi (./mvnw package sets this).
if (process.env.PROMPTGATE_XPI_OUT) {
  mkdirSync(dirname(process.env.PROMPTGATE_XPI_OUT), { recursive: true });
  writeFileSync(process.env.PROMPTGATE_XPI_OUT, xpi);
}
console.log(`built extension ${version} into dist/, dist-firefox/ and dist-zip/`);

/** @param {string} dir @returns {string[]} */
function listFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}
