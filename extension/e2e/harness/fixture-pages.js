// Stand-in pages for AI services: each has the service's name and a prompt box built from the catalog's first
// inputSelector, so that the extension finds it the way it would on the real site.
import { readFileSync } from 'node:fs';

import { matchesFilter, parseFilter } from '../../src/lib/url-filter.js';

/**
 * @typedef {{ key: string, name: string, hosts: string[], inputSelectors: string[], dataPolicy: { historySteps: string[] } }} CatalogService
 */

const catalogFile = new URL('../../../src/main/resources/catalog/builtin-catalog.json', import.meta.url);
/** @type {CatalogService[]} */
export const CATALOG = JSON.parse(readFileSync(catalogFile, 'utf8')).services;

/** @param {string} text */
const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * @param {string} host
 * @returns {CatalogService | undefined}
 */
export function serviceForHost(host) {
  return CATALOG.find((s) => s.hosts.some((h) => matchesFilter(parseFilter(h), `https://${host}/`)));
}

/**
 * HTML for a selector such as `rich-textarea div.ql-editor[contenteditable='true']`: nested elements, the innermost
 * marked data-fixture="prompt" and typable.
 * @param {string} selector
 */
export function promptBoxHtml(selector) {
  const compounds = selector.trim().split(/\s+/);
  let html = '';
  /** @type {string[]} */
  const closing = [];
  compounds.forEach((compound, i) => {
    const tag = /^[a-z][a-z0-9-]*/i.exec(compound)?.[0] ?? 'div';
    const attrs = new Map();
    for (const [, id] of compound.matchAll(/#([\w-]+)/g)) attrs.set('id', id);
    const classes = [...compound.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
    if (classes.length > 0) attrs.set('class', classes.join(' '));
    for (const [, name, , value] of compound.matchAll(/\[([\w-]+)(?:[*^$~|]?=(['"])(.*?)\2)?\]/g)) attrs.set(name, value ?? '');
    const innermost = i === compounds.length - 1;
    if (innermost) {
      attrs.set('data-fixture', 'prompt');
      if (tag !== 'textarea' && tag !== 'input' && !attrs.has('contenteditable')) attrs.set('contenteditable', 'true');
      attrs.set('style', 'display:block;min-height:80px;width:600px;border:1px solid #888;padding:8px');
    }
    html += `<${tag}${[...attrs].map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}>`;
    closing.unshift(`</${tag}>`);
  });
  return html + closing.join('');
}

/** Hand-written pages that copy a service's current editor markup, for editors the generated box cannot imitate. */
const EDITOR_FIXTURES = /** @type {Record<string, string>} */ ({
  'perplexity.ai': 'perplexity.html',
  'www.perplexity.ai': 'perplexity.html',
  'meta.ai': 'meta-ai.html',
  'www.meta.ai': 'meta-ai.html',
});

/**
 * @param {string} host
 * @param {string} path
 */
export function fixturePage(host, path) {
  const file = EDITOR_FIXTURES[host];
  if (file !== undefined) return readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
  const service = serviceForHost(host);
  const name = service?.name ?? host;
  const prompt = promptBoxHtml(service?.inputSelectors[0] ?? 'textarea');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(name)} (test fixture)</title></head>
<body style="font-family:sans-serif;margin:0;padding:120px 40px 40px">
<h1>${escape(name)}</h1>
<p>A test page standing in for ${escape(host)}${escape(path)}.</p>
${prompt}
<p><button id="send" type="button">Send</button></p>
</body></html>`;
}
