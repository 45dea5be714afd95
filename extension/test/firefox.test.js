import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { firefoxManifest, GECKO_ID } from '../build/firefox.js';
import { forFirefox } from '../src/lib/dnr-firefox.js';

describe('firefoxManifest', () => {
  const chrome = JSON.parse(readFileSync(new URL('../src/manifest.json', import.meta.url), 'utf8'));
  const firefox = firefoxManifest(chrome);

  it('has an event page, a gecko ID and the data the extension sends declared', () => {
    assert.deepEqual(firefox.background, { scripts: ['background.js'] });
    assert.equal(firefox.browser_specific_settings.gecko.id, GECKO_ID);
    assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions.required, ['browsingActivity', 'websiteActivity', 'authenticationInfo']);
  });

  it("leaves out what only Chrome knows, and leaves Chrome's manifest alone", () => {
    for (const key of ['key', 'minimum_chrome_version', 'storage']) assert.equal(key in firefox, false, key);
    assert.equal(firefox.permissions.includes('identity.email'), false);
    assert.ok(firefox.permissions.includes('declarativeNetRequestWithHostAccess'));
    assert.equal(firefox.web_accessible_resources.some((/** @type {any} */ r) => 'use_dynamic_url' in r), false);
    assert.equal(chrome.background.service_worker, 'background.js');
    assert.equal(chrome.web_accessible_resources[0].use_dynamic_url, true);
  });
});

describe('forFirefox', () => {
  /** @type {chrome.declarativeNetRequest.Rule[]} */
  const rules = [
    { id: 1, priority: 1, action: { type: /** @type {any} */ ('block') }, condition: { urlFilter: '||a.example', resourceTypes: [/** @type {any} */ ('main_frame')] } },
    { id: 2, priority: 1, action: { type: /** @type {any} */ ('block') }, condition: { urlFilter: '||b.example', resourceTypes: [/** @type {any} */ ('xmlhttprequest'), /** @type {any} */ ('webtransport'), /** @type {any} */ ('webbundle')] } },
    { id: 3, priority: 1, action: { type: /** @type {any} */ ('block') }, condition: { urlFilter: '||c.example', resourceTypes: [/** @type {any} */ ('webtransport')] } },
    { id: 4, priority: 1, action: { type: /** @type {any} */ ('block') }, condition: { urlFilter: '||d.example' } },
  ];

  it('drops the resource types Firefox refuses, and a rule left with none', () => {
    const adapted = forFirefox(rules);
    assert.deepEqual(adapted.map((r) => r.id), [1, 2, 4]);
    assert.deepEqual(adapted[1].condition.resourceTypes, ['xmlhttprequest']);
    assert.equal(adapted[0], rules[0], 'rules Firefox takes are passed through as they are');
  });
});
