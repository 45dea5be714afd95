// Fixture pages with real editors from npm (ProseMirror, Quill, Lexical, Slate, a textarea), a textarea in a form
// whose submit event is the page's send, and an upload page, bundled with esbuild once per test file and served by
// the fixture server under AI host names: /editor/<name> is the page, /editor/<name>.js its script.
import * as esbuild from 'esbuild';

import { startFixtureServer } from './fixture-server.js';

export const EDITORS = ['prosemirror', 'quill', 'lexical', 'slate', 'textarea'];
const SOURCES = new URL('../fixtures/editors/', import.meta.url).pathname;

/** @returns {Promise<Map<string, string>>} */
async function bundle() {
  const names = [...EDITORS, 'form', 'upload'];
  const result = await esbuild.build({
    entryPoints: names.map((n) => `${SOURCES}${n}.js`),
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome121',
    outdir: '/fixture-out',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return new Map(result.outputFiles.map((f) => [f.path.replace(/^.*\/(.*)\.js$/, '$1'), f.text]));
}

/** @param {string} name */
function pageHtml(name) {
  const box = name === 'textarea' ? '<textarea rows="4" cols="70" aria-label="Message"></textarea>' : '';
  const body =
    name === 'upload'
      ? '<input id="file" type="file" multiple><div id="drop" data-fixture="drop" style="width:400px;height:120px;border:2px dashed #888">Drop files here</div>'
      : name === 'form'
        ? `<form id="chat"><div id="editor" data-fixture="prompt"><textarea rows="4" cols="70" aria-label="Message"></textarea></div>
<p><button id="post" type="submit">Post</button> <span id="quick-send" tabindex="0" style="border:1px solid #888;padding:2px 6px">Quick send</span></p></form>
<ul id="received"></ul>`
        : `<div id="editor" data-fixture="prompt" style="min-height:80px;width:600px;border:1px solid #888;padding:8px">${box}</div>
<p><button id="send" type="button">Send</button></p><ul id="received"></ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name} (test fixture)</title></head>
<body style="font-family:sans-serif;margin:0;padding:120px 40px 40px">
<h1>Chat (${name} editor)</h1>
${body}
<script src="/editor/${name}.js"></script>
</body></html>`;
}

/**
 * A fixture server (see startSession's startFixture) that also serves the editor pages.
 * @param {string[]} hosts
 */
export async function startEditorFixtureServer(hosts) {
  const scripts = await bundle();
  return startFixtureServer(hosts, (_host, path) => {
    const match = /^\/editor\/([a-z]+)(\.js)?$/.exec(path);
    const name = match?.[1];
    if (name === undefined || !scripts.has(name)) return null;
    return match?.[2] ? { type: 'text/javascript; charset=utf-8', body: /** @type {string} */ (scripts.get(name)) } : { type: 'text/html; charset=utf-8', body: pageHtml(name) };
  });
}
