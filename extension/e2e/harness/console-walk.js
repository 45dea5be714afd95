// The admin console's walk, shared by the single sign-on and the bootstrap-token e2e: create a group, set ChatGPT to
// ACKNOWLEDGE for it, write and publish a guideline with the keyboard only, test a URL and block it, create an
// enrollment token and copy the Chrome policy; each result read back through the REST API. axe checks every screen.
import assert from 'node:assert/strict';

import AxeBuilder from '@axe-core/playwright';

export const GROUP = 'Research e2e';
export const TESTED_URL = 'https://chat.unlisted-ai.example/c/1';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('./promptgate-server.js').PromptgateServer} PromptgateServer */

/** @param {Page} page @param {string} screen */
export async function assertAccessible(page, screen) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${screen}: accessibility violations`);
}

/** 200 % zoom of a 1280 x 900 window: a 640 x 450 CSS-pixel viewport at twice the pixel density. */
export const ZOOMED_200 = { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 };

/**
 * Opens the screen in a page of a ZOOMED_200 context: it must not scroll sideways, the first controls reached by Tab
 * must each show the focus outline, and in dark mode it must take the dark colours and pass axe.
 * @param {Page} page @param {string} url
 */
export async function assertZoomedAndDark(page, url) {
  const path = new URL(url).pathname;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(url);
  await page.locator('h1').waitFor();
  const width = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
  assert.ok(width.content <= width.viewport, `${path} scrolls sideways at 200 % zoom: ${width.content} > ${width.viewport} CSS pixels`);
  for (let presses = 0; presses < 8; presses++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = /** @type {HTMLElement} */ (document.activeElement);
      const style = getComputedStyle(element);
      return { what: `${element.tagName} ${element.textContent?.trim().slice(0, 30)}`, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.ok(focus.outline !== 'none' && focus.width >= 2, `${path}: the focus on ${focus.what} is not visible`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(13, 17, 23)', `${path} follows dark mode`);
  await assertAccessible(page, `${path} in dark mode at 200 % zoom`);
}

/**
 * The walk, from the overview of a signed-in admin's page.
 * @param {Page} page @param {PromptgateServer} server @param {RegExp} actor how the audit log names the admin
 */
export async function adminWalk(page, server, actor) {
  // A group.
  await page.getByRole('link', { name: 'Groups' }).click();
  await assertAccessible(page, 'groups');
  await page.getByLabel('Name', { exact: true }).last().fill(GROUP);
  await page.getByLabel('IdP group value').last().fill('research-e2e');
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByText('Group created.').waitFor();
  const groups = (await server.admin.request('GET', '/api/v1/groups?size=200')).body.items;
  const group = groups.find((/** @type {{ name: string }} */ g) => g.name === GROUP);
  assert.ok(group, 'the group exists in the API');

  // ChatGPT: ACKNOWLEDGE for the group.
  await page.getByRole('link', { name: 'Services' }).click();
  await assertAccessible(page, 'services');
  await page.getByRole('link', { name: 'ChatGPT', exact: true }).click();
  await assertAccessible(page, 'service');
  const section = page.locator('section', { has: page.getByRole('heading', { name: `For the group ${GROUP}` }) });
  await section.getByLabel('Action', { exact: true }).selectOption('ACKNOWLEDGE');
  await section.getByLabel('Message shown to people').fill('Read the guideline first.');
  await section.getByRole('button', { name: `Save rule for ${GROUP}` }).click();
  await page.getByText('Rule saved.').waitFor();
  const rule = await server.admin.request('GET', `/api/v1/rules/groups/${group.id}/chatgpt`);
  assert.equal(rule.body.action, 'ACKNOWLEDGE');

  // A guideline, written and published with the keyboard only.
  await page.goto(`${server.url}/console/guidelines`);
  await assertAccessible(page, 'guidelines');
  await tabTo(page, 'new-title');
  await page.keyboard.type('Using AI at Acme');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Never paste **customer data**.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/console\/guidelines\/\d+$/);
  await assertAccessible(page, 'guideline editor');
  await tabTo(page, null, 'Publish as the next version');
  await page.keyboard.press('Enter');
  await page.getByText(/Version \d+ is published\./).waitFor();
  const current = await server.admin.request('GET', '/api/v1/guidelines/current');
  assert.equal(current.body.title, 'Using AI at Acme');
  assert.match(current.body.html, /<strong>customer data<\/strong>/);

  // Test a URL, block it, test again.
  await page.getByRole('link', { name: 'Block and allow lists' }).click();
  await page.getByLabel('URL', { exact: true }).fill(TESTED_URL);
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await page.locator('#verdict').getByText('not listed').waitFor();
  await assertAccessible(page, 'lists');
  await page.getByLabel('Pattern').fill('chat.unlisted-ai.example');
  await page.getByLabel('Reason shown to people').fill('Not approved');
  await page.getByRole('button', { name: 'Add entry' }).click();
  await page.getByText('Entry added.').waitFor();
  const verdict = await page.locator('#verdict').innerText();
  assert.match(verdict, /is blocked/);
  assert.match(verdict, /chat\.unlisted-ai\.example/);
  const blocklist = (await server.admin.request('GET', '/api/v1/blocklist?size=200')).body.items;
  assert.ok(blocklist.some((/** @type {{ pattern: string }} */ e) => e.pattern === 'chat.unlisted-ai.example'));

  // An enrollment token, shown once, and the Chrome policy with it, copied.
  await page.getByRole('link', { name: 'Tokens' }).click();
  await assertAccessible(page, 'tokens');
  await page.getByLabel('Name').first().fill('Managed Chrome e2e');
  await page.getByRole('button', { name: 'Create enrollment token' }).click();
  const secret = (await page.locator('#issued-secret').innerText()).trim();
  assert.match(secret, /^pg_/);
  const policy = await fetch(`${server.url}/api/v1/client/policy`, { headers: { Authorization: `Bearer ${secret}` } });
  assert.equal(policy.status, 200, 'browsers can fetch the policy with the new enrollment token');
  await page.goto(`${server.url}/console/tokens`);
  assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');

  await page.getByRole('link', { name: 'Deployment' }).click();
  await assertAccessible(page, 'deployment');
  await page.getByLabel('Enrollment token to fill in').fill(secret);
  await page.getByRole('button', { name: 'Fill in the token' }).click();
  await page.getByRole('button', { name: 'Copy the policy' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  const fromApi = await fetch(`${server.url}/api/v1/deploy/chrome`, {
    headers: { Authorization: `Bearer ${server.bootstrapToken}`, 'X-Promptgate-Enrollment-Token': secret },
  });
  assert.equal(fromApi.status, 200);
  assert.deepEqual(copied, await fromApi.json());
  assert.match(JSON.stringify(copied), new RegExp(secret));

  // The audit log names the admin's changes.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel(/Kind of entity/).fill('group');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('cell', { name: actor }).first().waitFor();
  await assertAccessible(page, 'audit log');
}

/**
 * Presses Tab until the element with this id (or the button with this name) has the focus.
 * @param {Page} page @param {string | null} id @param {string} [buttonName]
 */
export async function tabTo(page, id, buttonName) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent?.trim() }));
    if ((id !== null && focused.id === id) || (buttonName !== undefined && focused.text === buttonName)) return;
  }
  throw new Error(`Tab never reached ${id ?? buttonName}`);
}
